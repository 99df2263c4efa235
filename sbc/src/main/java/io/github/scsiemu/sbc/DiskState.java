package io.github.scsiemu.sbc;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.sbc.fault.DiskFaults;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.Gate;
import io.github.scsiemu.spc.LogicalUnitListener;
import io.github.scsiemu.spc.Readiness;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The state of a disk beyond its blocks that decides whether it can execute medium access commands (SBC-4 4.15,
 * 4.20, 5.4, 5.25, 5.30; SPC-4 4.5.5): whether a removable medium is loaded, whether the logical unit is started,
 * which I_T nexuses prevent medium removal, whether a FORMAT UNIT or SANITIZE runs (with its progress), whether one
 * failed, and whether the medium is write-protected.
 *
 * <p>Readiness, in the order checked (the first applies): no medium (NOT READY, MEDIUM NOT PRESENT - TRAY OPEN,
 * 3Ah/02h); stopped by START STOP UNIT (NOT READY, INITIALIZING COMMAND REQUIRED, 04h/02h); a format in progress
 * (NOT READY, FORMAT IN PROGRESS, 04h/04h) or a sanitize in progress (04h/1Bh), both with a PROGRESS INDICATION;
 * after a failed format, MEDIUM ERROR, MEDIUM FORMAT CORRUPTED (31h/00h); in the sanitize failure mode, MEDIUM ERROR,
 * SANITIZE COMMAND FAILED (31h/03h). REQUEST SENSE reports the same.
 *
 * <p>Long operations run as a list of steps; the progress indication is the fraction of steps done, in 65536ths.
 * With IMMED they run on the disk's background executor (one daemon thread, stopped by {@link #close()}), which a
 * test may replace with its own ({@link #backgroundExecutor}) to run them step by step. On the disk's own executor
 * the steps are paced so that an operation takes at least {@link #minimumOperationTime(Duration)} (by default
 * {@link #DEFAULT_MINIMUM_OPERATION_TIME}), as a real format or sanitize does, with or without IMMED: an application
 * client can observe it in progress, and it outlives aborts, resets and lost nexuses (SBC-4 4.11, 5.30), as
 * libiscsi's Sanitize.Reset checks over about five seconds. A replaced executor runs IMMED steps without delay and
 * lets a command without IMMED run its steps itself.
 *
 * <p>Operator actions: {@link #eject()} and {@link #load()} (the medium of a removable disk), and the fault injection
 * API ({@link #faults()}).
 */
public final class DiskState {

    /** The least time a format or sanitize takes on the disk's own background executor unless changed. */
    public static final Duration DEFAULT_MINIMUM_OPERATION_TIME = Duration.ofSeconds(6);

    private static final long ABORT_POLL_MILLIS = 20;

    private final Disk disk;
    private final DiskFaults faults = new DiskFaults();
    private final Set<Nexus> preventing = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private boolean mediumPresent = true;
    private boolean started = true;
    private PowerCondition powerCondition = PowerCondition.ACTIVE;
    private MediumOperation running;
    private int stepsDone;
    private int stepsTotal;
    private MediumOperation failed;
    private boolean failureModeExitAllowed;
    private Executor executor;
    private ScheduledExecutorService ownExecutor;
    private Duration minimumOperationTime = DEFAULT_MINIMUM_OPERATION_TIME;

    DiskState(Disk disk) {
        this.disk = disk;
        disk.medium().faults(faults);
    }

    /** Why the disk is not ready now, if it is not (for the engine's readiness check and REQUEST SENSE). */
    public Readiness readiness() {
        return this::notReadyReason;
    }

    /** The disk's checks in the shared gate: write protection and injected command faults. */
    public Map<Gate.Stage, Gate> gates() {
        Map<Gate.Stage, Gate> gates = new EnumMap<>(Gate.Stage.class);
        gates.put(Gate.Stage.WRITE_PROTECTION, this::writeProtectionGate);
        gates.put(Gate.Stage.FAULT_INJECTION, faults);
        return gates;
    }

    /** Releases the medium removal prevention of a lost nexus, or of every nexus on a logical unit reset. */
    public LogicalUnitListener listener() {
        return new LogicalUnitListener() {
            @Override
            public void logicalUnitReset() {
                preventing.clear();
            }

            @Override
            public void nexusLost(Nexus nexus) {
                preventing.remove(nexus);
            }
        };
    }

    /** The fault injection API of this disk. */
    public DiskFaults faults() {
        return faults;
    }

    /** The reason medium access commands fail now, or empty if the disk is ready. */
    public Optional<SenseData> notReadyReason() {
        synchronized (lock) {
            return Optional.ofNullable(notReady(null));
        }
    }

    private SenseData notReady(MediumOperation ignoringFailureRecoveredBy) {
        if (!mediumPresent) {
            return SenseData.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT_TRAY_OPEN);
        }
        if (!started) {
            return SenseData.of(SenseKey.NOT_READY,
                    AdditionalSense.LOGICAL_UNIT_NOT_READY_INITIALIZING_COMMAND_REQUIRED);
        }
        if (running != null) {
            return SenseData.of(SenseKey.NOT_READY, running.inProgress())
                    .withSenseKeySpecific(new SenseKeySpecific.ProgressIndication(progress()));
        }
        if (failed != null && (ignoringFailureRecoveredBy == null || !ignoringFailureRecoveredBy.recovers(failed))) {
            return SenseData.of(SenseKey.MEDIUM_ERROR, failed.failureMode());
        }
        return null;
    }

    private int progress() {
        return (int) Math.min(0xFFFF, (long) stepsDone * 65536 / stepsTotal);
    }

    /**
     * For a command that may run while not ready only to recover from a failed operation (FORMAT UNIT, SANITIZE):
     * ends it with the reason the disk is not ready, unless that reason is a failure {@code operation} recovers.
     */
    public void checkReadyFor(MediumOperation operation) {
        synchronized (lock) {
            SenseData reason = notReady(Objects.requireNonNull(operation));
            if (reason != null) {
                throw new CheckConditionException(reason);
            }
        }
    }

    /**
     * For START STOP UNIT and PREVENT ALLOW MEDIUM REMOVAL, which run while the disk is not ready: ends the command
     * with NOT READY if a format or sanitize is in progress (SBC-4 4.11.3, 5.4).
     */
    public void checkNoOperationInProgress() {
        synchronized (lock) {
            if (running != null) {
                throw new CheckConditionException(notReady(null));
            }
        }
    }

    private Optional<CommandResult> writeProtectionGate(CommandContext context) {
        if (!context.descriptor().has(CommandFlag.WRITES_MEDIUM)) {
            return Optional.empty();
        }
        return writeProtection().map(CommandResult::checkCondition);
    }

    /**
     * Whether the medium is write-protected now, and the sense data a command that would change it ends with (SBC-4
     * 4.11; SPC-4 7.5.8): DATA PROTECT, WRITE PROTECTED (27h/00h) for a medium configured read-only (hardware write
     * protection), else DATA PROTECT, LOGICAL UNIT SOFTWARE WRITE PROTECTED (27h/02h) while the Control mode page's
     * SWP is set; empty if the medium may be written. The write protection gate and the EXTENDED COPY destination
     * check both use it.
     */
    public Optional<SenseData> writeProtection() {
        if (disk.config().readOnly()) {
            return Optional.of(SenseData.of(SenseKey.DATA_PROTECT, AdditionalSense.WRITE_PROTECTED));
        }
        if (disk.modePages().softwareWriteProtect()) {
            return Optional.of(SenseData.of(SenseKey.DATA_PROTECT,
                    AdditionalSense.LOGICAL_UNIT_SOFTWARE_WRITE_PROTECTED));
        }
        return Optional.empty();
    }

    // ---- medium, start/stop, prevention ------------------------------------------------------------------------

    /** Whether a medium is loaded (always, for a disk whose medium is not removable). */
    public boolean mediumPresent() {
        synchronized (lock) {
            return mediumPresent;
        }
    }

    /** Whether the logical unit is started (not stopped by START STOP UNIT with START set to zero). */
    public boolean started() {
        synchronized (lock) {
            return started;
        }
    }

    /** The power condition last selected by START STOP UNIT (ACTIVE at power on). */
    public PowerCondition powerCondition() {
        synchronized (lock) {
            return powerCondition;
        }
    }

    /** Whether some I_T nexus prevents medium removal (SBC-4 5.14). */
    public boolean removalPrevented() {
        return !preventing.isEmpty();
    }

    /** Whether {@code nexus} prevents medium removal. */
    public boolean removalPreventedBy(Nexus nexus) {
        return preventing.contains(nexus);
    }

    /**
     * The operator presses the eject button of a removable disk: the tray opens and the medium is removed, unless
     * an I_T nexus prevents removal or a format or sanitize runs.
     *
     * @return whether the medium was removed (true also if there was none)
     * @throws IllegalStateException if the medium is not removable
     */
    public boolean eject() {
        requireRemovable();
        synchronized (lock) {
            if (removalPrevented() || running != null) {
                return false;
            }
            mediumPresent = false;
            return true;
        }
    }

    /**
     * The operator loads a medium into a removable disk: it becomes ready and every I_T nexus gets a unit attention,
     * NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED (28h/00h). Loading a loaded disk changes nothing.
     *
     * @throws IllegalStateException if the medium is not removable
     */
    public void load() {
        requireRemovable();
        if (insert()) {
            disk.logicalUnit().unitAttentions().establishForAll(
                    AdditionalSense.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED);
        }
    }

    /**
     * START STOP UNIT with LOEJ and START set to one, from {@code requester}: loads and starts. The other I_T
     * nexuses get 28h/00h; the requester, which caused the change, does not.
     */
    public void load(Nexus requester) {
        requireRemovable();
        if (removalPrevented()) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.MEDIUM_REMOVAL_PREVENTED);
        }
        if (insert()) {
            disk.logicalUnit().unitAttentions().establishForAllExcept(requester,
                    AdditionalSense.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED);
        }
    }

    private boolean insert() {
        synchronized (lock) {
            boolean changed = !mediumPresent;
            mediumPresent = true;
            started = true;
            powerCondition = PowerCondition.ACTIVE;
            return changed;
        }
    }

    /**
     * START STOP UNIT with LOEJ set to one and START set to zero: stops the logical unit and ejects the medium;
     * ILLEGAL REQUEST, MEDIUM REMOVAL PREVENTED (53h/02h) if an I_T nexus prevents removal.
     */
    public void ejectByCommand() {
        requireRemovable();
        synchronized (lock) {
            if (removalPrevented()) {
                throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST,
                        AdditionalSense.MEDIUM_REMOVAL_PREVENTED);
            }
            mediumPresent = false;
            started = false;
        }
    }

    /** START STOP UNIT with START set to one: the logical unit becomes ready (if it has a medium). */
    public void start() {
        synchronized (lock) {
            if (!mediumPresent) {
                throw CheckConditionException.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT_TRAY_OPEN);
            }
            started = true;
            powerCondition = PowerCondition.ACTIVE;
        }
    }

    /** START STOP UNIT with START set to zero: the stopped power condition (SBC-4 4.20). */
    public void stop() {
        synchronized (lock) {
            started = false;
        }
    }

    /**
     * START STOP UNIT with a POWER CONDITION other than START_VALID: records the condition; any condition but
     * LU_CONTROL also ends the stopped power condition.
     */
    public void powerCondition(PowerCondition condition) {
        synchronized (lock) {
            powerCondition = Objects.requireNonNull(condition);
            if (condition != PowerCondition.LU_CONTROL && condition != PowerCondition.START_VALID) {
                started = true;
            }
        }
    }

    /** PREVENT ALLOW MEDIUM REMOVAL: sets or clears the prevention of one I_T nexus. */
    public void preventRemoval(Nexus nexus, boolean prevent) {
        if (prevent) {
            preventing.add(nexus);
        } else {
            preventing.remove(nexus);
        }
    }

    private void requireRemovable() {
        if (!disk.config().removable()) {
            throw new IllegalStateException("the medium of this disk is not removable");
        }
    }

    // ---- long operations ---------------------------------------------------------------------------------------

    /**
     * Runs a format or sanitize made of {@code steps}, executed in order. While it runs the disk is not ready with
     * the operation's progress. If a step fails (for instance because of an injected write fault), the operation
     * stops and leaves the disk in the operation's failure state; if all succeed, a failure state the operation
     * {@link MediumOperation#recovers recovers} from is cleared.
     *
     * @param operation                the operation
     * @param steps                    the work, at least one step
     * @param immediate                IMMED: return at once and run on the background executor; otherwise run
     *                                 here and end the command with MEDIUM ERROR and the operation's failure sense
     *                                 if it fails
     * @param failureModeExitAllowed   AUSE of a sanitize: whether EXIT FAILURE MODE may end a failure it causes
     */
    public void perform(MediumOperation operation, List<Runnable> steps, boolean immediate,
            boolean failureModeExitAllowed) {
        perform(operation, steps, immediate, failureModeExitAllowed, () -> false);
    }

    /**
     * As {@link #perform(MediumOperation, List, boolean, boolean)}, for a command that can be aborted: without IMMED
     * on the disk's own executor the command waits for the operation, paced there like an IMMED one, and stops
     * waiting when {@code aborted} turns true. The operation itself goes on: neither aborting the command nor a
     * reset stops a format or sanitize (SBC-4 4.11, 5.30).
     *
     * @param operation                the operation
     * @param steps                    the work, at least one step
     * @param immediate                IMMED
     * @param failureModeExitAllowed   AUSE of a sanitize
     * @param aborted                  whether the command that started the operation has been aborted
     */
    public void perform(MediumOperation operation, List<Runnable> steps, boolean immediate,
            boolean failureModeExitAllowed, BooleanSupplier aborted) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("no steps");
        }
        List<Runnable> work = List.copyOf(steps);
        synchronized (lock) {
            SenseData reason = notReady(operation);
            if (reason != null) {
                throw new CheckConditionException(reason);
            }
            running = operation;
            stepsDone = 0;
            stepsTotal = work.size();
            this.failureModeExitAllowed = failureModeExitAllowed;
        }
        if (immediate) {
            submit(operation, work);
            return;
        }
        if (background() == ownExecutor) {
            submit(operation, work);
            awaitEnd(operation, aborted);
            return;
        }
        for (int i = 0; i < work.size(); i++) {
            if (!runStep(operation, work, i)) {
                throw new CheckConditionException(SenseData.of(SenseKey.MEDIUM_ERROR, operation.commandFailed()));
            }
        }
    }

    private void submit(MediumOperation operation, List<Runnable> work) {
        long pace;
        synchronized (lock) {
            pace = minimumOperationTime.toNanos() / work.size();
        }
        try {
            dispatch(new Runnable() {
                private int next;

                @Override
                public void run() {
                    if (runStep(operation, work, next++) && next < work.size()) {
                        try {
                            dispatch(this, pace);
                        } catch (RejectedExecutionException e) {
                            finish(operation, false);
                        }
                    }
                }
            }, pace);
        } catch (RejectedExecutionException e) {
            finish(operation, false);
        }
    }

    /**
     * Waits until {@code operation} ends, checking {@code aborted} every {@value #ABORT_POLL_MILLIS} ms; ends the
     * command with MEDIUM ERROR and the operation's failure sense if it failed.
     */
    private void awaitEnd(MediumOperation operation, BooleanSupplier aborted) {
        synchronized (lock) {
            while (running == operation) {
                if (aborted.getAsBoolean()) {
                    return;
                }
                try {
                    lock.wait(ABORT_POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (failed == operation) {
                throw new CheckConditionException(SenseData.of(SenseKey.MEDIUM_ERROR, operation.commandFailed()));
            }
        }
    }

    /** Runs a step on the background executor: after {@code paceNanos} on the disk's own, at once on another. */
    private void dispatch(Runnable step, long paceNanos) {
        Executor current = background();
        if (current == ownExecutor) {
            ownExecutor.schedule(step, paceNanos, TimeUnit.NANOSECONDS);
        } else {
            current.execute(step);
        }
    }

    /** Runs one step; returns whether it succeeded (the last step's success ends the operation). */
    private boolean runStep(MediumOperation operation, List<Runnable> work, int index) {
        try {
            work.get(index).run();
        } catch (RuntimeException e) {
            finish(operation, false);
            return false;
        }
        synchronized (lock) {
            stepsDone = index + 1;
        }
        if (index == work.size() - 1) {
            finish(operation, true);
        }
        return true;
    }

    private void finish(MediumOperation operation, boolean success) {
        synchronized (lock) {
            lock.notifyAll();
            running = null;
            if (!success) {
                failed = operation;
            } else if (failed != null && operation.recovers(failed)) {
                failed = null;
            }
        }
    }

    /** The operation in progress, if any. */
    public Optional<MediumOperation> operationInProgress() {
        synchronized (lock) {
            return Optional.ofNullable(running);
        }
    }

    /** The operation whose failure the disk is still in, if any. */
    public Optional<MediumOperation> failure() {
        synchronized (lock) {
            return Optional.ofNullable(failed);
        }
    }

    /**
     * SANITIZE with EXIT FAILURE MODE (SBC-4 5.30.1): leaves the sanitize failure mode if the failed sanitize had
     * AUSE set. Outside the failure mode it changes nothing.
     *
     * @return false if the disk stays in the failure mode because the failed sanitize had AUSE set to zero
     */
    public boolean exitSanitizeFailureMode() {
        synchronized (lock) {
            if (failed != MediumOperation.SANITIZE) {
                return true;
            }
            if (!failureModeExitAllowed) {
                return false;
            }
            failed = null;
            return true;
        }
    }

    /** Sets the least time a format or sanitize takes on the disk's own executor (zero: as fast as it can). */
    public void minimumOperationTime(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + value);
        }
        synchronized (lock) {
            minimumOperationTime = value;
        }
    }

    /** Replaces the executor that runs IMMED operations (a test may pass one it runs step by step). */
    public void backgroundExecutor(Executor value) {
        synchronized (lock) {
            this.executor = Objects.requireNonNull(value);
        }
    }

    private Executor background() {
        synchronized (lock) {
            if (executor == null) {
                ownExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "scsi-emu disk background operation");
                    t.setDaemon(true);
                    return t;
                });
                executor = ownExecutor;
            }
            return executor;
        }
    }

    /** Stops the disk's own background executor; an operation still running fails. */
    public void close() {
        ScheduledExecutorService own;
        synchronized (lock) {
            own = ownExecutor;
        }
        if (own != null) {
            own.shutdownNow();
        }
        synchronized (lock) {
            if (running != null) {
                finish(running, false);
            }
        }
    }

    Disk disk() {
        return disk;
    }
}
