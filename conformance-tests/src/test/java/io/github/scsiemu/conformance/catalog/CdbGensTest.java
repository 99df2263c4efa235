package io.github.scsiemu.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.proptest.Property;
import io.github.scsiemu.proptest.Rng;
import io.github.scsiemu.proptest.Shrinkable;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The CDB generators respect the usage data they are built from (SPC-4 6.35.3). */
class CdbGensTest {

    /** REPORT SUPPORTED OPERATION CODES as our engine describes it: A3h/0Ch, byte 2 = RCTD and options. */
    private static final SupportedCommand RSOC = new SupportedCommand(0xA3, OptionalInt.of(0x0C), 12,
            new byte[] {(byte) 0xA3, 0x0C, (byte) 0x87, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x00, 0x00});
    /** INQUIRY: EVPD, PAGE CODE, ALLOCATION LENGTH. */
    private static final SupportedCommand INQUIRY = new SupportedCommand(0x12, OptionalInt.empty(), 6,
            new byte[] {0x12, 0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x00});

    @Test
    void unusedBitsExcludeTheOperationCodeAndTheServiceActionField() {
        List<CdbBit> bits = RSOC.unusedBits();
        assertThat(bits).doesNotContain(new CdbBit(1, 4), new CdbBit(1, 0)).contains(new CdbBit(1, 7),
                new CdbBit(1, 5), new CdbBit(2, 6), new CdbBit(2, 3), new CdbBit(10, 0), new CdbBit(11, 7));
        assertThat(bits).hasSize(3 + 4 + 16);
        assertThat(RSOC.template()).containsExactly(0xA3, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(INQUIRY.unusedBits()).hasSize(7 + 8).first().isEqualTo(new CdbBit(1, 7));
    }

    @Test
    void validCdbsSetOnlyUsedBitsAndKeepTheServiceAction() {
        Property.forAll("validCdbsSetOnlyUsedBits", CdbGens.valid(RSOC)).seed(1).checkThat(cdb -> {
            for (int i = 1; i < cdb.length; i++) {
                if ((cdb[i] & ~(RSOC.freeMask(i) | RSOC.serviceActionMask(i)) & 0xFF) != 0) {
                    return false;
                }
            }
            return cdb[0] == (byte) 0xA3 && (cdb[1] & 0x1F) == 0x0C;
        });
    }

    @Test
    void oneBitInvalidCdbsDifferFromAValidCdbInExactlyTheNamedBit() {
        Property.forAll("oneBitInvalidDiffersInTheNamedBit", CdbGens.oneBitInvalid(INQUIRY, CdbGens.valid(INQUIRY)))
                .seed(2).checkThat(invalid -> {
                    byte[] cdb = invalid.cdb();
                    CdbBit bit = invalid.bit();
                    boolean set = (cdb[bit.byteOffset()] & (1 << bit.bit())) != 0;
                    cdb[bit.byteOffset()] &= (byte) ~(1 << bit.bit());
                    return set && !INQUIRY.uses(bit) && INQUIRY.unusedBits().stream()
                            .noneMatch(b -> (cdb[b.byteOffset()] & (1 << b.bit())) != 0);
                });
    }

    @Test
    void validCdbsShrinkTowardTheTemplate() {
        Shrinkable<byte[]> tree = CdbGens.valid(INQUIRY).generate(new Rng(3));
        Shrinkable<byte[]> simplest = tree;
        while (simplest.children().findFirst().isPresent()) {
            simplest = simplest.children().findFirst().get();
        }
        assertThat(simplest.value()).isEqualTo(INQUIRY.template());
    }

    @Test
    void unlistedServiceActionsAvoidListedOnes() {
        CommandCatalog catalog = CommandCatalog.of(List.of(RSOC, INQUIRY));
        assertThat(catalog.unlistedServiceActions(0xA3)).hasSize(31).doesNotContain(0x0C);
        assertThat(catalog.unlistedOperationCodes()).hasSize(254).doesNotContain(0x12, 0xA3);
        Property.forAll("unlistedServiceActionCdbs", CdbGens.unlistedServiceAction(catalog, 0xA3)).seed(4)
                .checkThat(cdb -> cdb.length == 12 && cdb[0] == (byte) 0xA3 && (cdb[1] & 0x1F) != 0x0C);
    }
}
