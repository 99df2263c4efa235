package io.github.scsiemu.spc.alua;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link TransitionScheduler#daemon()}: one shared daemon thread, started on first use. */
final class DaemonTransitionScheduler implements TransitionScheduler {

    static final TransitionScheduler INSTANCE = new DaemonTransitionScheduler();

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scsi-emu-alua-transitions");
        t.setDaemon(true);
        return t;
    });

    private DaemonTransitionScheduler() {
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable action) {
        ScheduledFuture<?> f = executor.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
