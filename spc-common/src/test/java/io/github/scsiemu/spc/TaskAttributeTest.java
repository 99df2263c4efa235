package io.github.scsiemu.spc;

import static io.github.scsiemu.api.TaskAttribute.HEAD_OF_QUEUE;
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
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TaskAttribute;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementResponse;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SAM-5 8.6: the task set orders tasks by their SIMPLE, ORDERED and HEAD OF QUEUE attributes. */
class TaskAttributeTest {

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

    @Test
    void simpleTasksRunConcurrentlyAcrossNexuses() throws Exception {
        CompletableFuture<ScsiResponse> a = h.start(N1, 1, SIMPLE);
        CompletableFuture<ScsiResponse> b = h.start(N2, 2, SIMPLE);
        CompletableFuture<ScsiResponse> c = h.start(N1, 3, SIMPLE);
        assertThat(h.startOrder).containsExactlyInAnyOrder(1L, 2L, 3L);
        h.release(1);
        h.release(2);
        h.release(3);
        for (CompletableFuture<ScsiResponse> f : java.util.List.of(a, b, c)) {
            assertThat(done(f).status()).isEqualTo(Status.GOOD);
        }
    }

    @Test
    void orderedWaitsForOlderSimpleTasksOfEveryNexusAndBlocksNewerSimpleTasks() throws Exception {
        CompletableFuture<ScsiResponse> s1 = h.start(N1, 1, SIMPLE);
        CompletableFuture<ScsiResponse> s2 = h.start(N2, 2, SIMPLE);
        CompletableFuture<ScsiResponse> o3 = h.queue(N1, 3, ORDERED);
        CompletableFuture<ScsiResponse> s4 = h.queue(N2, 4, SIMPLE);
        CompletableFuture<ScsiResponse> o5 = h.queue(N1, 5, ORDERED);

        h.release(1);
        assertThat(done(s1).status()).isEqualTo(Status.GOOD);
        assertThat(h.state(N1, 3)).isEqualTo(Task.State.DORMANT); // still behind task 2 of the other nexus

        h.release(2);
        assertThat(done(s2).status()).isEqualTo(Status.GOOD);
        h.awaitStarted(3);
        assertThat(h.state(N2, 4)).isEqualTo(Task.State.DORMANT);
        assertThat(h.state(N1, 5)).isEqualTo(Task.State.DORMANT);

        h.release(3);
        h.awaitStarted(4);
        assertThat(h.state(N1, 5)).isEqualTo(Task.State.DORMANT);
        h.release(4);
        h.awaitStarted(5);
        h.release(5);
        for (CompletableFuture<ScsiResponse> f : java.util.List.of(o3, s4, o5)) {
            assertThat(done(f).status()).isEqualTo(Status.GOOD);
        }
        assertThat(h.startOrder).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(h.lu.taskSet().size()).isZero();
    }

    @Test
    void headOfQueueOvertakesABlockedQueueAndNewerTasksWaitForIt() throws Exception {
        CompletableFuture<ScsiResponse> s1 = h.start(N1, 1, SIMPLE);
        CompletableFuture<ScsiResponse> o2 = h.queue(N1, 2, ORDERED);
        CompletableFuture<ScsiResponse> s3 = h.queue(N2, 3, SIMPLE);

        CompletableFuture<ScsiResponse> h4 = h.start(N2, 4, HEAD_OF_QUEUE);
        CompletableFuture<ScsiResponse> h5 = h.start(N1, 5, HEAD_OF_QUEUE); // HEAD OF QUEUE tasks run together
        assertThat(h.startOrder).containsExactly(1L, 4L, 5L);
        // A SIMPLE task newer than a HEAD OF QUEUE task waits for it (and for the older ORDERED task).
        CompletableFuture<ScsiResponse> s6 = h.queue(N2, 6, SIMPLE);

        h.release(4);
        h.release(5);
        assertThat(done(h4).status()).isEqualTo(Status.GOOD);
        assertThat(done(h5).status()).isEqualTo(Status.GOOD);
        assertThat(h.state(N1, 2)).isEqualTo(Task.State.DORMANT);
        assertThat(h.state(N2, 3)).isEqualTo(Task.State.DORMANT);
        assertThat(h.state(N2, 6)).isEqualTo(Task.State.DORMANT);

        h.release(1);
        h.awaitStarted(2);
        h.release(2);
        h.awaitStarted(3);
        h.awaitStarted(6);
        h.release(3);
        h.release(6);
        for (CompletableFuture<ScsiResponse> f : java.util.List.of(s1, o2, s3, s6)) {
            assertThat(done(f).status()).isEqualTo(Status.GOOD);
        }
        assertThat(h.startOrder).containsSubsequence(1L, 4L, 2L, 3L).containsSubsequence(5L, 2L, 6L);
    }

    @Test
    void headOfQueueStartsWhileAnOrderedTaskRuns() throws Exception {
        CompletableFuture<ScsiResponse> o1 = h.start(N1, 1, ORDERED);
        CompletableFuture<ScsiResponse> h2 = h.start(N2, 2, HEAD_OF_QUEUE);
        h.release(2);
        assertThat(done(h2).status()).isEqualTo(Status.GOOD);
        h.release(1);
        assertThat(done(o1).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void abortTaskEndsADormantTaskAtOnceAndUnblocksTheTasksBehindIt() throws Exception {
        CompletableFuture<ScsiResponse> s1 = h.start(N1, 1, SIMPLE);
        CompletableFuture<ScsiResponse> o2 = h.queue(N1, 2, ORDERED);
        CompletableFuture<ScsiResponse> s3 = h.queue(N2, 3, SIMPLE);

        assertThat(h.tmf(N1, TaskManagementFunction.QUERY_TASK, 2)).isEqualTo(TaskManagementResponse.SUCCEEDED);
        assertThat(h.tmf(N2, TaskManagementFunction.QUERY_TASK_SET, 0)).isEqualTo(TaskManagementResponse.SUCCEEDED);
        assertThat(h.tmf(N1, TaskManagementFunction.ABORT_TASK, 2)).isEqualTo(TaskManagementResponse.COMPLETE);
        // The function completes only once the aborted task has ended.
        assertThat(h.state(N1, 2)).isEqualTo(Task.State.ENDED);
        assertThat(done(o2).terminated()).isTrue();
        assertThat(h.tmf(N1, TaskManagementFunction.QUERY_TASK, 2)).isEqualTo(TaskManagementResponse.COMPLETE);

        h.awaitStarted(3); // only the ORDERED task held it back
        h.release(3);
        h.release(1);
        assertThat(done(s1).status()).isEqualTo(Status.GOOD);
        assertThat(done(s3).status()).isEqualTo(Status.GOOD);
        assertThat(h.startOrder).containsExactly(1L, 3L);
        // Aborted by its own nexus: no unit attention.
        assertThat(send(h.lu, N1, 0, 0, 0, 0, 0, 0, 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void abortTaskSetEndsDormantAndEnabledTasksOfTheNexusOnly() throws Exception {
        CompletableFuture<ScsiResponse> s1 = h.start(N2, 1, SIMPLE);
        CompletableFuture<ScsiResponse> s2 = h.start(N1, 2, SIMPLE);
        CompletableFuture<ScsiResponse> o3 = h.queue(N1, 3, ORDERED);
        CompletableFuture<ScsiResponse> s4 = h.queue(N2, 4, SIMPLE);

        assertThat(h.tmf(N1, TaskManagementFunction.ABORT_TASK_SET, 0)).isEqualTo(TaskManagementResponse.COMPLETE);
        assertThat(done(s2).terminated()).isTrue();
        assertThat(done(o3).terminated()).isTrue();
        assertThat(h.tmf(N1, TaskManagementFunction.QUERY_TASK_SET, 0)).isEqualTo(TaskManagementResponse.COMPLETE);
        assertThat(h.tmf(N2, TaskManagementFunction.QUERY_TASK, 1)).isEqualTo(TaskManagementResponse.SUCCEEDED);

        h.awaitStarted(4);
        h.release(1);
        h.release(4);
        assertThat(done(s1).status()).isEqualTo(Status.GOOD);
        assertThat(done(s4).status()).isEqualTo(Status.GOOD);
        assertThat(send(h.lu, N2, 0, 0, 0, 0, 0, 0, 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void nexusLossEndsTheDormantTasksOfThatNexus() throws Exception {
        CompletableFuture<ScsiResponse> s1 = h.start(N2, 1, SIMPLE);
        CompletableFuture<ScsiResponse> o2 = h.queue(N1, 2, ORDERED);
        h.lu.nexusLost(N1);
        assertThat(done(o2).terminated()).isTrue();
        h.release(1);
        assertThat(done(s1).status()).isEqualTo(Status.GOOD);
        assertThat(h.startOrder).containsExactly(1L);
    }

    @Test
    void acaAttributeIsRefusedWithInvalidMessageErrorBeforeUnitAttentions() {
        ScsiRequest aca = ScsiRequest.of(EngineFixture.N1, Lun.of(0), new byte[6], 0).withTag(9)
                .withTaskAttribute(TaskAttribute.ACA);
        h.lu.nexusLost(N1); // a pending unit attention, which the refused command must not consume
        ScsiResponse r = h.lu.execute(aca);
        assertCheckCondition(r, SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_MESSAGE_ERROR);
        assertThat(r.senseBytes()[12]).isEqualTo((byte) 0x49);
        assertThat(r.senseBytes()[13]).isEqualTo((byte) 0x00);
        assertThat(h.lu.taskSet().size()).isZero();
        assertCheckCondition(send(h.lu, N1, 0, 0, 0, 0, 0, 0, 0), SenseKey.UNIT_ATTENTION,
                AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
    }
}
