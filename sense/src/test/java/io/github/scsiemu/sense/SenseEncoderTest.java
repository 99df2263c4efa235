package io.github.scsiemu.sense;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SenseEncoderTest {

    private static String fixed(SenseData sense) {
        return Hex.string(SenseEncoder.encode(sense, SenseFormat.FIXED));
    }

    private static String descriptor(SenseData sense) {
        return Hex.string(SenseEncoder.encode(sense, SenseFormat.DESCRIPTOR));
    }

    @Test
    void invalidFieldInCdbByte2Bit1InFixedFormatSetsSksvCdBpvAndBitPointer() {
        // byte 15 = SKSV 80h | C/D 40h | BPV 08h | bit pointer 1; bytes 16-17 = field pointer 0002h
        assertThat(fixed(SenseData.invalidFieldInCdb(2, 1)))
                .isEqualTo("70 00 05 00 00 00 00 0A 00 00 00 00 24 00 00 C9 00 02");
    }

    @Test
    void invalidFieldInCdbWholeByteInFixedFormatLeavesBpvClear() {
        SenseData sense = SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB)
                .withSenseKeySpecific(SenseKeySpecific.FieldPointer.cdbByte(2));
        assertThat(fixed(sense)).isEqualTo("70 00 05 00 00 00 00 0A 00 00 00 00 24 00 00 C0 00 02");
    }

    @Test
    void invalidFieldInCdbByte2Bit1InDescriptorFormatUsesSenseKeySpecificDescriptor() {
        assertThat(descriptor(SenseData.invalidFieldInCdb(2, 1)))
                .isEqualTo("72 05 24 00 00 00 00 08 02 06 00 00 C9 00 02 00");
    }

    @Test
    void deferredInvalidFieldInParameterListUses71hAnd73h() {
        SenseData sense = SenseData.invalidFieldInParameterList(258, 2).withDeferred(true);
        assertThat(fixed(sense)).isEqualTo("71 00 05 00 00 00 00 0A 00 00 00 00 26 00 00 8A 01 02");
        assertThat(descriptor(sense)).isEqualTo("73 05 26 00 00 00 00 08 02 06 00 00 8A 01 02 00");
    }

    @Test
    void deferredHardwareErrorWithRetryCount() {
        SenseData sense = SenseData.of(SenseKey.HARDWARE_ERROR, AdditionalSense.INTERNAL_TARGET_FAILURE)
                .withDeferred(true).withSenseKeySpecific(new SenseKeySpecific.ActualRetryCount(0x0102));
        assertThat(fixed(sense)).isEqualTo("71 00 04 00 00 00 00 0A 00 00 00 00 44 00 00 80 01 02");
    }

    @Test
    void informationInFixedFormatSetsValid() {
        SenseData sense = SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR)
                .withInformation(0x12345678L).withFieldReplaceableUnitCode(7);
        assertThat(fixed(sense)).isEqualTo("F0 00 03 12 34 56 78 0A 00 00 00 00 11 00 07 00 00 00");
    }

    @Test
    void informationBeyond32BitsClearsValidInFixedFormat() {
        SenseData sense = SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR)
                .withInformation(0x1_0000_0000L);
        assertThat(fixed(sense)).isEqualTo("70 00 03 00 00 00 00 0A 00 00 00 00 11 00 00 00 00 00");
        assertThat(SenseEncoder.fitsFixedFormat(sense)).isFalse();
        assertThat(SenseEncoder.fitsFixedFormat(sense.withInformation(0xFFFF_FFFFL))).isTrue();
    }

    @Test
    void informationDescriptorCarriesValidAndEightByteInformation() {
        SenseData sense = SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR)
                .withInformation(0x1_2345_6789L);
        assertThat(descriptor(sense))
                .isEqualTo("72 03 11 00 00 00 00 0C 00 0A 80 00 00 00 00 01 23 45 67 89");
    }

    @Test
    void allDescriptorsInAscendingTypeOrder() {
        SenseData sense = SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR)
                .withInformation(-1L).withCommandSpecificInformation(0x0102030405060708L)
                .withSenseKeySpecific(new SenseKeySpecific.ActualRetryCount(3))
                .withFieldReplaceableUnitCode(0x12).withFilemark(true).withIncorrectLength(true);
        assertThat(descriptor(sense)).isEqualTo("72 03 11 00 00 00 00 28"
                + " 00 0A 80 00 FF FF FF FF FF FF FF FF"
                + " 01 0A 00 00 01 02 03 04 05 06 07 08"
                + " 02 06 00 00 80 00 03 00"
                + " 03 02 00 12"
                + " 04 02 00 A0");
    }

    @Test
    void commandSpecificInformationInFixedFormat() {
        SenseData sense = SenseData.of(SenseKey.COPY_ABORTED, new AdditionalSense(0x0D, 0x02))
                .withCommandSpecificInformation(0xCAFEBABEL)
                .withSenseKeySpecific(new SenseKeySpecific.SegmentPointer(true, 5, OptionalInt.of(1)));
        assertThat(fixed(sense)).isEqualTo("70 00 0A 00 00 00 00 0A CA FE BA BE 0D 02 00 A9 00 05");
    }

    @Test
    void filemarkWithResidueForTape() {
        SenseData sense = SenseData.of(SenseKey.NO_SENSE, AdditionalSense.FILEMARK_DETECTED)
                .withFilemark(true).withInformation(1);
        assertThat(fixed(sense)).isEqualTo("F0 00 80 00 00 00 01 0A 00 00 00 00 00 01 00 00 00 00");
        assertThat(descriptor(sense))
                .isEqualTo("72 00 00 01 00 00 00 10 00 0A 80 00 00 00 00 00 00 00 00 01 04 02 00 80");
    }

    @Test
    void incorrectLengthAloneUsesBlockCommandsDescriptor() {
        SenseData sense = SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB)
                .withIncorrectLength(true);
        assertThat(fixed(sense)).isEqualTo("70 00 25 00 00 00 00 0A 00 00 00 00 24 00 00 00 00 00");
        assertThat(descriptor(sense)).isEqualTo("72 05 24 00 00 00 00 04 05 02 00 20");
    }

    @Test
    void endOfMediumUsesStreamCommandsDescriptor() {
        SenseData sense = SenseData.of(SenseKey.VOLUME_OVERFLOW, AdditionalSense.END_OF_PARTITION_MEDIUM_DETECTED)
                .withEndOfMedium(true);
        assertThat(fixed(sense)).isEqualTo("70 00 4D 00 00 00 00 0A 00 00 00 00 00 02 00 00 00 00");
        assertThat(descriptor(sense)).isEqualTo("72 0D 00 02 00 00 00 04 04 02 00 40");
    }

    @Test
    void progressIndicationForNotReady() {
        SenseData sense = SenseData.of(SenseKey.NOT_READY, AdditionalSense.LOGICAL_UNIT_NOT_READY_FORMAT_IN_PROGRESS)
                .withSenseKeySpecific(new SenseKeySpecific.ProgressIndication(0x8000));
        assertThat(fixed(sense)).isEqualTo("70 00 02 00 00 00 00 0A 00 00 00 00 04 04 00 80 80 00");
    }

    @Test
    void unitAttentionQueueOverflow() {
        SenseData sense = SenseData.unitAttention(AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED)
                .withSenseKeySpecific(new SenseKeySpecific.UnitAttentionQueueOverflow(true));
        assertThat(descriptor(sense)).isEqualTo("72 06 29 00 00 00 00 08 02 06 00 00 80 00 01 00");
    }

    @Test
    void bareSenseHasNoDescriptors() {
        assertThat(descriptor(SenseData.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT)))
                .isEqualTo("72 02 3A 00 00 00 00 00");
        assertThat(fixed(SenseData.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT)))
                .isEqualTo("70 00 02 00 00 00 00 0A 00 00 00 00 3A 00 00 00 00 00");
    }

    @Test
    void mismatchedSenseKeySpecificVariantDoesNotFit() {
        SenseData sense = SenseData.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT)
                .withSenseKeySpecific(SenseKeySpecific.FieldPointer.cdb(1, 1));
        assertThat(SenseEncoder.fitsDescriptorFormat(sense)).isFalse();
        assertThat(SenseEncoder.fitsFixedFormat(sense)).isFalse();
    }
}
