package io.github.scsiemu.sense;

import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.proptest.Pair;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Generators of realistic {@link SenseData}: any sense key, an additional sense code from the catalogue (sometimes a
 * vendor-specific one), and the sense key specific variant that SPC-4 4.5.2.4 defines for the key.
 */
final class SenseDataGen {

    private SenseDataGen() {
    }

    /** Assigned pairs (qualifier ranges drawn within), plus some vendor-specific ones. */
    static Gen<AdditionalSense> additionalSense() {
        Gen<AdditionalSense> assigned = Gens.elements(AscCatalogue.entries()).flatMap(
                e -> Gens.integers(e.ascqLow(), e.ascqHigh()).map(q -> new AdditionalSense(e.asc(), q)));
        Gen<AdditionalSense> vendor = Gens.integers(0x80, 0xFF).flatMap(
                asc -> Gens.integers(0, 0xFF).map(q -> new AdditionalSense(asc, q)));
        return Gens.oneOf(assigned, assigned, assigned, vendor);
    }

    /** Only pairs the T10 catalogue assigns. */
    static Gen<AdditionalSense> assignedAdditionalSense() {
        return Gens.elements(AscCatalogue.entries()).flatMap(
                e -> Gens.integers(e.ascqLow(), e.ascqHigh()).map(q -> new AdditionalSense(e.asc(), q)));
    }

    static Gen<OptionalInt> bitPointer() {
        return Gens.oneOf(Gens.constant(OptionalInt.empty()), Gens.integers(0, 7).map(OptionalInt::of));
    }

    /** The sense key specific variant the key defines (SPC-4 4.5.2.4.1), or none. */
    static Gen<Optional<SenseKeySpecific>> senseKeySpecific(SenseKey key) {
        Gen<Integer> u16 = Gens.integers(0, 0xFFFF);
        Gen<SenseKeySpecific> value = switch (key) {
            case ILLEGAL_REQUEST -> Gens.pairs(Gens.booleans(), Gens.pairs(u16, bitPointer()))
                    .map(p -> new SenseKeySpecific.FieldPointer(p.first(), p.second().first(), p.second().second()));
            case NO_SENSE, NOT_READY -> u16.map(SenseKeySpecific.ProgressIndication::new);
            case RECOVERED_ERROR, MEDIUM_ERROR, HARDWARE_ERROR -> u16.map(SenseKeySpecific.ActualRetryCount::new);
            case COPY_ABORTED -> Gens.pairs(Gens.booleans(), Gens.pairs(u16, bitPointer()))
                    .map(p -> new SenseKeySpecific.SegmentPointer(p.first(), p.second().first(),
                            p.second().second()));
            case UNIT_ATTENTION -> Gens.booleans().map(SenseKeySpecific.UnitAttentionQueueOverflow::new);
            default -> Gens.integers(0, 0x7FFFFF).map(SenseKeySpecific.Raw::new);
        };
        return Gens.oneOf(Gens.constant(Optional.empty()), value.map(Optional::of));
    }

    private static Gen<OptionalLong> optionalLong(Gen<Long> value) {
        return Gens.oneOf(Gens.constant(OptionalLong.empty()), value.map(OptionalLong::of));
    }

    /** Sense data that descriptor format represents exactly. */
    static Gen<SenseData> senseData() {
        return senseData(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE), Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE),
                additionalSense());
    }

    /** Sense data that fixed format represents exactly ({@link SenseEncoder#fitsFixedFormat(SenseData)}). */
    static Gen<SenseData> fixedFormatSenseData() {
        return senseData(Gens.longs(0, 0xFFFF_FFFFL), Gens.longs(1, 0xFFFF_FFFFL), additionalSense());
    }

    /** Sense data with information of any size and only catalogue codes, for comparison with other decoders. */
    static Gen<SenseData> catalogueSenseData() {
        return senseData(Gens.oneOf(Gens.longs(0, 0xFFFF_FFFFL), Gens.longs(0, Long.MAX_VALUE)),
                Gens.longs(1, 0xFFFF_FFFFL), assignedAdditionalSense());
    }

    private static Gen<SenseData> senseData(Gen<Long> information, Gen<Long> commandSpecific,
            Gen<AdditionalSense> additionalSense) {
        Gen<Integer> fru = Gens.oneOf(Gens.constant(0), Gens.constant(0), Gens.integers(1, 0xFF));
        Gen<Pair<Boolean, Pair<Boolean, Pair<Boolean, Boolean>>>> bits =
                Gens.pairs(Gens.booleans(), Gens.pairs(Gens.booleans(), Gens.pairs(Gens.booleans(), Gens.booleans())));
        return Gens.elements(SenseKey.values()).flatMap(key -> Gens.pairs(
                Gens.pairs(additionalSense, optionalLong(information)),
                Gens.pairs(Gens.pairs(optionalLong(commandSpecific), senseKeySpecific(key)),
                        Gens.pairs(fru, bits)))
                .map(p -> new SenseData(key, p.first().first(), p.second().second().second().first(),
                        p.first().second(), p.second().first().first(), p.second().first().second(),
                        p.second().second().first(),
                        p.second().second().second().second().first(),
                        p.second().second().second().second().second().first(),
                        p.second().second().second().second().second().second())));
    }
}
