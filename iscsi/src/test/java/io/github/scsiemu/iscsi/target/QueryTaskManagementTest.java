package io.github.scsiemu.iscsi.target;

import static io.github.scsiemu.iscsi.target.DiskFixture.LUN0;
import static io.github.scsiemu.iscsi.target.IscsiEndToEndTest.TUR;
import static io.github.scsiemu.iscsi.target.IscsiEndToEndTest.clearUnitAttention;
import static io.github.scsiemu.iscsi.target.IscsiEndToEndTest.rw10;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.initiator.CommandResult;
import io.github.scsiemu.iscsi.initiator.InitiatorSession;
import io.github.scsiemu.iscsi.initiator.IscsiCommand;
import io.github.scsiemu.iscsi.initiator.TaskManagementResult;
import io.github.scsiemu.iscsi.pdu.Pdu;
import io.github.scsiemu.iscsi.pdu.PduCodec;
import io.github.scsiemu.iscsi.pdu.RawPdu;
import io.github.scsiemu.iscsi.pdu.ReadyToTransferPdu;
import io.github.scsiemu.iscsi.pdu.ScsiCommandPdu;
import io.github.scsiemu.iscsi.pdu.ScsiResponsePdu;
import io.github.scsiemu.iscsi.pdu.TaskManagementResponsePdu;
import java.nio.ByteBuffer;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The task management functions RFC 7144 maps onto the Task Management Function Request (QUERY TASK, QUERY TASK
 * SET, I_T NEXUS RESET, QUERY ASYNC EVENT) end to end: initiator, PDUs, target session and the SAM-5 device.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QueryTaskManagementTest {

    private DiskFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new DiskFixture(DiskFixture.smallBursts());
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    /** Sends a WRITE(10) of 8 blocks without any data: the target solicits all 4096 bytes with one R2T. */
    private static int writeAwaitingR2tData(InitiatorSession s) throws Exception {
        int tag = s.nextTag();
        s.send(new ScsiCommandPdu(false, true, false, true, 1, LUN0, tag, 4096, s.takeCmdSn(), s.expStatSn(),
                ByteBuffer.wrap(rw10(0x2A, 0, 8)), OptionalInt.empty(), Pdu.empty()));
        Pdu r2t = s.unsolicited().poll(5, TimeUnit.SECONDS);
        assertThat(r2t).isInstanceOf(ReadyToTransferPdu.class);
        assertThat(((ReadyToTransferPdu) r2t).initiatorTaskTag()).isEqualTo(tag);
        assertThat(((ReadyToTransferPdu) r2t).desiredDataTransferLength()).isEqualTo(4096);
        return tag;
    }

    @Test
    void queryTaskOfAnUnknownTagIsFunctionComplete() throws Exception {
        try (InitiatorSession s = fx.login(0x20)) {
            clearUnitAttention(s);
            TaskManagementResult r = s.queryTask(LUN0, s.nextTag());
            assertThat(r).isEqualTo(new TaskManagementResult(TaskManagementResponsePdu.FUNCTION_COMPLETE, 0));
        }
    }

    @Test
    void queryTaskOfACompletedTaskIsFunctionComplete() throws Exception {
        try (InitiatorSession s = fx.login(0x21)) {
            clearUnitAttention(s);
            int tag = s.nextTag();
            s.send(new ScsiCommandPdu(false, true, false, false, 1, LUN0, tag, 0, s.takeCmdSn(), s.expStatSn(),
                    ByteBuffer.wrap(TUR), OptionalInt.empty(), Pdu.empty()));
            Pdu done = s.unsolicited().poll(5, TimeUnit.SECONDS); // raw PDUs' responses are not matched
            assertThat(done).isInstanceOf(ScsiResponsePdu.class);
            assertThat(done.initiatorTaskTag()).isEqualTo(tag);
            assertThat(((ScsiResponsePdu) done).status()).isZero();
            assertThat(s.queryTask(LUN0, tag))
                    .isEqualTo(new TaskManagementResult(TaskManagementResponsePdu.FUNCTION_COMPLETE, 0));
        }
    }

    @Test
    void queryTaskOfAWriteAwaitingR2tDataSucceedsAndLeavesItRunning() throws Exception {
        try (InitiatorSession s = fx.login(0x22)) {
            clearUnitAttention(s);
            int tag = writeAwaitingR2tData(s);
            assertThat(s.queryTask(LUN0, tag))
                    .isEqualTo(new TaskManagementResult(TaskManagementResponsePdu.FUNCTION_SUCCEEDED, 0));
            assertThat(s.queryTask(LUN0, tag + 1000).response())
                    .isEqualTo(TaskManagementResponsePdu.FUNCTION_COMPLETE);
            assertThat(s.unsolicited().poll(200, TimeUnit.MILLISECONDS)).isNull(); // the query ended nothing
        }
    }

    @Test
    void queryTaskSetWithoutTasksIsFunctionComplete() throws Exception {
        try (InitiatorSession s = fx.login(0x23)) {
            clearUnitAttention(s);
            assertThat(s.queryTaskSet(LUN0))
                    .isEqualTo(new TaskManagementResult(TaskManagementResponsePdu.FUNCTION_COMPLETE, 0));
        }
    }

    @Test
    void queryTaskSetWithAWriteAwaitingR2tDataSucceedsOnlyForItsNexus() throws Exception {
        try (InitiatorSession s = fx.login(0x24); InitiatorSession other = fx.login(0x25)) {
            clearUnitAttention(s);
            clearUnitAttention(other);
            writeAwaitingR2tData(s);
            assertThat(s.queryTaskSet(LUN0))
                    .isEqualTo(new TaskManagementResult(TaskManagementResponsePdu.FUNCTION_SUCCEEDED, 0));
            assertThat(other.queryTaskSet(LUN0))
                    .isEqualTo(new TaskManagementResult(TaskManagementResponsePdu.FUNCTION_COMPLETE, 0));
        }
    }

    @Test
    void queryTaskSetOnAnAbsentLunSaysLunDoesNotExist() throws Exception {
        try (InitiatorSession s = fx.login(0x26)) {
            assertThat(s.queryTaskSet(Lun.of(5)))
                    .isEqualTo(new TaskManagementResult(TaskManagementResponsePdu.LUN_DOES_NOT_EXIST, 0));
        }
    }

    @Test
    void queryAsyncEventReportsThePendingPowerOnUnitAttentionWithoutClearingIt() throws Exception {
        try (InitiatorSession s = fx.login(0x27)) {
            TaskManagementResult r = s.queryAsyncEvent(LUN0);
            assertThat(r).isEqualTo(new TaskManagementResult(TaskManagementResponsePdu.FUNCTION_SUCCEEDED, 0x06_29_00));
            assertThat(r.senseKey()).isEqualTo(0x6);
            assertThat(r.additionalSenseCode()).isEqualTo(0x29);
            assertThat(r.additionalSenseCodeQualifier()).isEqualTo(0x00);
            CommandResult ua = s.execute(IscsiCommand.noData(LUN0, TUR)); // still pending: SAM-5 7.9
            assertThat(ua.status()).isEqualTo(0x02);
            assertThat(ua.senseKey()).isEqualTo(0x6);
            assertThat(ua.additionalSense()).isEqualTo(0x2900);
        }
    }

    @Test
    void queryAsyncEventWithoutAPendingUnitAttentionIsFunctionCompleteWithoutInformation() throws Exception {
        try (InitiatorSession s = fx.login(0x28)) {
            clearUnitAttention(s);
            assertThat(s.queryAsyncEvent(LUN0))
                    .isEqualTo(new TaskManagementResult(TaskManagementResponsePdu.FUNCTION_COMPLETE, 0));
        }
    }

    @Test
    void itNexusResetEndsTheSessionAndTheNexusThenReportsINexusLossOccurred() throws Exception {
        InitiatorSession s = fx.login(0x29);
        clearUnitAttention(s);
        writeAwaitingR2tData(s);
        assertThat(fx.portal.sessionCount()).isEqualTo(1);
        assertThat(s.itNexusReset())
                .isEqualTo(new TaskManagementResult(TaskManagementResponsePdu.FUNCTION_COMPLETE, 0));
        assertThat(s.isConnected()).isFalse();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fx.portal.sessionCount() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(fx.portal.sessionCount()).isZero(); // the target ended the session after its response
        try (InitiatorSession again = fx.login(0x29)) { // same ISID: the same I_T nexus
            assertThat(again.queryAsyncEvent(LUN0))
                    .isEqualTo(new TaskManagementResult(TaskManagementResponsePdu.FUNCTION_SUCCEEDED, 0x06_29_07));
            CommandResult ua = again.execute(IscsiCommand.noData(LUN0, TUR));
            assertThat(ua.status()).isEqualTo(0x02);
            assertThat(ua.senseKey()).isEqualTo(0x6);
            assertThat(ua.additionalSense()).isEqualTo(0x2907); // I_T NEXUS LOSS OCCURRED
            assertThat(again.execute(IscsiCommand.noData(LUN0, TUR)).status()).isZero();
        }
    }

    @Test
    void responseCarriesAdditionalResponseInformationInBytes37To39() throws Exception {
        TaskManagementResponsePdu pdu = new TaskManagementResponsePdu(TaskManagementResponsePdu.FUNCTION_SUCCEEDED,
                0x1234, 5, 6, 7, 0x06_29_07);
        RawPdu raw = pdu.toRaw();
        ByteBuffer h = raw.header();
        assertThat(h.get(h.position()) & 0xFF).isEqualTo(0x22);
        assertThat(h.get(h.position() + 2) & 0xFF).isEqualTo(7);
        byte[] tail = new byte[4];
        h.duplicate().position(h.position() + 36).get(tail);
        assertThat(tail).containsExactly(0x00, 0x06, 0x29, 0x07);
        assertThat(PduCodec.decode(raw)).isEqualTo(pdu);
    }
}
