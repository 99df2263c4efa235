package io.github.scsiemu.spc.alua;

import java.time.Duration;

/**
 * Where the end of a timed transition between asymmetric access states (SPC-4 5.15.2.5) comes from: a daemon thread
 * in a running target ({@link #daemon()}), a {@link ManualTransitionScheduler} that a test advances by hand so that
 * failover scripts are deterministic (DESIGN.md section 5: time is injectable).
 */
@FunctionalInterface
public interface TransitionScheduler {

    /** A scheduled action that can still be called off. */
    @FunctionalInterface
    interface Scheduled {
        /** Calls the action off if it has not run; does nothing otherwise. */
        void cancel();
    }

    /** Runs {@code action} once, {@code delay} from now. */
    Scheduled schedule(Duration delay, Runnable action);

    /** A scheduler on one shared daemon thread, for a target that runs in real time. */
    static TransitionScheduler daemon() {
        return DaemonTransitionScheduler.INSTANCE;
    }
}
