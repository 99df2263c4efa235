package io.github.scsiemu.spc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.TaskAttribute;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.TaskManagementResponse;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Test harness: a logical unit with a vendor-specific command (C1h) that, once its task is enabled, records its tag,
 * signals that it started and holds until the test releases its tag or the task is aborted. Each command runs on its
 * own thread, as a transport would run it.
 */
final class HeldCommands implements AutoCloseable {

    /** Vendor-specific C1h: held until released or aborted. */
    static final CommandDescriptor HOLD = CommandDescriptor.builder("TEST HOLD", 0xC1, 6).build();
    static final long TIMEOUT_SECONDS = 10;

    final DeviceServer lu;
    private final Map<Long, CountDownLatch> started = new ConcurrentHashMap<>();
    private final Map<Long, CountDownLatch> released = new ConcurrentHashMap<>();
    /** The tags of the held commands in the order their tasks were enabled and started. */
    final Queue<Long> startOrder = new ConcurrentLinkedQueue<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    HeldCommands() {
        lu = DeviceServer.builder(EngineFixture.identity())
                .commands(List.of(new Command(HOLD, ctx -> {
                    long tag = ctx.task().tag();
                    startOrder.add(tag);
                    latch(started, tag).countDown();
                    CountDownLatch release = latch(released, tag);
                    try {
                        while (!ctx.task().isAborted() && !release.await(2, TimeUnit.MILLISECONDS)) {
                            // held
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return CommandResult.good();
                })))
                .build();
    }

    private static CountDownLatch latch(Map<Long, CountDownLatch> latches, long tag) {
        return latches.computeIfAbsent(tag, t -> new CountDownLatch(1));
    }

    /** Sends a held command with the given tag and attribute on its own thread. */
    CompletableFuture<ScsiResponse> submit(Nexus nexus, long tag, TaskAttribute attribute) {
        ScsiRequest r = ScsiRequest.of(nexus, Lun.of(0), new byte[] {(byte) 0xC1, 0, 0, 0, 0, 0}, 0).withTag(tag)
                .withTaskAttribute(attribute);
        return CompletableFuture.supplyAsync(() -> lu.execute(r), pool);
    }

    /** Sends a held command and waits until its task has started. */
    CompletableFuture<ScsiResponse> start(Nexus nexus, long tag, TaskAttribute attribute) throws InterruptedException {
        CompletableFuture<ScsiResponse> f = submit(nexus, tag, attribute);
        awaitStarted(tag);
        return f;
    }

    /** Sends a held command and waits until its task is in the task set, dormant. */
    CompletableFuture<ScsiResponse> queue(Nexus nexus, long tag, TaskAttribute attribute) {
        CompletableFuture<ScsiResponse> f = submit(nexus, tag, attribute);
        awaitState(nexus, tag, Task.State.DORMANT);
        return f;
    }

    void awaitStarted(long tag) throws InterruptedException {
        assertThat(latch(started, tag).await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("task %d started", tag).isTrue();
    }

    /** Waits (bounded) until the task of {@code nexus} with {@code tag} is in the task set in {@code state}. */
    void awaitState(Nexus nexus, long tag, Task.State state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (state(nexus, tag) != state) {
            assertThat(System.nanoTime() - deadline).as("task %d never became %s", tag, state).isNegative();
            LockSupport.parkNanos(100_000);
        }
    }

    /** The state of a task in the task set, or ENDED if it is not there. */
    Task.State state(Nexus nexus, long tag) {
        Task t = lu.taskSet().find(nexus, tag);
        return t == null ? Task.State.ENDED : t.state();
    }

    void release(long tag) {
        latch(released, tag).countDown();
    }

    TaskManagementResponse tmf(Nexus nexus, TaskManagementFunction function, long tag) {
        return lu.manage(new TaskManagementRequest(nexus, Lun.of(0), function, tag));
    }

    static ScsiResponse done(CompletableFuture<ScsiResponse> f) throws Exception {
        return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        released.values().forEach(CountDownLatch::countDown);
        pool.shutdownNow();
    }
}
