package io.github.scsiemu.spc;

import static io.github.scsiemu.spc.EngineFixture.N1;
import static io.github.scsiemu.spc.EngineFixture.N2;
import static io.github.scsiemu.spc.EngineFixture.assertCheckCondition;
import static io.github.scsiemu.spc.EngineFixture.clearPowerOn;
import static io.github.scsiemu.spc.EngineFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.TaskManagementResponse;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskManagementTest {

    /** Vendor-specific C1h: runs until aborted or released. */
    private static final CommandDescriptor LONG = CommandDescriptor.builder("TEST LONG", 0xC1, 6).build();

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final DeviceServer lu = DeviceServer.builder(EngineFixture.identity())
            .commands(List.of(new Command(LONG, ctx -> {
                started.countDown();
                while (!ctx.task().isAborted()) {
                    try {
                        if (release.await(5, TimeUnit.MILLISECONDS)) {
                            break;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                return CommandResult.good();
            })))
            .build();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() {
        release.countDown();
        pool.shutdownNow();
    }

    private CompletableFuture<ScsiResponse> startLong(Nexus nexus, long tag) throws InterruptedException {
        CompletableFuture<ScsiResponse> f = CompletableFuture.supplyAsync(() -> lu.execute(
                ScsiRequest.of(nexus, Lun.of(0), new byte[] {(byte) 0xC1, 0, 0, 0, 0, 0}, 0).withTag(tag)), pool);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        return f;
    }

    private TaskManagementResponse tmf(Nexus nexus, TaskManagementFunction f, long tag) {
        return lu.manage(new TaskManagementRequest(nexus, Lun.of(0), f, tag));
    }

    @Test
    void abortTaskTerminatesTheTaskWithoutStatus() throws Exception {
        clearPowerOn(lu, N1);
        CompletableFuture<ScsiResponse> running = startLong(N1, 7);
        assertThat(tmf(N1, TaskManagementFunction.QUERY_TASK, 7)).isEqualTo(TaskManagementResponse.SUCCEEDED);
        assertThat(tmf(N1, TaskManagementFunction.QUERY_TASK, 8)).isEqualTo(TaskManagementResponse.COMPLETE);
        assertThat(tmf(N2, TaskManagementFunction.QUERY_TASK, 7)).isEqualTo(TaskManagementResponse.COMPLETE);
        assertThat(tmf(N1, TaskManagementFunction.QUERY_TASK_SET, 0)).isEqualTo(TaskManagementResponse.SUCCEEDED);
        assertThat(tmf(N1, TaskManagementFunction.ABORT_TASK, 7)).isEqualTo(TaskManagementResponse.COMPLETE);
        ScsiResponse r = running.get(5, TimeUnit.SECONDS);
        assertThat(r.terminated()).isTrue();
        assertThat(lu.taskSet().size()).isZero();
        assertThat(tmf(N1, TaskManagementFunction.QUERY_TASK, 7)).isEqualTo(TaskManagementResponse.COMPLETE);
    }

    @Test
    void overlappedTagAbortsTheNexusTasksAndReportsOverlappedCommands() throws Exception {
        clearPowerOn(lu, N1);
        CompletableFuture<ScsiResponse> running = startLong(N1, 9);
        ScsiResponse overlapped = lu.execute(
                ScsiRequest.of(N1, Lun.of(0), new byte[] {0, 0, 0, 0, 0, 0}, 0).withTag(9));
        assertCheckCondition(overlapped, SenseKey.ABORTED_COMMAND, AdditionalSense.OVERLAPPED_COMMANDS_ATTEMPTED);
        assertThat(running.get(5, TimeUnit.SECONDS).terminated()).isTrue();
    }

    @Test
    void clearTaskSetByAnotherNexusWithTasZeroTerminatesSilentlyAndRaisesCommandsCleared() throws Exception {
        clearPowerOn(lu, N1);
        clearPowerOn(lu, N2);
        CompletableFuture<ScsiResponse> running = startLong(N1, 1);
        assertThat(tmf(N2, TaskManagementFunction.CLEAR_TASK_SET, 0)).isEqualTo(TaskManagementResponse.COMPLETE);
        assertThat(running.get(5, TimeUnit.SECONDS).terminated()).isTrue();
        assertCheckCondition(send(lu, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.COMMANDS_CLEARED_BY_ANOTHER_INITIATOR);
        assertThat(send(lu, N2, 0, 0, 0, 0, 0, 0, 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void logicalUnitResetEstablishesBusDeviceResetForEveryNexus() {
        clearPowerOn(lu, N1);
        clearPowerOn(lu, N2);
        assertThat(tmf(N1, TaskManagementFunction.LOGICAL_UNIT_RESET, 0)).isEqualTo(TaskManagementResponse.COMPLETE);
        for (Nexus n : List.of(N1, N2)) {
            assertCheckCondition(send(lu, n, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                    AdditionalSense.BUS_DEVICE_RESET_FUNCTION_OCCURRED);
            assertThat(send(lu, n, 0, 0, 0, 0, 0, 0, 0).status()).isEqualTo(Status.GOOD);
        }
    }

    @Test
    void itNexusResetAffectsOnlyThatNexus() {
        clearPowerOn(lu, N1);
        clearPowerOn(lu, N2);
        assertThat(tmf(N1, TaskManagementFunction.I_T_NEXUS_RESET, 0)).isEqualTo(TaskManagementResponse.COMPLETE);
        assertCheckCondition(send(lu, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
        assertThat(send(lu, N2, 0, 0, 0, 0, 0, 0, 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void queryAsynchronousEventReportsPendingUnitAttentionWithoutClearingIt() {
        TaskManagementResponse r = tmf(N1, TaskManagementFunction.QUERY_ASYNCHRONOUS_EVENT, 0);
        assertThat(r.serviceResponse()).isEqualTo(TaskManagementResponse.ServiceResponse.FUNCTION_SUCCEEDED);
        assertThat(r.additionalResponseInformation()).isEqualTo(0x06_29_00);
        assertCheckCondition(send(lu, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
        assertThat(tmf(N1, TaskManagementFunction.QUERY_ASYNCHRONOUS_EVENT, 0))
                .isEqualTo(TaskManagementResponse.COMPLETE);
    }

    @Test
    void clearAcaIsRejectedBecauseNacaIsNotSupported() {
        assertThat(tmf(N1, TaskManagementFunction.CLEAR_ACA, 0)).isEqualTo(TaskManagementResponse.REJECTED);
    }

    @Test
    void nexusLossEstablishesItNexusLossOccurred() {
        clearPowerOn(lu, N1);
        lu.nexusLost(N1);
        assertCheckCondition(send(lu, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
    }
}
