package io.github.scsiemu.sense;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.proptest.Property;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SenseCodecPropertiesTest {

    private static final int TRIES = 1000;

    @Test
    void decodeOfEncodeIsIdentityForFixedFormat() {
        Property.forAll("decode(encode(x, FIXED)) == x for x that fits fixed format",
                SenseDataGen.fixedFormatSenseData()).tries(TRIES).check(sense -> {
                    assertThat(SenseEncoder.fitsFixedFormat(sense)).isTrue();
                    byte[] bytes = SenseEncoder.encode(sense, SenseFormat.FIXED);
                    assertThat(bytes).hasSize(18);
                    assertThat(SenseDecoder.decode(bytes)).isEqualTo(new DecodedSense.Valid(sense, SenseFormat.FIXED));
                });
    }

    @Test
    void decodeOfEncodeIsIdentityForDescriptorFormat() {
        Property.forAll("decode(encode(x, DESCRIPTOR)) == x", SenseDataGen.senseData()).tries(TRIES)
                .check(sense -> {
                    byte[] bytes = SenseEncoder.encode(sense, SenseFormat.DESCRIPTOR);
                    assertThat(bytes.length - 8).isEqualTo(bytes[7] & 0xFF);
                    assertThat(SenseDecoder.decode(bytes))
                            .isEqualTo(new DecodedSense.Valid(sense, SenseFormat.DESCRIPTOR));
                });
    }

    @Test
    void fixedToDescriptorAndBackKeepsCommonFields() {
        Property.forAll("decode(encode(decode(encode(x, FIXED)), DESCRIPTOR)) == decode(encode(x, FIXED))",
                SenseDataGen.senseData()).tries(TRIES).check(sense -> {
                    SenseData viaFixed = data(SenseDecoder.decode(SenseEncoder.encode(sense, SenseFormat.FIXED)));
                    SenseData viaBoth = data(SenseDecoder.decode(
                            SenseEncoder.encode(viaFixed, SenseFormat.DESCRIPTOR)));
                    assertThat(viaBoth).isEqualTo(viaFixed);
                    assertThat(viaFixed.senseKey()).isEqualTo(sense.senseKey());
                    assertThat(viaFixed.additionalSense()).isEqualTo(sense.additionalSense());
                    assertThat(viaFixed.senseKeySpecific()).isEqualTo(sense.senseKeySpecific());
                    assertThat(viaFixed.information().isPresent())
                            .isEqualTo(sense.information().isPresent() && sense.information().getAsLong() >>> 32 == 0);
                });
    }

    @Test
    void decodingAnyBytesNeverThrows() {
        Property.forAll("decode(any bytes) returns Valid or Malformed", Gens.byteArrays(0, 300)).tries(5000)
                .check(SenseCodecPropertiesTest::decodesWithoutThrowing);
    }

    @Test
    void decodingMutatedEncodingsNeverThrows() {
        Gen<byte[]> mutated = Gens.pairs(SenseDataGen.senseData(), Gens.booleans())
                .map(p -> SenseEncoder.encode(p.first(), p.second() ? SenseFormat.FIXED : SenseFormat.DESCRIPTOR))
                .flatMap(bytes -> Gens.pairs(
                        Gens.lists(Gens.pairs(Gens.integers(0, bytes.length - 1), Gens.bytes()), 1, 6),
                        Gens.integers(0, bytes.length + 8))
                        .map(p -> {
                            byte[] copy = bytes.clone();
                            p.first().forEach(edit -> copy[edit.first()] = edit.second());
                            return Arrays.copyOf(copy, p.second());
                        }));
        Property.forAll("decode(mutated valid encoding) returns Valid or Malformed", mutated).tries(5000)
                .check(SenseCodecPropertiesTest::decodesWithoutThrowing);
    }

    @Test
    void validDecodingRendersWithoutThrowing() {
        Property.forAll("render(decode(any bytes)) is non-empty", Gens.byteArrays(0, 64)).tries(2000)
                .check(bytes -> assertThat(SenseRenderer.render(SenseDecoder.decode(bytes))).isNotBlank());
    }

    private static void decodesWithoutThrowing(byte[] bytes) {
        DecodedSense decoded = SenseDecoder.decode(bytes);
        assertThat(decoded).isNotNull();
        if (decoded instanceof DecodedSense.Valid valid) {
            int code = bytes[0] & 0x7F;
            assertThat(code).isBetween(0x70, 0x73);
            assertThat(valid.format()).isEqualTo(code <= 0x71 ? SenseFormat.FIXED : SenseFormat.DESCRIPTOR);
            assertThat(valid.data().deferred()).isEqualTo(code == 0x71 || code == 0x73);
        }
    }

    private static SenseData data(DecodedSense decoded) {
        assertThat(decoded).isInstanceOf(DecodedSense.Valid.class);
        return ((DecodedSense.Valid) decoded).data();
    }
}
