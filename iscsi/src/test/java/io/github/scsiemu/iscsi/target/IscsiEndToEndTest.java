package io.github.scsiemu.iscsi.target;

import static io.github.scsiemu.iscsi.target.DiskFixture.LUN0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.initiator.CommandResult;
import io.github.scsiemu.iscsi.initiator.InitiatorSession;
import io.github.scsiemu.iscsi.initiator.IscsiCommand;
import io.github.scsiemu.iscsi.initiator.LoginException;
import io.github.scsiemu.iscsi.initiator.LoginOptions;
import io.github.scsiemu.iscsi.pdu.Bhs;
import io.github.scsiemu.iscsi.pdu.NopOutPdu;
import io.github.scsiemu.iscsi.pdu.Pdu;
import io.github.scsiemu.iscsi.pdu.RawPdu;
import io.github.scsiemu.iscsi.pdu.ReadyToTransferPdu;
import io.github.scsiemu.iscsi.pdu.RejectPdu;
import io.github.scsiemu.iscsi.pdu.RejectReason;
import io.github.scsiemu.iscsi.pdu.ScsiCommandPdu;
import io.github.scsiemu.iscsi.pdu.ScsiResponsePdu;
import io.github.scsiemu.iscsi.pdu.TaskManagementRequestPdu;
import io.github.scsiemu.iscsi.pdu.TaskManagementResponsePdu;
import io.github.scsiemu.iscsi.text.TextKey;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IscsiEndToEndTest {

    private DiskFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new DiskFixture(DiskFixture.smallBursts());
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    static byte[] inquiry(int alloc) {
        return new byte[] {0x12, 0, 0, (byte) (alloc >> 8), (byte) alloc, 0};
    }

    static byte[] rw10(int op, int lba, int blocks) {
        return new byte[] {(byte) op, 0, (byte) (lba >> 24), (byte) (lba >> 16), (byte) (lba >> 8), (byte) lba, 0,
                (byte) (blocks >> 8), (byte) blocks, 0};
    }

    static final byte[] TUR = new byte[6];

    /** The first command of a new nexus reports the power-on unit attention; afterwards TUR is GOOD. */
    static void clearUnitAttention(InitiatorSession s) throws Exception {
        CommandResult ua = s.execute(IscsiCommand.noData(LUN0, TUR));
        assertThat(ua.status()).isEqualTo(0x02);
        assertThat(ua.senseKey()).isEqualTo(0x6);
        assertThat(ua.additionalSense() >> 8).isEqualTo(0x29);
        assertThat(s.execute(IscsiCommand.noData(LUN0, TUR)).status()).isZero();
    }

    static ByteBuffer pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return ByteBuffer.wrap(b);
    }

    @Test
    void loginNegotiatesAndInquiryAndReadCapacityWork() throws Exception {
        try (InitiatorSession s = fx.login(0x80_1234_5600_00L)) {
            assertThat(s.loginKeys()).containsEntry("TargetPortalGroupTag", "1")
                    .containsEntry("MaxRecvDataSegmentLength", "8192").containsEntry("InitialR2T", "No")
                    .containsEntry("FirstBurstLength", "16384").containsEntry("MaxBurstLength", "32768");
            CommandResult inq = s.execute(IscsiCommand.read(LUN0, inquiry(96), 96));
            assertThat(inq.status()).isZero();
            assertThat(inq.data()[0]).isZero(); // direct-access block device
            assertThat(new String(inq.data(), 16, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ISCSI");
            assertThat(inq.underflow()).isEqualTo(inq.data().length < 96);
            clearUnitAttention(s);
            byte[] rc16 = {(byte) 0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0};
            CommandResult cap = s.execute(IscsiCommand.read(LUN0, rc16, 32));
            assertThat(cap.status()).isZero();
            ByteBuffer d = ByteBuffer.wrap(cap.data());
            assertThat(d.getLong(0)).isEqualTo(2047);
            assertThat(d.getInt(8)).isEqualTo(512);
        }
    }

    @Test
    void multiSegmentWriteUsesImmediateUnsolicitedAndR2tDataAndReadsBack() throws Exception {
        try (InitiatorSession s = fx.login(1)) {
            clearUnitAttention(s);
            int blocks = 200; // 100 KiB: > FirstBurstLength (16 KiB), > MaxBurstLength (32 KiB), > segments (8 KiB)
            ByteBuffer data = pattern(blocks * 512, 7);
            CommandResult w = s.execute(IscsiCommand.write(LUN0, rw10(0x2A, 100, blocks), data.duplicate()));
            assertThat(w.status()).isZero();
            assertThat(w.overflow() || w.underflow()).isFalse();
            CommandResult r = s.execute(IscsiCommand.read(LUN0, rw10(0x28, 100, blocks), blocks * 512));
            assertThat(r.status()).isZero();
            assertThat(r.data()).isEqualTo(data.array());
            assertThat(r.dataInPdus()).isEqualTo(13); // 102400 / 8192 rounded up
        }
    }

    @Test
    void writesWorkWithInitialR2tAndWithoutImmediateData() throws Exception {
        LoginOptions o = DiskFixture.options(2).withLimits(8192, 262144, 262144, true, false);
        try (InitiatorSession s = InitiatorSession.login(fx.address(), o)) {
            assertThat(s.parameters().initialR2T()).isTrue();
            assertThat(s.parameters().immediateData()).isFalse();
            clearUnitAttention(s);
            ByteBuffer data = pattern(64 * 512, 3);
            assertThat(s.execute(IscsiCommand.write(LUN0, rw10(0x2A, 0, 64), data.duplicate())).status()).isZero();
            assertThat(s.execute(IscsiCommand.read(LUN0, rw10(0x28, 0, 64), 64 * 512)).data())
                    .isEqualTo(data.array());
        }
    }

    @Test
    void readResidualsFollowTheIscsiRules() throws Exception {
        try (InitiatorSession s = fx.login(3)) {
            clearUnitAttention(s);
            IscsiCommand read1 = IscsiCommand.read(LUN0, rw10(0x28, 0, 1), 512);
            CommandResult r0 = s.execute(read1.withExpectedLength(0));
            assertThat(r0.status()).isZero();
            assertThat(r0.overflow()).isTrue();
            assertThat(r0.residualCount()).isEqualTo(512);
            assertThat(r0.dataIn().remaining()).isZero();
            CommandResult big = s.execute(read1.withExpectedLength(10000));
            assertThat(big.underflow()).isTrue();
            assertThat(big.residualCount()).isEqualTo(10000 - 512);
            assertThat(big.dataIn().remaining()).isEqualTo(512);
            CommandResult small = s.execute(read1.withExpectedLength(200));
            assertThat(small.overflow()).isTrue();
            assertThat(small.residualCount()).isEqualTo(312);
            assertThat(small.dataIn().remaining()).isEqualTo(200);
            CommandResult two = s.execute(IscsiCommand.read(LUN0, rw10(0x28, 0, 2), 512));
            assertThat(two.overflow()).isTrue();
            assertThat(two.residualCount()).isEqualTo(512);
        }
    }

    @Test
    void writeResidualsTruncateToEdtlAndReportUnderflow() throws Exception {
        try (InitiatorSession s = fx.login(4)) {
            clearUnitAttention(s);
            ByteBuffer a = ByteBuffer.allocate(1024);
            Arrays.fill(a.array(), (byte) 'a');
            assertThat(s.execute(IscsiCommand.write(LUN0, rw10(0x2A, 0, 2), a)).status()).isZero();
            ByteBuffer b = ByteBuffer.allocate(1024);
            Arrays.fill(b.array(), (byte) 'b');
            CommandResult over = s.execute(IscsiCommand.write(LUN0, rw10(0x2A, 0, 2), b).withExpectedLength(512));
            assertThat(over.status()).isZero();
            assertThat(over.overflow()).isTrue();
            assertThat(over.residualCount()).isEqualTo(512);
            byte[] back = s.execute(IscsiCommand.read(LUN0, rw10(0x28, 0, 2), 1024)).data();
            assertThat(back[0]).isEqualTo((byte) 'b');
            assertThat(back[511]).isEqualTo((byte) 'b');
            assertThat(back[512]).isEqualTo((byte) 'a');
            CommandResult under = s.execute(IscsiCommand.write(LUN0, rw10(0x2A, 4, 1), ByteBuffer.allocate(10000)));
            assertThat(under.status()).isZero();
            assertThat(under.underflow()).isTrue();
            assertThat(under.residualCount()).isEqualTo(10000 - 512);
        }
    }

    @Test
    void checkConditionCarriesSenseInTheScsiResponse() throws Exception {
        try (InitiatorSession s = fx.login(5)) {
            clearUnitAttention(s);
            CommandResult r = s.execute(IscsiCommand.read(LUN0, rw10(0x28, 5000, 1), 512));
            assertThat(r.response()).isZero();
            assertThat(r.status()).isEqualTo(0x02);
            assertThat(r.senseKey()).isEqualTo(0x5);
            assertThat(r.additionalSense()).isEqualTo(0x2100);
            assertThat(r.dataIn().remaining()).isZero();
        }
    }

    @Test
    void twoSessionsAreTwoNexusesEachWithItsUnitAttention() throws Exception {
        try (InitiatorSession a = fx.login(0x10); InitiatorSession b = fx.login(0x11)) {
            clearUnitAttention(a);
            clearUnitAttention(b);
            assertThat(fx.portal.sessionCount()).isEqualTo(2);
        }
    }

    @Test
    void abortTaskOfACompletedOrUnknownTaskSaysTaskDoesNotExist() throws Exception {
        try (InitiatorSession s = fx.login(6)) {
            clearUnitAttention(s);
            int tag = s.nextTag();
            int sn = s.takeCmdSn();
            CompletableFuture<?> unused = CompletableFuture.completedFuture(null);
            ScsiCommandPdu tur = new ScsiCommandPdu(false, true, false, false, 1, LUN0, tag, 0, sn, s.expStatSn(),
                    ByteBuffer.wrap(TUR), OptionalInt.empty(), Pdu.empty());
            s.send(tur);
            Thread.sleep(200); // the TUR's response lands in the unsolicited queue
            assertThat(s.taskManagement(TaskManagementRequestPdu.ABORT_TASK, LUN0, tag, sn))
                    .isEqualTo(TaskManagementResponsePdu.TASK_DOES_NOT_EXIST);
            assertThat(unused).isDone();
        }
    }

    @Test
    void abortTaskOfAWriteAwaitingR2tDataEndsItWithoutStatus() throws Exception {
        try (InitiatorSession s = fx.login(7)) {
            clearUnitAttention(s);
            int tag = s.nextTag();
            int sn = s.takeCmdSn();
            s.send(new ScsiCommandPdu(false, true, false, true, 1, LUN0, tag, 4096, sn, s.expStatSn(),
                    ByteBuffer.wrap(rw10(0x2A, 0, 8)), OptionalInt.empty(), Pdu.empty()));
            Pdu r2t = s.unsolicited().poll(5, TimeUnit.SECONDS);
            assertThat(r2t).isInstanceOf(ReadyToTransferPdu.class);
            assertThat(((ReadyToTransferPdu) r2t).desiredDataTransferLength()).isEqualTo(4096);
            assertThat(s.taskManagement(TaskManagementRequestPdu.ABORT_TASK, LUN0, tag, sn))
                    .isEqualTo(TaskManagementResponsePdu.FUNCTION_COMPLETE);
            assertThat(s.execute(IscsiCommand.noData(LUN0, TUR)).status()).isZero();
            assertThat(s.unsolicited().poll(300, TimeUnit.MILLISECONDS)).isNull(); // no status for the aborted task
        }
    }

    @Test
    void logicalUnitResetCompletesAndEstablishesAUnitAttention() throws Exception {
        try (InitiatorSession s = fx.login(8)) {
            clearUnitAttention(s);
            assertThat(s.taskManagement(TaskManagementRequestPdu.LOGICAL_UNIT_RESET, LUN0, Pdu.RESERVED_TAG, 0))
                    .isEqualTo(TaskManagementResponsePdu.FUNCTION_COMPLETE);
            CommandResult ua = s.execute(IscsiCommand.noData(LUN0, TUR));
            assertThat(ua.senseKey()).isEqualTo(0x6);
            assertThat(ua.additionalSense() >> 8).isEqualTo(0x29);
        }
    }

    @Test
    void commandsOutsideTheCmdSnWindowAreSilentlyDropped() throws Exception {
        try (InitiatorSession s = fx.login(9)) {
            clearUnitAttention(s);
            CompletableFuture<CommandResult> tooHigh = s.submitWithCmdSn(IscsiCommand.noData(LUN0, TUR),
                    s.takeCmdSn() + 1000);
            assertThatThrownBy(() -> tooHigh.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(s.isConnected()).isTrue();
        }
        try (InitiatorSession s = fx.login(10)) {
            clearUnitAttention(s);
            int sn = s.takeCmdSn();
            CompletableFuture<CommandResult> tooLow = s.submitWithCmdSn(IscsiCommand.noData(LUN0, TUR), sn - 5);
            assertThatThrownBy(() -> tooLow.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void nopOutIsEchoed() throws Exception {
        try (InitiatorSession s = fx.login(11)) {
            assertThat(s.ping(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(s.ping(new byte[0])).isEmpty();
        }
    }

    @Test
    void discoverySessionListsTargetsWithThePortalAddress() throws Exception {
        try (InitiatorSession d = InitiatorSession.login(fx.address(),
                LoginOptions.discovery(DiskFixture.INITIATOR, 12))) {
            String address = "127.0.0.1:" + fx.address().getPort() + ",1";
            assertThat(d.sendTargets("All")).containsExactly(new TextKey("TargetName", DiskFixture.NAME),
                    new TextKey("TargetAddress", address));
            assertThat(d.sendTargets("Alle")).containsExactly(new TextKey("SendTargets", "Reject"));
            assertThat(d.logout()).isZero();
        }
    }

    @Test
    void loginFailuresCarryTheirStatus() {
        assertThatThrownBy(() -> InitiatorSession.login(fx.address(),
                LoginOptions.normal(DiskFixture.INITIATOR, 13, "iqn.2026-01.nowhere:none")))
                        .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.status()).isEqualTo(0x0203));
    }

    @Test
    void logoutEndsTheNexusBeforeTheResponse() throws Exception {
        InitiatorSession s = fx.login(14);
        clearUnitAttention(s);
        assertThat(s.logout()).isZero();
        // the next login on the same ISID is a new nexus after an I_T nexus loss: a unit attention again
        try (InitiatorSession again = fx.login(14)) {
            CommandResult ua = again.execute(IscsiCommand.noData(LUN0, TUR));
            assertThat(ua.senseKey()).isEqualTo(0x6);
        }
    }

    @Test
    void undefinedOpcodeIsRejectedAndTheSessionGoesOn() throws Exception {
        try (InitiatorSession s = fx.login(15)) {
            clearUnitAttention(s);
            Bhs h = Bhs.create(io.github.scsiemu.iscsi.pdu.Opcode.NOP_OUT, true).u8(0, 0x40 | 0x1C).i32(16, 0x5555);
            s.sendRaw(RawPdu.of(h, Pdu.empty()));
            Pdu reject = s.unsolicited().poll(5, TimeUnit.SECONDS);
            assertThat(reject).isInstanceOf(RejectPdu.class);
            assertThat(((RejectPdu) reject).reason()).isEqualTo(RejectReason.COMMAND_NOT_SUPPORTED);
            assertThat(reject.data().get(0) & 0x3F).isEqualTo(0x1C);
            assertThat(s.execute(IscsiCommand.noData(LUN0, TUR)).status()).isZero();
        }
    }

    @Test
    void oversizedSegmentDropsTheConnectionAndAFreshSessionWorks() throws Exception {
        try (InitiatorSession s = fx.login(16)) {
            s.send(new NopOutPdu(true, LUN0, 77, Pdu.RESERVED_TAG, 0, s.expStatSn(), ByteBuffer.allocate(65536)));
            assertThat(s.awaitDisconnect(DiskFixture.shortWait())).isTrue();
        }
        try (InitiatorSession s = fx.login(17)) {
            clearUnitAttention(s);
        }
    }

    @Test
    void outOfOrderDataOutEndsTheTaskWithDataPhaseErrorAndTheSessionGoesOn() throws Exception {
        try (InitiatorSession s = fx.login(18)) {
            clearUnitAttention(s);
            int tag = s.nextTag();
            s.send(new ScsiCommandPdu(false, true, false, true, 1, LUN0, tag, 1024, s.takeCmdSn(), s.expStatSn(),
                    ByteBuffer.wrap(rw10(0x2A, 0, 2)), OptionalInt.empty(), Pdu.empty()));
            ReadyToTransferPdu r2t = (ReadyToTransferPdu) s.unsolicited().poll(5, TimeUnit.SECONDS);
            s.send(new io.github.scsiemu.iscsi.pdu.DataOutPdu(true, LUN0, tag, r2t.targetTransferTag(), 0, 27, 0,
                    ByteBuffer.allocate(1024)));
            ScsiResponsePdu failed = (ScsiResponsePdu) s.unsolicited().poll(5, TimeUnit.SECONDS);
            assertThat(failed.initiatorTaskTag()).isEqualTo(tag);
            assertThat(failed.status()).isEqualTo(0x02);
            byte[] sense = failed.senseData();
            assertThat(sense[2] & 0x0F).isEqualTo(0x0B); // ABORTED COMMAND
            assertThat(new int[] {sense[12] & 0xFF, sense[13] & 0xFF}).containsExactly(0x4B, 0x00); // DATA PHASE ERROR
            assertThat(s.execute(IscsiCommand.noData(LUN0, TUR)).status()).isZero();
        }
    }

    @Test
    void dataOutWithAWrongBufferOffsetEndsTheTaskWithDataOffsetError() throws Exception {
        try (InitiatorSession s = fx.login(21)) {
            clearUnitAttention(s);
            int tag = s.nextTag();
            s.send(new ScsiCommandPdu(false, true, false, true, 1, LUN0, tag, 1024, s.takeCmdSn(), s.expStatSn(),
                    ByteBuffer.wrap(rw10(0x2A, 0, 2)), OptionalInt.empty(), Pdu.empty()));
            ReadyToTransferPdu r2t = (ReadyToTransferPdu) s.unsolicited().poll(5, TimeUnit.SECONDS);
            s.send(new io.github.scsiemu.iscsi.pdu.DataOutPdu(true, LUN0, tag, r2t.targetTransferTag(), 0, 0, 512,
                    ByteBuffer.allocate(512)));
            ScsiResponsePdu failed = (ScsiResponsePdu) s.unsolicited().poll(5, TimeUnit.SECONDS);
            byte[] sense = failed.senseData();
            assertThat(sense[2] & 0x0F).isEqualTo(0x0B);
            assertThat(new int[] {sense[12] & 0xFF, sense[13] & 0xFF}).containsExactly(0x4B, 0x05);
        }
    }

    @Test
    void headerAndDataDigestsWorkEndToEnd() throws Exception {
        LoginOptions o = DiskFixture.options(19).withDigests("CRC32C,None", "CRC32C");
        try (InitiatorSession s = InitiatorSession.login(fx.address(), o)) {
            assertThat(s.parameters().headerDigest()).isTrue();
            assertThat(s.parameters().dataDigest()).isTrue();
            clearUnitAttention(s);
            ByteBuffer data = pattern(40 * 512, 9);
            assertThat(s.execute(IscsiCommand.write(LUN0, rw10(0x2A, 10, 40), data.duplicate())).status()).isZero();
            assertThat(s.execute(IscsiCommand.read(LUN0, rw10(0x28, 10, 40), 40 * 512)).data())
                    .isEqualTo(data.array());
        }
    }

    @Test
    void absentLunIsReportedByTheDevice() throws Exception {
        try (InitiatorSession s = fx.login(20)) {
            CommandResult r = s.execute(IscsiCommand.noData(Lun.of(5), TUR));
            assertThat(r.status()).isEqualTo(0x02);
            assertThat(r.senseKey()).isEqualTo(0x5);
            assertThat(r.additionalSense()).isEqualTo(0x2500);
        }
    }
}
