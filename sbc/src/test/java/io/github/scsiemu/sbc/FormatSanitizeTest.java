package io.github.scsiemu.sbc;

import static io.github.scsiemu.sbc.StartStopPreventTest.check;
import static io.github.scsiemu.sbc.StartStopPreventTest.good;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class FormatSanitizeTest {

    /** Runs background steps only when told to. */
    private static final class StepExecutor implements Executor {
        private final Queue<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            queue.add(command);
        }

        void step(int n) {
            for (int i = 0; i < n; i++) {
                queue.remove().run();
            }
        }

        boolean idle() {
            return queue.isEmpty();
        }
    }

    private static final int BLOCKS = 128; // 64 steps of 2 blocks: each step is 1024/65536 of progress

    private final Disk disk = Disk.builder(DiskConfig.builder(BLOCKS, 512).thin().build()).build();
    private final Initiator a = Initiator.connect(disk.logicalUnit(), "a");
    private final StepExecutor steps = new StepExecutor();

    FormatSanitizeTest() {
        disk.state().backgroundExecutor(steps);
    }

    private static byte[] formatUnit(int byte1) {
        return new byte[] {0x04, (byte) byte1, 0, 0, 0, 0};
    }

    private static byte[] sanitize(int byte1, int parameterListLength) {
        byte[] c = new byte[10];
        c[0] = 0x48;
        c[1] = (byte) byte1;
        c[7] = (byte) (parameterListLength >> 8);
        c[8] = (byte) parameterListLength;
        return c;
    }

    private static byte[] overwriteList(int byte0, byte[] pattern) {
        ByteBuffer b = ByteBuffer.allocate(4 + pattern.length);
        b.put((byte) byte0).put((byte) 0).putShort((short) pattern.length).put(pattern);
        return b.array();
    }

    private static SenseData inProgress(AdditionalSense asc, int progress) {
        return SenseData.of(SenseKey.NOT_READY, asc).withSenseKeySpecific(
                new SenseKeySpecific.ProgressIndication(progress));
    }

    private byte[] requestSense() {
        ScsiResponse r = a.send(new byte[] {0x03, 0, 0, 0, (byte) 252, 0}, 252);
        good(r);
        return r.dataInBytes();
    }

    private void fillWith(int value) {
        a.write(0, Initiator.filled(BLOCKS * 512, value), 512);
    }

    @Test
    void formatWithoutParameterListDeallocatesEveryBlock() {
        fillWith(0x5A);
        good(a.send(formatUnit(0), 0));
        assertThat(a.read(0, BLOCKS, 512)).isEqualTo(new byte[BLOCKS * 512]);
        assertThat(disk.medium().provisioningStatus(0, BLOCKS))
                .isEqualTo(new ProvisioningRun(0, BLOCKS, ProvisioningState.DEALLOCATED));
    }

    @Test
    void immediateFormatReportsProgressUntilDone() {
        fillWith(0x5A);
        good(a.send(formatUnit(0x10), new byte[] {0, 0x02, 0, 0})); // FMTDATA, short header, IMMED
        assertThat(disk.state().operationInProgress()).contains(MediumOperation.FORMAT);
        check(a.send(new byte[6], 0), inProgress(AdditionalSense.LOGICAL_UNIT_NOT_READY_FORMAT_IN_PROGRESS, 0));
        steps.step(16);
        check(a.send(Initiator.read16(0, 1), 512),
                inProgress(AdditionalSense.LOGICAL_UNIT_NOT_READY_FORMAT_IN_PROGRESS, 16 * 1024));
        byte[] sense = requestSense();
        assertThat(sense[2]).isEqualTo((byte) 0x02);
        assertThat(Arrays.copyOfRange(sense, 12, 18)).containsExactly(0x04, 0x04, 0, 0x80 | 0x00, 0x40, 0x00);
        // a second format is refused while the first runs
        check(a.send(formatUnit(0), 0), inProgress(AdditionalSense.LOGICAL_UNIT_NOT_READY_FORMAT_IN_PROGRESS,
                16 * 1024));
        steps.step(48);
        assertThat(steps.idle()).isTrue();
        good(a.send(new byte[6], 0));
        assertThat(a.read(0, BLOCKS, 512)).isEqualTo(new byte[BLOCKS * 512]);
    }

    @Test
    void formatWithARepeatedInitializationPatternWritesIt() {
        byte[] list = {0, (byte) 0x88, 0, 0, /* IPD */ 0, 0x01, 0, 2, (byte) 0xAB, (byte) 0xCD}; // FOV, IP
        good(a.send(formatUnit(0x10), list));
        byte[] block = a.read(BLOCKS - 1, 1, 512);
        assertThat(block[0]).isEqualTo((byte) 0xAB);
        assertThat(block[511]).isEqualTo((byte) 0xCD);
    }

    @Test
    void formatParameterListIsChecked() {
        check(a.send(formatUnit(0x40), 0), SenseData.invalidFieldInCdb(1, 7)); // FMTPINFO
        check(a.send(new byte[] {0x04, 0, 0, 0, 0x01, 0}, 0), SenseData.invalidFieldInCdb(4, 1)); // FFMT
        check(a.send(formatUnit(0x17), new byte[4]), SenseData.invalidFieldInCdb(1, 2)); // vendor format
        check(a.send(formatUnit(0x10), new byte[] {0, 0}),
                SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR));
        check(a.send(formatUnit(0x10), new byte[] {0x01, 0, 0, 0}), SenseData.invalidFieldInParameterList(0, 2));
        check(a.send(formatUnit(0x10), new byte[] {0, 0x20, 0, 0}), SenseData.invalidFieldInParameterList(1, 5));
        check(a.send(formatUnit(0x10), new byte[] {0, 0, 0, 8}), SenseData.invalidFieldInParameterList(2, 7));
        check(a.send(formatUnit(0x30), new byte[] {0, 0, 0, 0x10, 0, 0, 0, 0}), // long header, P_I_INFORMATION
                SenseData.invalidFieldInParameterList(3, 7));
        check(a.send(formatUnit(0x10), new byte[] {0, (byte) 0x88, 0, 0, 0, 0x02, 0, 0}),
                SenseData.invalidFieldInParameterList(5, 7)); // pattern type
        check(a.send(formatUnit(0x10), new byte[] {0, (byte) 0x88, 0, 0, 0, 0x00, 0, 1, 0}),
                SenseData.invalidFieldInParameterList(6, 7)); // default pattern with a length
        assertThat(disk.state().failure()).isEmpty();
    }

    @Test
    void failedFormatCorruptsTheMediumUntilAFormatSucceeds() {
        var fault = disk.faults().failWrites(100, 1);
        check(a.send(formatUnit(0), 0), SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.FORMAT_COMMAND_FAILED));
        SenseData corrupted = SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.MEDIUM_FORMAT_CORRUPTED);
        check(a.send(Initiator.read16(0, 1), 512), corrupted);
        check(a.send(new byte[6], 0), corrupted);
        fault.remove();
        good(a.send(formatUnit(0), 0));
        good(a.send(new byte[6], 0));
    }

    @Test
    void overwriteWritesThePatternEverywhere() {
        good(a.send(sanitize(0x01, 8), overwriteList(0x01, new byte[] {1, 2, 3, 4})));
        byte[] all = a.read(0, BLOCKS, 512);
        for (int i = 0; i < all.length; i++) {
            assertThat(all[i]).isEqualTo((byte) (i % 4 + 1));
        }
        // INVERT with an even count leaves the inverse of the pattern
        good(a.send(sanitize(0x01, 5), overwriteList(0x82, new byte[] {0x0F})));
        assertThat(a.read(7, 1, 512)).isEqualTo(Initiator.filled(512, 0xF0));
    }

    @Test
    void overwriteParametersAreChecked() {
        for (int length = 0; length < 5; length++) {
            check(a.send(sanitize(0x01, length), new byte[8]), SenseData.invalidFieldInCdb(7, 7));
        }
        check(a.send(sanitize(0x01, 517), new byte[520]), SenseData.invalidFieldInCdb(7, 7));
        check(a.send(sanitize(0x01, 516), overwriteList(0x00, new byte[512])),
                SenseData.invalidFieldInParameterList(0, 4)); // OVERWRITE COUNT 0
        check(a.send(sanitize(0x01, 516), overwriteList(0x21, new byte[512])),
                SenseData.invalidFieldInParameterList(0, 6)); // TEST
        check(a.send(sanitize(0x01, 516), new byte[] {0x01, 0, 0, 0}), SenseData.of(SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.PARAMETER_LIST_LENGTH_ERROR));
        byte[] zeroLength = overwriteList(0x01, new byte[512]);
        zeroLength[2] = 0;
        zeroLength[3] = 0;
        check(a.send(sanitize(0x01, 516), zeroLength), SenseData.invalidFieldInParameterList(2, 7));
        byte[] tooLong = overwriteList(0x01, new byte[512]);
        tooLong[2] = 0x02;
        tooLong[3] = 0x04;
        check(a.send(sanitize(0x01, 516), tooLong), SenseData.invalidFieldInParameterList(2, 7));
    }

    @Test
    void blockEraseDeallocatesAndRefusesAParameterList() {
        fillWith(0x77);
        check(a.send(sanitize(0x02, 8), new byte[8]), SenseData.invalidFieldInCdb(7, 7));
        good(a.send(sanitize(0x02, 0), 0));
        assertThat(a.read(0, BLOCKS, 512)).isEqualTo(new byte[BLOCKS * 512]);
        assertThat(disk.medium().provisioningStatus(0, BLOCKS).state()).isEqualTo(ProvisioningState.DEALLOCATED);
        fillWith(0x77);
        good(a.send(sanitize(0x03, 0), 0));
        assertThat(a.read(0, 1, 512)).isEqualTo(new byte[512]);
    }

    @Test
    void eraseIsNotOfferedByAFullyProvisionedDisk() {
        Disk full = Disk.builder(DiskConfig.builder(BLOCKS, 512).build()).build();
        Initiator b = Initiator.connect(full.logicalUnit());
        check(b.send(sanitize(0x02, 0), 0), SenseData.invalidFieldInCdb(1, 4));
        good(b.send(sanitize(0x1F, 0), 0));
    }

    @Test
    void immediateSanitizeReportsProgressAndOtherCommandsWait() {
        good(a.send(sanitize(0x80 | 0x02, 0), 0));
        SenseData atZero = inProgress(AdditionalSense.LOGICAL_UNIT_NOT_READY_SANITIZE_IN_PROGRESS, 0);
        check(a.send(Initiator.read16(0, 1), 512), atZero);
        check(a.send(StartStopPreventTest.preventAllow(1), 0), atZero);
        steps.step(63);
        byte[] sense = requestSense();
        assertThat(Arrays.copyOfRange(sense, 12, 18)).containsExactly(0x04, 0x1B, 0, 0x80, (byte) 0xFC, 0x00);
        steps.step(1);
        good(a.send(new byte[6], 0));
    }

    @Test
    void failedSanitizeEntersTheFailureModeUntilExitOrSuccess() {
        var fault = disk.faults().failWrites(0, 1);
        SenseData failedSanitize = SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.SANITIZE_COMMAND_FAILED);
        check(a.send(sanitize(0x02, 0), 0), failedSanitize); // AUSE=0
        check(a.send(Initiator.read16(0, 1), 512), failedSanitize);
        check(a.send(new byte[6], 0), failedSanitize);
        check(a.send(sanitize(0x1F, 0), 0), SenseData.invalidFieldInCdb(1, 4)); // no exit without AUSE
        check(a.send(sanitize(0x1F, 0), 0), SenseData.invalidFieldInCdb(1, 4));
        fault.remove();
        good(a.send(sanitize(0x02, 0), 0)); // a successful sanitize ends it
        good(a.send(new byte[6], 0));

        fault = disk.faults().failWrites(0, 1);
        check(a.send(sanitize(0x20 | 0x02, 0), 0), failedSanitize); // AUSE=1
        check(a.send(sanitize(0x1F, 8), new byte[8]), SenseData.invalidFieldInCdb(7, 7));
        good(a.send(sanitize(0x1F, 0), 0));
        assertThat(disk.state().failure()).isEmpty();
        good(a.send(new byte[6], 0));
        fault.remove();
    }

    @Test
    void immediateSanitizeThatFailsLeavesTheFailureMode() {
        disk.faults().failWrites(BLOCKS - 1, 1);
        good(a.send(sanitize(0x80 | 0x02, 0), 0));
        steps.step(64);
        assertThat(steps.idle()).isTrue();
        assertThat(disk.state().failure()).contains(MediumOperation.SANITIZE);
        check(a.send(Initiator.read16(0, 1), 512),
                SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.SANITIZE_COMMAND_FAILED));
    }

    @Test
    void backgroundExecutorOfTheDiskCompletesAndStopsOnClose() throws InterruptedException {
        Disk own = Disk.builder(DiskConfig.builder(BLOCKS, 512).thin().build()).build();
        own.state().minimumOperationTime(java.time.Duration.ofMillis(300));
        Initiator b = Initiator.connect(own.logicalUnit());
        good(b.send(formatUnit(0x10), new byte[] {0, 0x02, 0, 0}));
        assertThat(own.state().operationInProgress()).as("paced: still formatting").isPresent();
        for (int i = 0; i < 1000 && own.state().operationInProgress().isPresent(); i++) {
            Thread.sleep(5);
        }
        assertThat(own.state().operationInProgress()).isEmpty();
        good(b.send(new byte[6], 0));
        own.close();
    }
}
