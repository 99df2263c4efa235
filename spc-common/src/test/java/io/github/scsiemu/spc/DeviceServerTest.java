package io.github.scsiemu.spc;

import static io.github.scsiemu.spc.EngineFixture.N1;
import static io.github.scsiemu.spc.EngineFixture.N2;
import static io.github.scsiemu.spc.EngineFixture.assertCheckCondition;
import static io.github.scsiemu.spc.EngineFixture.clearPowerOn;
import static io.github.scsiemu.spc.EngineFixture.device;
import static io.github.scsiemu.spc.EngineFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import io.github.scsiemu.spc.commands.CoreCommands;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DeviceServerTest {

    private final DeviceServer lu = device();

    @Test
    void unknownOperationCodeIsInvalidCommandOperationCodeWithPointerAtByteZero() {
        ScsiResponse r = send(lu, N1, 0, 0xC9, 0, 0, 0, 0, 0);
        assertCheckCondition(r, SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_COMMAND_OPERATION_CODE);
        assertThat(r.sense().get().senseKeySpecific()).contains(SenseKeySpecific.FieldPointer.cdb(0, 7));
        assertThat(r.senseBytes()).hasSize(18);
        assertThat(r.senseBytes()[0]).isEqualTo((byte) 0x70);
    }

    @Test
    void reservedBitIsInvalidFieldInCdbWithExactBitAndIsCheckedBeforeUnitAttention() {
        ScsiResponse r = send(lu, N1, 0, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00);
        assertCheckCondition(r, SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB);
        assertThat(r.sense().get().senseKeySpecific()).contains(SenseKeySpecific.FieldPointer.cdb(3, 5));
        // the unit attention is still pending
        assertCheckCondition(send(lu, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
    }

    @Test
    void nacaBitInControlByteIsRejected() {
        ScsiResponse r = send(lu, N1, 0, 0x00, 0, 0, 0, 0, 0x04);
        assertThat(r.sense().get().senseKeySpecific()).contains(SenseKeySpecific.FieldPointer.cdb(5, 2));
    }

    @Test
    void unsupportedServiceActionPointsAtServiceActionField() {
        ScsiResponse r = send(lu, N1, 0, 0xA3, 0x1F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertCheckCondition(r, SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB);
        assertThat(r.sense().get().senseKeySpecific()).contains(SenseKeySpecific.FieldPointer.cdb(1, 4));
    }

    @Test
    void sharedCommandsLeftOutAreInvalidCommandOperationCodeWhileDeviceCommandsStay() {
        DeviceServer narrow = DeviceServer.builder(EngineFixture.identity())
                .sharedCommands(d -> d == CoreCommands.TEST_UNIT_READY)
                .commands(EngineFixture.testCommands())
                .build();
        ScsiResponse modeSense = send(narrow, N1, 64, 0x1A, 0, 0x3F, 0, 64, 0);
        assertCheckCondition(modeSense, SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_COMMAND_OPERATION_CODE);
        assertThat(modeSense.dataInResidual()).isEqualTo(64);
        assertCheckCondition(send(narrow, N1, 0, 0xA3, 0x0C, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0), SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.INVALID_COMMAND_OPERATION_CODE);
        assertThat(narrow.commands().commands()).extracting(c -> c.descriptor().operationCode())
                .containsExactly(0x00, 0xC0, 0xC2, 0xC3);
    }

    @Test
    void withoutPowerOnUnitAttentionANewNexusStartsEmptyButLaterConditionsAreQueued() {
        DeviceServer quiet = DeviceServer.builder(EngineFixture.identity()).withoutPowerOnUnitAttention().build();
        assertThat(send(quiet, N1, 0, 0, 0, 0, 0, 0, 0).status()).isEqualTo(Status.GOOD);
        assertThat(quiet.unitAttentions().hasPending(N2)).isFalse();
        quiet.nexusLost(N1);
        assertCheckCondition(send(quiet, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
        assertThat(send(quiet, N1, 0, 0, 0, 0, 0, 0, 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void powerOnUnitAttentionIsReportedOncePerNexus() {
        clearPowerOn(lu, N1);
        assertCheckCondition(send(lu, N2, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
        assertThat(send(lu, N2, 0, 0, 0, 0, 0, 0, 0).status()).isEqualTo(Status.GOOD);
        assertThat(send(lu, N1, 0, 0, 0, 0, 0, 0, 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void requestSenseReportsAndClearsUnitAttentionWithGoodStatus() {
        ScsiResponse r = send(lu, N1, 252, 0x03, 0, 0, 0, 252, 0);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInBytes()).containsExactly(
                0x70, 0, 0x06, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x29, 0, 0, 0, 0, 0);
        assertThat(r.dataInResidual()).isEqualTo(252 - 18);
        ScsiResponse again = send(lu, N1, 252, 0x03, 0, 0, 0, 252, 0);
        assertThat(again.dataInBytes()).containsExactly(
                0x70, 0, 0x00, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void requestSenseWithDescReturnsDescriptorFormat() {
        ScsiResponse r = send(lu, N1, 252, 0x03, 0x01, 0, 0, 252, 0);
        assertThat(r.dataInBytes()).containsExactly(0x72, 0x06, 0x29, 0x00, 0, 0, 0, 0);
    }

    @Test
    void notReadyGateStopsMediaCommandsButNotInquiryOrRequestSense() {
        SenseData noMedium = SenseData.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT);
        DeviceServer notReady = DeviceServer.builder(EngineFixture.identity())
                .readiness(() -> Optional.of(noMedium)).build();
        clearPowerOnNotReady(notReady);
        assertCheckCondition(send(notReady, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.NOT_READY,
                AdditionalSense.MEDIUM_NOT_PRESENT);
        ScsiResponse sense = send(notReady, N1, 18, 0x03, 0, 0, 0, 18, 0);
        assertThat(sense.status()).isEqualTo(Status.GOOD);
        assertThat(sense.dataInBytes()[2]).isEqualTo((byte) 0x02);
        assertThat(sense.dataInBytes()[12]).isEqualTo((byte) 0x3A);
    }

    private static void clearPowerOnNotReady(DeviceServer lu) {
        assertCheckCondition(send(lu, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
    }

    @Test
    void dataInIsTruncatedToAllocationLengthAndResidualIsUnderflow() {
        clearPowerOn(lu, N1);
        ScsiResponse r = send(lu, N1, 255, 0xC0, 0, 0, 0, 0, 0, 0, 0, 40, 0);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInBytes()).hasSize(40);
        assertThat(r.dataInBytes()[39]).isEqualTo((byte) 39);
        assertThat(r.dataInResidual()).isEqualTo(255 - 40);
    }

    @Test
    void dataInLargerThanBufferIsTruncatedWithOverflowResidual() {
        clearPowerOn(lu, N1);
        ScsiResponse r = send(lu, N1, 30, 0xC0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0);
        assertThat(r.dataInBytes()).hasSize(30);
        assertThat(r.dataInResidual()).isEqualTo(-(EngineFixture.PRODUCED - 30));
    }

    @Test
    void handlerCheckConditionIsReported() {
        clearPowerOn(lu, N1);
        ScsiResponse r = send(lu, N1, 100, 0xC0, 0x01, 0, 0, 0, 0, 0, 0, 100, 0);
        assertCheckCondition(r, SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR);
        assertThat(r.dataInBytes()).isEmpty();
        assertThat(r.dataInResidual()).isEqualTo(100);
    }

    @Test
    void checkConditionWithDataTransfersTheDataTruncatedAndReportsTheSense() {
        clearPowerOn(lu, N1);
        ScsiResponse r = send(lu, N1, 64, 0xC3, 0, 0, 0, 0, 0, 0, 0, 80, 0);
        assertCheckCondition(r, SenseKey.RECOVERED_ERROR, AdditionalSense.RECOVERED_DATA_WITH_RETRIES);
        assertThat(r.sense().get().information()).hasValue(5);
        assertThat(r.dataInBytes()).hasSize(64);
        assertThat(r.dataInResidual()).isEqualTo(64 - 80);
    }

    @Test
    void unexpectedExceptionBecomesInternalTargetFailure() {
        clearPowerOn(lu, N1);
        ScsiResponse r = send(lu, N1, 0, 0xC2, 0, 0, 0, 0, 0);
        assertCheckCondition(r, SenseKey.HARDWARE_ERROR, AdditionalSense.INTERNAL_TARGET_FAILURE);
    }

    @Test
    void emptyCdbIsInvalidCommandOperationCode() {
        ScsiResponse r = lu.execute(ScsiRequest.of(N1, Lun.of(0), new byte[0], 0));
        assertCheckCondition(r, SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_COMMAND_OPERATION_CODE);
    }

    @Test
    void cdbShorterThanDeclaredIsRejected() {
        ScsiResponse r = lu.execute(ScsiRequest.of(N1, Lun.of(0), new byte[] {0x00, 0, 0}, 0));
        assertCheckCondition(r, SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_COMMAND_OPERATION_CODE);
    }

    @Test
    void trailingCdbBytesBeyondDeclaredLengthAreIgnored() {
        clearPowerOn(lu, N1);
        byte[] sixteen = new byte[16];
        sixteen[10] = (byte) 0xFF;
        assertThat(lu.execute(ScsiRequest.of(N1, Lun.of(0), sixteen, 0)).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void reservationGateRunsAfterUnitAttentionAndBeforeReadiness() {
        DeviceServer gated = DeviceServer.builder(EngineFixture.identity())
                .readiness(() -> Optional.of(SenseData.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT)))
                .gate(Gate.Stage.RESERVATION, ctx -> ctx.nexus().equals(N2)
                        ? Optional.of(CommandResult.status(Status.RESERVATION_CONFLICT)) : Optional.empty())
                .build();
        assertCheckCondition(send(gated, N2, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
        assertThat(send(gated, N2, 0, 0, 0, 0, 0, 0, 0).status()).isEqualTo(Status.RESERVATION_CONFLICT);
        send(gated, N1, 0, 0, 0, 0, 0, 0, 0);
        assertCheckCondition(send(gated, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.NOT_READY,
                AdditionalSense.MEDIUM_NOT_PRESENT);
    }

    @Test
    void dataOutResidualReflectsParameterListLength() {
        clearPowerOn(lu, N1);
        // REQUEST SENSE has no data-out: any data-out sent is an underflow of the whole amount
        ScsiResponse r = lu.execute(ScsiRequest.withDataOut(N1, Lun.of(0), new byte[] {0, 0, 0, 0, 0, 0},
                ByteBuffer.allocate(12)));
        assertThat(r.dataOutResidual()).isEqualTo(12);
    }

    @Test
    void senseFormatFollowsLogicalUnitSetting() {
        ScsiResponse r = send(lu, N1, 0, 0xC9, 0, 0, 0, 0, 0);
        assertThat(r.senseFormat()).isEqualTo(SenseFormat.FIXED);
        assertThat(r.sense().get().senseKeySpecific().get())
                .isEqualTo(new SenseKeySpecific.FieldPointer(true, 0, OptionalInt.of(7)));
    }
}
