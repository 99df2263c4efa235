package io.github.scsiemu.spc.target;

import static io.github.scsiemu.spc.inquiry.Requests.PORT_1;
import static io.github.scsiemu.spc.inquiry.Requests.PORT_2;
import static io.github.scsiemu.spc.inquiry.Requests.bytes;
import static io.github.scsiemu.spc.inquiry.Requests.disk;
import static io.github.scsiemu.spc.inquiry.Requests.inquiry;
import static io.github.scsiemu.spc.inquiry.Requests.nexus;
import static io.github.scsiemu.spc.inquiry.Requests.reportLuns;
import static io.github.scsiemu.spc.inquiry.Requests.request;
import static io.github.scsiemu.spc.inquiry.Requests.requestSense;
import static io.github.scsiemu.spc.inquiry.Requests.testUnitReady;
import static io.github.scsiemu.spc.inquiry.Requests.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.TaskManagementResponse;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.DeviceServer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimpleTargetTest {

    private static final Lun ABSENT = Lun.of(9);
    private static final Lun WLUN = Lun.REPORT_LUNS_WELL_KNOWN;

    private final DeviceServer lu0 = disk();
    private final DeviceServer lu1 = disk();
    private final SimpleTarget target = SimpleTarget.builder().port(PORT_1).port(PORT_2)
            .logicalUnit(0, lu0).logicalUnit(1, lu1).build();
    private final Nexus a = nexus("a");
    private final Nexus b = nexus("b", PORT_2);

    private ScsiResponse send(Nexus nexus, Lun lun, byte[] cdb, int expected) {
        return target.execute(request(nexus, lun, cdb, expected));
    }

    private static void assertSense(ScsiResponse r, SenseKey key, AdditionalSense asc) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense().orElseThrow().senseKey()).isEqualTo(key);
        assertThat(r.sense().orElseThrow().additionalSense()).isEqualTo(asc);
    }

    /** Consumes the power-on unit attention of {@code nexus} on {@code lun}. */
    private void settle(Nexus nexus, Lun lun) {
        assertSense(send(nexus, lun, testUnitReady(), 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
        assertThat(send(nexus, lun, testUnitReady(), 0).status()).isEqualTo(Status.GOOD);
    }

    // ---- routing and inventory ---------------------------------------------------------------------------------

    @Test
    void lunsAreAscendingAndLogicalUnitsAttachedToTheInventory() {
        target.add(300, disk());
        target.add(2, disk());
        assertThat(target.luns()).containsExactly(Lun.of(0), Lun.of(1), Lun.of(2), Lun.of(300));
        assertThat(target.logicalUnit(Lun.of(1))).containsSame(lu1);
        assertThat(target.logicalUnit(ABSENT)).isEmpty();
        assertThat(target.logicalUnit(WLUN)).isPresent();
        assertThat(send(a, Lun.of(1), reportLuns(0, 255), 255).dataInBytes()).isEqualTo(bytes(
                0, 0, 0, 32, zeros(4), zeros(8), 0x00, 0x01, zeros(6), 0x00, 0x02, zeros(6), 0x41, 0x2C, zeros(6)));
    }

    @Test
    void commandsGoToTheAddressedLogicalUnit() {
        settle(a, Lun.of(1));
        // lu0 still holds its power-on condition for nexus a: the command to LUN 1 did not reach it
        assertThat(lu0.unitAttentions().peek(a).orElseThrow().additionalSense())
                .isEqualTo(AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
        assertThat(lu1.unitAttentions().hasPending(a)).isFalse();
    }

    @Test
    void addRejectsTakenAndWellKnownLuns() {
        assertThatIllegalArgumentException().isThrownBy(() -> target.add(0, disk()));
        assertThatIllegalArgumentException().isThrownBy(() -> target.add(WLUN, disk()));
    }

    @Test
    void multiPortAndScsiPortsPageReflectTheTargetPorts() {
        byte[] standard = send(a, Lun.of(0), inquiry(false, 0, 96), 96).dataInBytes();
        assertThat(standard[6]).isEqualTo((byte) 0x10); // MULTIP
        byte[] ports = send(a, Lun.of(0), inquiry(true, 0x88, 255), 255).dataInBytes();
        String name1 = io.github.scsiemu.spc.inquiry.Requests.TARGET_NAME + ",t,0x0001";
        String name2 = io.github.scsiemu.spc.inquiry.Requests.TARGET_NAME + ",t,0x0002";
        assertThat(ports).isEqualTo(bytes(
                0x00, 0x88, 0x00, 0x78,
                0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x30,
                0x53, 0x98, 0x00, 44, name1, 0x00,
                0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x30,
                0x53, 0x98, 0x00, 44, name2, 0x00));
    }

    // ---- the REPORT LUNS well-known logical unit ------------------------------------------------------------------

    @Test
    void wellKnownLogicalUnitAnswersInquiryAsType1Eh() {
        byte[] data = send(a, WLUN, inquiry(false, 0, 96), 96).dataInBytes();
        assertThat(data[0]).isEqualTo((byte) 0x1E);
        assertThat(Arrays.copyOfRange(data, 16, 32)).isEqualTo(bytes("SCSI TARGET     "));
    }

    @Test
    void wellKnownLogicalUnitHasNoLogicalUnitDesignators() {
        byte[] page = send(a, WLUN, inquiry(true, 0x83, 255), 255).dataInBytes();
        assertThat(page[0]).isEqualTo((byte) 0x1E);
        assertThat(Arrays.copyOfRange(page, 4, 8)).isEqualTo(bytes(0x51, 0x94, 0x00, 0x04));
    }

    @Test
    void wellKnownLogicalUnitReportsTheInventory() {
        assertThat(send(a, WLUN, reportLuns(0x02, 255), 255).dataInBytes()).isEqualTo(
                bytes(0, 0, 0, 24, zeros(4), zeros(8), 0x00, 0x01, zeros(6), 0xC1, 0x01, zeros(6)));
    }

    @Test
    void wellKnownLogicalUnitSupportsTestUnitReadyAndRequestSense() {
        settle(a, WLUN);
        ScsiResponse sense = send(a, WLUN, requestSense(18), 18);
        assertThat(sense.status()).isEqualTo(Status.GOOD);
        assertThat(sense.dataInBytes()[2] & 0x0F).isEqualTo(SenseKey.NO_SENSE.code());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x1A, 0x5A, 0x4D, 0xA3, 0x28})
    void wellKnownLogicalUnitRefusesOtherCommands(int opcode) {
        byte[] cdb = new byte[16];
        cdb[0] = (byte) opcode;
        ScsiResponse r = send(a, WLUN, cdb, 64);
        assertSense(r, SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_COMMAND_OPERATION_CODE);
        assertThat(r.dataInResidual()).isEqualTo(64);
    }

    // ---- absent LUNs --------------------------------------------------------------------------------------------

    @Test
    void inquiryToAbsentLunReturnsQualifier011bWithGood() {
        ScsiResponse r = send(a, ABSENT, inquiry(false, 0, 36), 255);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInBytes()).hasSize(36);
        assertThat(r.dataInBytes()[0]).isEqualTo((byte) 0x7F);
        assertThat(Arrays.copyOfRange(r.dataInBytes(), 1, 8)).isEqualTo(bytes(0x00, 0x06, 0x12, 0x5B, 0, 0x10, 0x02));
        assertThat(r.dataInResidual()).isEqualTo(255 - 36);
    }

    @Test
    void inquiryToAbsentLunWithSmallerBufferReportsOverflow() {
        ScsiResponse r = send(a, ABSENT, inquiry(false, 0, 96), 8);
        assertThat(r.dataInBytes()).hasSize(8);
        assertThat(r.dataInResidual()).isEqualTo(8 - 96);
    }

    @Test
    void vitalProductDataOfAbsentLunIsNotSupported() {
        assertSense(send(a, ABSENT, inquiry(true, 0x00, 255), 255), SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.LOGICAL_UNIT_NOT_SUPPORTED);
    }

    @Test
    void reportLunsToAbsentLunAnswersFromTheInventory() {
        assertThat(send(a, ABSENT, reportLuns(0, 255), 255).dataInBytes())
                .isEqualTo(bytes(0, 0, 0, 16, zeros(4), zeros(8), 0x00, 0x01, zeros(6)));
    }

    @Test
    void requestSenseToAbsentLunReturnsLogicalUnitNotSupportedWithGood() {
        ScsiResponse r = send(a, ABSENT, requestSense(252), 252);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        byte[] expected = SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_UNIT_NOT_SUPPORTED)
                .encode(SenseFormat.FIXED);
        assertThat(r.dataInBytes()).isEqualTo(expected);
        assertThat(expected[2] & 0x0F).isEqualTo(0x05);
        assertThat(expected[12]).isEqualTo((byte) 0x25);
        assertThat(expected[13]).isEqualTo((byte) 0x00);
        assertThat(r.dataInResidual()).isEqualTo(252 - expected.length);
        // and again: an absent LUN has no unit attention to report first
        assertThat(send(a, ABSENT, requestSense(252), 252).dataInBytes()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x1A, 0x25, 0x28, 0xA3, 0xC0})
    void anyOtherCommandToAbsentLunIsLogicalUnitNotSupported(int opcode) {
        byte[] cdb = new byte[16];
        cdb[0] = (byte) opcode;
        ScsiResponse r = send(a, ABSENT, cdb, 512);
        assertSense(r, SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_UNIT_NOT_SUPPORTED);
        assertThat(r.dataInBytes()).isEmpty();
        assertThat(r.dataInResidual()).isEqualTo(512);
    }

    @Test
    void removedLunBecomesAbsent() {
        assertThat(target.remove(Lun.of(1))).containsSame(lu1);
        assertThat(target.remove(Lun.of(1))).isEmpty();
        assertThat(send(a, Lun.of(1), inquiry(false, 0, 96), 96).dataInBytes()[0]).isEqualTo((byte) 0x7F);
    }

    // ---- task management and nexus loss -------------------------------------------------------------------------

    @Test
    void taskManagementToAbsentLunIsIncorrectLogicalUnitNumber() {
        assertThat(target.manage(TaskManagementRequest.of(a, ABSENT, TaskManagementFunction.LOGICAL_UNIT_RESET)))
                .isEqualTo(TaskManagementResponse.INCORRECT_LUN);
        assertThat(target.manage(TaskManagementRequest.of(a, ABSENT, TaskManagementFunction.ABORT_TASK_SET)))
                .isEqualTo(TaskManagementResponse.INCORRECT_LUN);
    }

    @Test
    void logicalUnitResetReachesOnlyTheAddressedLogicalUnit() {
        settle(a, Lun.of(0));
        settle(a, Lun.of(1));
        assertThat(target.manage(TaskManagementRequest.of(a, Lun.of(1), TaskManagementFunction.LOGICAL_UNIT_RESET)))
                .isEqualTo(TaskManagementResponse.COMPLETE);
        assertThat(send(a, Lun.of(0), testUnitReady(), 0).status()).isEqualTo(Status.GOOD);
        assertSense(send(a, Lun.of(1), testUnitReady(), 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.BUS_DEVICE_RESET_FUNCTION_OCCURRED);
    }

    @Test
    void itNexusResetReachesEveryLogicalUnitEvenThroughAnAbsentLun() {
        settle(a, Lun.of(0));
        settle(a, Lun.of(1));
        settle(a, WLUN);
        assertThat(target.manage(TaskManagementRequest.of(a, ABSENT, TaskManagementFunction.I_T_NEXUS_RESET)))
                .isEqualTo(TaskManagementResponse.COMPLETE);
        for (Lun lun : List.of(Lun.of(0), Lun.of(1), WLUN)) {
            assertSense(send(a, lun, testUnitReady(), 0), SenseKey.UNIT_ATTENTION,
                    AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
        }
    }

    @Test
    void nexusLossReachesEveryLogicalUnitAndOnlyThatNexus() {
        settle(a, Lun.of(0));
        settle(a, Lun.of(1));
        settle(b, Lun.of(0));
        target.nexusLost(a);
        assertSense(send(a, Lun.of(0), testUnitReady(), 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
        assertSense(send(a, Lun.of(1), testUnitReady(), 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
        assertThat(send(b, Lun.of(0), testUnitReady(), 0).status()).isEqualTo(Status.GOOD);
    }

    // ---- REPORTED LUNS DATA HAS CHANGED -------------------------------------------------------------------------

    @Test
    void inventoryChangeIsReportedOncePerNexus() {
        for (Nexus n : List.of(a, b)) {
            settle(n, Lun.of(0));
            settle(n, Lun.of(1));
        }
        DeviceServer added = disk();
        target.add(2, added);
        // nexus a learns of it from LUN 0; LUICLR clears it on LUN 1 too
        assertSense(send(a, Lun.of(0), testUnitReady(), 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.REPORTED_LUNS_DATA_HAS_CHANGED);
        assertThat(send(a, Lun.of(0), testUnitReady(), 0).status()).isEqualTo(Status.GOOD);
        assertThat(send(a, Lun.of(1), testUnitReady(), 0).status()).isEqualTo(Status.GOOD);
        // nexus b: INQUIRY neither reports nor clears it; the new logical unit reports power-on instead
        assertThat(send(b, Lun.of(1), inquiry(false, 0, 96), 96).status()).isEqualTo(Status.GOOD);
        assertSense(send(b, Lun.of(2), testUnitReady(), 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
        assertSense(send(b, Lun.of(1), testUnitReady(), 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.REPORTED_LUNS_DATA_HAS_CHANGED);
        assertThat(send(b, Lun.of(0), testUnitReady(), 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void reportLunsClearsTheChangeInEveryLogicalUnitOfTheNexus() {
        settle(a, Lun.of(0));
        settle(a, Lun.of(1));
        settle(b, Lun.of(0));
        target.remove(Lun.of(1));
        target.add(5, disk());
        assertThat(send(a, WLUN, reportLuns(0, 255), 255).dataInBytes())
                .isEqualTo(bytes(0, 0, 0, 16, zeros(4), zeros(8), 0x00, 0x05, zeros(6)));
        assertThat(send(a, Lun.of(0), testUnitReady(), 0).status()).isEqualTo(Status.GOOD);
        // the other nexus still has it, once
        assertSense(send(b, Lun.of(0), testUnitReady(), 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.REPORTED_LUNS_DATA_HAS_CHANGED);
        assertThat(send(b, Lun.of(0), testUnitReady(), 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void requestSenseReportingTheChangeClearsItEverywhere() {
        settle(a, Lun.of(0));
        settle(a, Lun.of(1));
        target.add(2, disk());
        byte[] sense = send(a, Lun.of(1), requestSense(18), 18).dataInBytes();
        assertThat(sense[2] & 0x0F).isEqualTo(SenseKey.UNIT_ATTENTION.code());
        assertThat(sense[12]).isEqualTo((byte) 0x3F);
        assertThat(sense[13]).isEqualTo((byte) 0x0E);
        assertThat(send(a, Lun.of(0), testUnitReady(), 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void portsSeenOnCommandsJoinTheTargetPorts() {
        SimpleTarget undeclared = SimpleTarget.builder().logicalUnit(0, disk()).build();
        assertThat(undeclared.targetPorts()).isEmpty();
        undeclared.execute(request(b, Lun.of(0), inquiry(false, 0, 96), 96));
        assertThat(undeclared.targetPorts()).containsExactly(PORT_2);
    }
}
