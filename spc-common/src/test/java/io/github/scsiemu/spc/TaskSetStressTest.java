package io.github.scsiemu.spc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TaskAttribute;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.TaskManagementResponse;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.sense.SenseKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Many nexuses sending commands with random task attributes while task management functions fire at random: every
 * call returns, the ordering rules of SAM-5 8.6 hold whenever a task starts, and the task set ends empty.
 */
class TaskSetStressTest {

    private static final CommandDescriptor WORK = CommandDescriptor.builder("TEST WORK", 0xC3, 6).build();
    private static final int NEXUSES = 3;
    private static final int THREADS_PER_NEXUS = 2;
    private static final int COMMANDS_PER_THREAD = 150;
    private static final long SEED = 0x5CA1AB1EL;

    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final DeviceServer lu = DeviceServer.builder(EngineFixture.identity())
            .commands(List.of(new Command(WORK, ctx -> {
                checkOrdering(ctx.logicalUnit().taskSet(), ctx.task());
                long until = System.nanoTime() + (ctx.task().tag() % 7) * 30_000;
                while (!ctx.task().isAborted() && System.nanoTime() < until) {
                    LockSupport.parkNanos(10_000);
                }
                return CommandResult.good();
            })))
            .build();

    /** SAM-5 8.6, checked as each task starts: no older task it must wait for is still in the task set. */
    private void checkOrdering(TaskSet set, Task me) {
        List<Task> older = set.matching(t -> t.sequence() < me.sequence());
        boolean ok = switch (me.attribute()) {
            case SIMPLE -> older.stream().noneMatch(
                    t -> t.attribute() == TaskAttribute.ORDERED || t.attribute() == TaskAttribute.HEAD_OF_QUEUE);
            case ORDERED -> older.isEmpty();
            case HEAD_OF_QUEUE, ACA -> true;
        };
        if (!ok) {
            violations.add(me.attribute() + " task " + me.tag() + " started with older " + older.stream()
                    .map(t -> t.attribute() + "/" + t.tag()).toList());
        }
    }

    private static Nexus nexus(int i) {
        return new Nexus(InitiatorPort.iscsi("iqn.2026-01.org.example:stress" + i, i + 1), EngineFixture.PORT_A);
    }

    @Test
    void everyCallReturnsAndOrderingHoldsUnderRandomTaskManagement() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<ScsiResponse>>> workers = new ArrayList<>();
        try {
            for (int n = 0; n < NEXUSES; n++) {
                for (int w = 0; w < THREADS_PER_NEXUS; w++) {
                    Nexus nexus = nexus(n);
                    long firstTag = (long) w * COMMANDS_PER_THREAD;
                    Random random = new Random(SEED + n * 31L + w);
                    workers.add(pool.submit(() -> {
                        go.await();
                        List<ScsiResponse> responses = new ArrayList<>();
                        for (int i = 0; i < COMMANDS_PER_THREAD; i++) {
                            TaskAttribute attribute = pick(random);
                            byte opcode = random.nextInt(4) == 0 ? 0x00 : (byte) 0xC3; // TEST UNIT READY or WORK
                            responses.add(lu.execute(ScsiRequest.of(nexus, Lun.of(0), new byte[] {opcode, 0, 0, 0, 0,
                                    0}, 0).withTag(firstTag + i).withTaskAttribute(attribute)));
                        }
                        return responses;
                    }));
                }
            }
            Future<List<TaskManagementResponse>> manager = pool.submit(() -> {
                Random random = new Random(SEED);
                TaskManagementFunction[] functions = {TaskManagementFunction.ABORT_TASK,
                    TaskManagementFunction.ABORT_TASK_SET, TaskManagementFunction.CLEAR_TASK_SET,
                    TaskManagementFunction.LOGICAL_UNIT_RESET, TaskManagementFunction.I_T_NEXUS_RESET,
                    TaskManagementFunction.QUERY_TASK, TaskManagementFunction.QUERY_TASK_SET,
                    TaskManagementFunction.QUERY_ASYNCHRONOUS_EVENT};
                List<TaskManagementResponse> responses = new ArrayList<>();
                go.await();
                while (running.get()) {
                    TaskManagementFunction f = functions[random.nextInt(functions.length)];
                    long tag = random.nextInt(THREADS_PER_NEXUS * COMMANDS_PER_THREAD);
                    responses.add(lu.manage(new TaskManagementRequest(nexus(random.nextInt(NEXUSES)), Lun.of(0),
                            f, tag)));
                    LockSupport.parkNanos(200_000);
                }
                return responses;
            });
            go.countDown();

            List<ScsiResponse> all = new ArrayList<>();
            for (Future<List<ScsiResponse>> w : workers) {
                all.addAll(w.get(60, TimeUnit.SECONDS));
            }
            running.set(false);
            List<TaskManagementResponse> tmfs = manager.get(60, TimeUnit.SECONDS);

            assertThat(all).hasSize(NEXUSES * THREADS_PER_NEXUS * COMMANDS_PER_THREAD);
            for (ScsiResponse r : all) {
                assertThat(r.status()).isIn(Status.GOOD, Status.CHECK_CONDITION, Status.TASK_ABORTED);
                r.sense().ifPresent(s -> assertThat(s.senseKey()).isEqualTo(SenseKey.UNIT_ATTENTION));
            }
            assertThat(tmfs).isNotEmpty().allSatisfy(t -> assertThat(t.serviceResponse()).isIn(
                    TaskManagementResponse.ServiceResponse.FUNCTION_COMPLETE,
                    TaskManagementResponse.ServiceResponse.FUNCTION_SUCCEEDED));
            assertThat(violations).isEmpty();
            assertThat(lu.taskSet().size()).isZero();
            // The task set is not wedged: an ORDERED command still runs once pending unit attentions are reported.
            Nexus n = nexus(0);
            ScsiRequest ordered = ScsiRequest.of(n, Lun.of(0), new byte[] {0, 0, 0, 0, 0, 0}, 0)
                    .withTaskAttribute(TaskAttribute.ORDERED);
            ScsiResponse last = lu.execute(ordered);
            for (int i = 0; i < 5 && last.status() == Status.CHECK_CONDITION; i++) {
                last = lu.execute(ordered);
            }
            assertThat(last.status()).isEqualTo(Status.GOOD);
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
    }

    private static TaskAttribute pick(Random random) {
        int r = random.nextInt(10);
        return r < 6 ? TaskAttribute.SIMPLE : r < 8 ? TaskAttribute.ORDERED : TaskAttribute.HEAD_OF_QUEUE;
    }
}
