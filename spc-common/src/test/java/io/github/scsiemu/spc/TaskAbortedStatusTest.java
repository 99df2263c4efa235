package io.github.scsiemu.spc;

import static io.github.scsiemu.api.TaskAttribute.ORDERED;
import static io.github.scsiemu.api.TaskAttribute.SIMPLE;
import static io.github.scsiemu.spc.EngineFixture.N1;
import static io.github.scsiemu.spc.EngineFixture.N2;
import static io.github.scsiemu.spc.EngineFixture.assertCheckCondition;
import static io.github.scsiemu.spc.EngineFixture.clearPowerOn;
import static io.github.scsiemu.spc.EngineFixture.send;
import static io.github.scsiemu.spc.HeldCommands.done;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementResponse;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SAM-5 5.6 and the TAS bit of the Control mode page (SPC-4 7.5.8): how tasks aborted by another nexus end, and the
 * unit attentions that report it.
 */
class TaskAbortedStatusTest {

    private final HeldCommands h = new HeldCommands();

    @BeforeEach
    void knownNexuses() {
        clearPowerOn(h.lu, N1);
        clearPowerOn(h.lu, N2);
    }

    @AfterEach
    void close() {
        h.close();
    }

    /** MODE SELECT(6), PF=1, of the Control mode page with TAS set, sent by {@code nexus}. */
    private void setTaskAbortedStatus(Nexus nexus) {
        byte[] list = {0, 0, 0, 0, 0x0A, 0x0A, 0x02, 0, 0, 0x40, 0, 0, 0, 0, 0, 0};
        ScsiResponse r = h.lu.execute(ScsiRequest.withDataOut(nexus, Lun.of(0),
                new byte[] {0x15, 0x10, 0, 0, (byte) list.length, 0}, ByteBuffer.wrap(list)));
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(h.lu.modePages().taskAbortedStatus()).isTrue();
    }

    private static void assertGood(ScsiResponse r) {
        assertThat(r.status()).isEqualTo(Status.GOOD);
    }

    private static void assertTaskAbortedStatus(ScsiResponse r) {
        assertThat(r.terminated()).isFalse();
        assertThat(r.status()).isEqualTo(Status.TASK_ABORTED);
        assertThat(r.sense()).isEmpty();
    }

    @Test
    void clearTaskSetWithTasOneEndsOtherNexusTasksWithTaskAbortedAndOwnTasksSilently() throws Exception {
        setTaskAbortedStatus(N2);
        assertCheckCondition(send(h.lu, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.MODE_PARAMETERS_CHANGED);
        CompletableFuture<ScsiResponse> enabled = h.start(N1, 1, SIMPLE);
        CompletableFuture<ScsiResponse> dormant = h.queue(N1, 2, ORDERED);
        CompletableFuture<ScsiResponse> own = h.queue(N2, 3, SIMPLE);

        assertThat(h.tmf(N2, TaskManagementFunction.CLEAR_TASK_SET, 0)).isEqualTo(TaskManagementResponse.COMPLETE);
        assertThat(h.lu.taskSet().size()).isZero();
        assertTaskAbortedStatus(done(enabled));
        assertTaskAbortedStatus(done(dormant));
        assertThat(done(own).terminated()).isTrue();
        // With TAS=1 the other nexus learns of the abort from the status: no COMMANDS CLEARED unit attention.
        assertGood(send(h.lu, N1, 0, 0, 0, 0, 0, 0, 0));
        assertGood(send(h.lu, N2, 0, 0, 0, 0, 0, 0, 0));
        assertThat(h.startOrder).containsExactly(1L);
    }

    @Test
    void clearTaskSetWithTasZeroEndsOtherNexusTasksSilentlyAndRaisesCommandsClearedOnce() throws Exception {
        CompletableFuture<ScsiResponse> enabled = h.start(N1, 1, SIMPLE);
        CompletableFuture<ScsiResponse> dormant = h.queue(N1, 2, ORDERED);

        assertThat(h.tmf(N2, TaskManagementFunction.CLEAR_TASK_SET, 0)).isEqualTo(TaskManagementResponse.COMPLETE);
        assertThat(done(enabled).terminated()).isTrue();
        assertThat(done(dormant).terminated()).isTrue();
        ScsiResponse ua = send(h.lu, N1, 0, 0, 0, 0, 0, 0, 0);
        assertCheckCondition(ua, SenseKey.UNIT_ATTENTION, AdditionalSense.COMMANDS_CLEARED_BY_ANOTHER_INITIATOR);
        assertThat(ua.senseBytes()[12]).isEqualTo((byte) 0x2F);
        assertThat(ua.senseBytes()[13]).isEqualTo((byte) 0x00);
        assertGood(send(h.lu, N1, 0, 0, 0, 0, 0, 0, 0));
        assertGood(send(h.lu, N2, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void clearTaskSetByTheOwningNexusRaisesNoUnitAttention() throws Exception {
        CompletableFuture<ScsiResponse> enabled = h.start(N1, 1, SIMPLE);
        assertThat(h.tmf(N1, TaskManagementFunction.CLEAR_TASK_SET, 0)).isEqualTo(TaskManagementResponse.COMPLETE);
        assertThat(done(enabled).terminated()).isTrue();
        assertGood(send(h.lu, N1, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void logicalUnitResetWithTasOneEndsOtherNexusTasksWithTaskAbortedAndReportsOnlyTheReset() throws Exception {
        setTaskAbortedStatus(N2);
        assertCheckCondition(send(h.lu, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.MODE_PARAMETERS_CHANGED);
        CompletableFuture<ScsiResponse> enabled = h.start(N1, 1, SIMPLE);
        CompletableFuture<ScsiResponse> dormant = h.queue(N1, 2, ORDERED);

        assertThat(h.tmf(N2, TaskManagementFunction.LOGICAL_UNIT_RESET, 0))
                .isEqualTo(TaskManagementResponse.COMPLETE);
        assertTaskAbortedStatus(done(enabled));
        assertTaskAbortedStatus(done(dormant));
        for (Nexus n : new Nexus[] {N1, N2}) {
            assertCheckCondition(send(h.lu, n, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                    AdditionalSense.BUS_DEVICE_RESET_FUNCTION_OCCURRED);
            assertGood(send(h.lu, n, 0, 0, 0, 0, 0, 0, 0));
        }
        // The reset restored the saved (default) Control mode page.
        assertThat(h.lu.modePages().taskAbortedStatus()).isFalse();
    }

    @Test
    void logicalUnitResetWithTasZeroEndsTasksSilentlyAndReportsOnlyTheReset() throws Exception {
        CompletableFuture<ScsiResponse> enabled = h.start(N1, 1, SIMPLE);
        CompletableFuture<ScsiResponse> dormant = h.queue(N1, 2, ORDERED);

        assertThat(h.tmf(N2, TaskManagementFunction.LOGICAL_UNIT_RESET, 0))
                .isEqualTo(TaskManagementResponse.COMPLETE);
        assertThat(done(enabled).terminated()).isTrue();
        assertThat(done(dormant).terminated()).isTrue();
        assertCheckCondition(send(h.lu, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.BUS_DEVICE_RESET_FUNCTION_OCCURRED);
        assertGood(send(h.lu, N1, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void abortTaskSetOfAnotherNexusLeavesTheseTasksAlone() throws Exception {
        setTaskAbortedStatus(N2);
        assertCheckCondition(send(h.lu, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.MODE_PARAMETERS_CHANGED);
        CompletableFuture<ScsiResponse> enabled = h.start(N1, 1, SIMPLE);
        assertThat(h.tmf(N2, TaskManagementFunction.ABORT_TASK_SET, 0)).isEqualTo(TaskManagementResponse.COMPLETE);
        assertThat(h.tmf(N1, TaskManagementFunction.QUERY_TASK, 1)).isEqualTo(TaskManagementResponse.SUCCEEDED);
        h.release(1);
        assertGood(done(enabled));
    }

    @Test
    void preemptStyleAbortWithTasOneEndsDormantTasksWithTaskAborted() throws Exception {
        setTaskAbortedStatus(N2);
        CompletableFuture<ScsiResponse> enabled = h.start(N2, 1, SIMPLE);
        CompletableFuture<ScsiResponse> dormant = h.queue(N1, 2, ORDERED);
        h.lu.abortTasksOf(java.util.Set.of(N1), N2);
        assertTaskAbortedStatus(done(dormant));
        assertThat(h.tmf(N2, TaskManagementFunction.QUERY_TASK, 1)).isEqualTo(TaskManagementResponse.SUCCEEDED);
        h.release(1);
        assertGood(done(enabled));
    }
}
