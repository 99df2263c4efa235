package io.github.scsiemu.sense;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SenseDecoderTest {

    private static SenseData valid(String hex, SenseFormat format) {
        DecodedSense decoded = SenseDecoder.decode(Hex.bytes(hex));
        assertThat(decoded).isInstanceOf(DecodedSense.Valid.class);
        DecodedSense.Valid valid = (DecodedSense.Valid) decoded;
        assertThat(valid.format()).isEqualTo(format);
        return valid.data();
    }

    private static String malformed(String hex) {
        DecodedSense decoded = SenseDecoder.decode(Hex.bytes(hex));
        assertThat(decoded).isInstanceOf(DecodedSense.Malformed.class);
        return ((DecodedSense.Malformed) decoded).reason();
    }

    @Test
    void fixedInvalidFieldInCdbWithBitPointer() {
        SenseData sense = valid("70 00 05 00 00 00 00 0A 00 00 00 00 24 00 00 C9 00 02", SenseFormat.FIXED);
        assertThat(sense).isEqualTo(SenseData.invalidFieldInCdb(2, 1));
    }

    @Test
    void fixedWithoutValidIgnoresInformationBytes() {
        SenseData sense = valid("70 00 03 12 34 56 78 0A 00 00 00 00 11 00 00 00 00 00", SenseFormat.FIXED);
        assertThat(sense.information()).isEmpty();
        assertThat(valid("F0 00 03 12 34 56 78 0A 00 00 00 00 11 00 00 00 00 00", SenseFormat.FIXED)
                .information()).isEqualTo(OptionalLong.of(0x12345678L));
    }

    @Test
    void fixedHeaderOnlyDecodesSenseKeyAndReadsMissingCodesAsZero() {
        SenseData sense = valid("F1 00 06 00 00 00 2A 0A", SenseFormat.FIXED);
        assertThat(sense.senseKey()).isEqualTo(SenseKey.UNIT_ATTENTION);
        assertThat(sense.deferred()).isTrue();
        assertThat(sense.information()).isEqualTo(OptionalLong.of(0x2A));
        assertThat(sense.additionalSense()).isEqualTo(AdditionalSense.NO_ADDITIONAL_SENSE_INFORMATION);
        assertThat(sense.senseKeySpecific()).isEmpty();
    }

    @Test
    void fixedOf14BytesDecodesAdditionalSense() {
        SenseData sense = valid("70 00 06 00 00 00 00 06 00 00 00 00 29 00", SenseFormat.FIXED);
        assertThat(sense).isEqualTo(SenseData.unitAttention(AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED));
    }

    @Test
    void fixedHonoursAdditionalSenseLengthOverBufferLength() {
        // ADDITIONAL SENSE LENGTH 6: bytes 14-17 are not sense data even though the buffer holds them
        SenseData sense = valid("70 00 05 00 00 00 00 06 00 00 00 00 24 00 07 C9 00 02", SenseFormat.FIXED);
        assertThat(sense.senseKeySpecific()).isEmpty();
        assertThat(sense.fieldReplaceableUnitCode()).isZero();
        assertThat(sense.additionalSense()).isEqualTo(AdditionalSense.INVALID_FIELD_IN_CDB);
    }

    @Test
    void fixedFlagsAndSegmentPointer() {
        SenseData sense = valid("70 00 EA 00 00 00 00 0A 00 00 00 00 0D 02 00 A9 00 05", SenseFormat.FIXED);
        assertThat(sense.filemark()).isTrue();
        assertThat(sense.endOfMedium()).isTrue();
        assertThat(sense.incorrectLength()).isTrue();
        assertThat(sense.senseKeySpecific()).contains(
                new SenseKeySpecific.SegmentPointer(true, 5, OptionalInt.of(1)));
    }

    @Test
    void senseKeySpecificOfUndefinedKeyStaysRaw() {
        SenseData sense = valid("72 07 27 00 00 00 00 08 02 06 00 00 80 12 34 00", SenseFormat.DESCRIPTOR);
        assertThat(sense.senseKeySpecific()).contains(new SenseKeySpecific.Raw(0x001234));
    }

    @Test
    void descriptorWithInformation() {
        SenseData sense = valid("72 03 11 00 00 00 00 0C 00 0A 80 00 00 00 00 01 23 45 67 89",
                SenseFormat.DESCRIPTOR);
        assertThat(sense).isEqualTo(SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR)
                .withInformation(0x1_2345_6789L));
    }

    @Test
    void informationDescriptorWithValidClearMeansNoInformation() {
        SenseData sense = valid("72 03 11 00 00 00 00 0C 00 0A 00 00 00 00 00 01 23 45 67 89",
                SenseFormat.DESCRIPTOR);
        assertThat(sense.information()).isEmpty();
    }

    @Test
    void blockAndStreamCommandsDescriptorsBothCarryIli() {
        assertThat(valid("72 05 24 00 00 00 00 04 05 02 00 20", SenseFormat.DESCRIPTOR).incorrectLength()).isTrue();
        SenseData stream = valid("72 00 00 01 00 00 00 04 04 02 00 E0", SenseFormat.DESCRIPTOR);
        assertThat(stream.filemark()).isTrue();
        assertThat(stream.endOfMedium()).isTrue();
        assertThat(stream.incorrectLength()).isTrue();
    }

    @Test
    void unknownDescriptorsAreSkipped() {
        SenseData sense = valid("72 05 24 00 00 00 00 10 0A 06 01 02 03 04 05 06 02 06 00 00 C9 00 02 00",
                SenseFormat.DESCRIPTOR);
        assertThat(sense).isEqualTo(SenseData.invalidFieldInCdb(2, 1));
    }

    @Test
    void truncatedDescriptorIsIgnored() {
        SenseData sense = valid("72 05 24 00 00 00 00 14 02 06 00 00 C9 00 02 00 00 0A 80 00 00",
                SenseFormat.DESCRIPTOR);
        assertThat(sense).isEqualTo(SenseData.invalidFieldInCdb(2, 1));
    }

    @Test
    void firstOfRepeatedDescriptorsWins() {
        SenseData sense = valid("72 04 44 00 00 00 00 08 03 02 00 11 03 02 00 22", SenseFormat.DESCRIPTOR);
        assertThat(sense.fieldReplaceableUnitCode()).isEqualTo(0x11);
    }

    @Test
    void descriptorHeaderOfFourBytesDecodesCodes() {
        SenseData sense = valid("73 02 3A 00", SenseFormat.DESCRIPTOR);
        assertThat(sense).isEqualTo(SenseData.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT)
                .withDeferred(true));
    }

    @Test
    void descriptorShorterThanTheStandardIsMalformed() {
        assertThat(malformed("72 03 11 00 00 00 00 06 00 04 80 00 00 00")).contains("descriptor 00h");
    }

    @Test
    void unusableBytesAreMalformed() {
        assertThat(malformed("")).contains("empty");
        assertThat(malformed("70")).contains("8-byte header");
        assertThat(malformed("70 00 05 00 00 00 00")).contains("8-byte header");
        assertThat(malformed("72 05 24")).contains("too short");
        assertThat(malformed("7F 00 05 00 00 00 00 0A")).contains("vendor specific response code 7Fh");
        assertThat(malformed("00 00 05 00 00 00 00 0A")).contains("response code 00h");
        assertThat(SenseDecoder.decode(null)).isInstanceOf(DecodedSense.Malformed.class);
    }

    @Test
    void offsetAndLengthSelectPartOfABuffer() {
        byte[] buffer = Hex.bytes("FF FF 72 02 3A 00 00 00 00 00 FF");
        assertThat(SenseDecoder.decode(buffer, 2, 8)).isEqualTo(new DecodedSense.Valid(
                SenseData.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT), SenseFormat.DESCRIPTOR));
        assertThat(SenseDecoder.decode(buffer, 8, 4)).isInstanceOf(DecodedSense.Malformed.class);
        assertThat(SenseDecoder.decode(buffer, -1, 2)).isInstanceOf(DecodedSense.Malformed.class);
        assertThat(SenseDecoder.decode(buffer, 0, Integer.MAX_VALUE)).isInstanceOf(DecodedSense.Malformed.class);
    }

    @Test
    void progressAndRetryCountFollowTheSenseKey() {
        assertThat(valid("70 00 02 00 00 00 00 0A 00 00 00 00 04 04 00 80 80 00", SenseFormat.FIXED)
                .senseKeySpecific()).isEqualTo(Optional.of(new SenseKeySpecific.ProgressIndication(0x8000)));
        assertThat(valid("70 00 01 00 00 00 00 0A 00 00 00 00 17 01 00 80 00 05", SenseFormat.FIXED)
                .senseKeySpecific()).isEqualTo(Optional.of(new SenseKeySpecific.ActualRetryCount(5)));
    }
}
