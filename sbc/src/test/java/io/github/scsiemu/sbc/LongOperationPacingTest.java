package io.github.scsiemu.sbc;

import static io.github.scsiemu.sbc.StartStopPreventTest.good;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Formats and sanitizes on the disk's own background executor take a minimum time, with or without IMMED, and
 * neither a logical unit reset nor aborting the command that started one stops it (SBC-4 4.11, 5.30; libiscsi
 * Sanitize.Reset).
 */
class LongOperationPacingTest {

    private static final Duration MINIMUM = Duration.ofMillis(1500);

    private final Disk disk = Disk.builder(DiskConfig.builder(128, 512).thin().build()).build();
    private final Initiator a = Initiator.connect(disk.logicalUnit(), "a");
    private final Initiator b = Initiator.connect(disk.logicalUnit(), "b");

    LongOperationPacingTest() {
        disk.state().minimumOperationTime(MINIMUM);
    }

    @AfterEach
    void close() {
        disk.close();
    }

    private static final byte[] BLOCK_ERASE = {0x48, 0x02, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] TEST_UNIT_READY = new byte[6];

    private static void sanitizeInProgress(ScsiResponse r) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        var sense = r.sense().orElseThrow();
        assertThat(sense.senseKey()).isEqualTo(SenseKey.NOT_READY);
        assertThat(sense.additionalSense()).isEqualTo(AdditionalSense.LOGICAL_UNIT_NOT_READY_SANITIZE_IN_PROGRESS);
    }

    private void awaitStart() throws InterruptedException {
        for (int i = 0; i < 500 && disk.state().operationInProgress().isEmpty(); i++) {
            Thread.sleep(2);
        }
        assertThat(disk.state().operationInProgress()).contains(MediumOperation.SANITIZE);
    }

    @Test
    void aSanitizeWithoutImmedIsPacedAndOutlivesALogicalUnitReset() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<ScsiResponse> sanitize = CompletableFuture.supplyAsync(() -> a.send(BLOCK_ERASE, 0));
        awaitStart();
        sanitizeInProgress(b.send(TEST_UNIT_READY, 0));
        sanitizeInProgress(b.send(Initiator.read16(0, 1), 512));

        Nexus other = new Nexus(InitiatorPort.named("iqn.2026-01.test:c"), Initiator.TARGET_PORT);
        disk.logicalUnit().manage(TaskManagementRequest.of(other, Lun.of(0),
                TaskManagementFunction.LOGICAL_UNIT_RESET));
        assertThat(sanitize.get().status()).as("the reset aborted the command, not the operation")
                .isNotEqualTo(Status.CHECK_CONDITION);
        assertThat(disk.state().operationInProgress()).contains(MediumOperation.SANITIZE);
        ScsiResponse afterReset = b.send(TEST_UNIT_READY, 0); // the reset's unit attention first
        assertThat(afterReset.sense().orElseThrow().additionalSense())
                .isEqualTo(AdditionalSense.BUS_DEVICE_RESET_FUNCTION_OCCURRED);
        sanitizeInProgress(b.send(TEST_UNIT_READY, 0));

        while (disk.state().operationInProgress().isPresent()) {
            Thread.sleep(10);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(MINIMUM);
        good(b.send(TEST_UNIT_READY, 0));
        assertThat(disk.state().failure()).isEmpty();
    }

    @Test
    void aSanitizeWithoutImmedReturnsGoodOnlyWhenDone() {
        long start = System.nanoTime();
        good(a.send(BLOCK_ERASE, 0));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(MINIMUM);
        assertThat(disk.state().operationInProgress()).isEmpty();
        good(b.send(TEST_UNIT_READY, 0));
    }

    @Test
    void anImmediateSanitizeIsStillInProgressRightAfterGood() throws InterruptedException {
        byte[] immediate = BLOCK_ERASE.clone();
        immediate[1] |= (byte) 0x80;
        good(a.send(immediate, 0));
        sanitizeInProgress(a.send(TEST_UNIT_READY, 0));
        while (disk.state().operationInProgress().isPresent()) {
            Thread.sleep(10);
        }
        good(a.send(TEST_UNIT_READY, 0));
    }
}
