package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.Gate;
import io.github.scsiemu.spc.LogicalUnitFeature;
import io.github.scsiemu.spc.LogicalUnitListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Persistent reservations (SPC-4 5.13) and SPC-2 reservations with compatible reservation handling (SPC-4 5.13.3)
 * as a feature of one logical unit: PERSISTENT RESERVE IN and OUT, RESERVE and RELEASE (6) and (10), the
 * reservation stage of the gate, and the effects of logical unit reset and I_T nexus loss (SPC-4 5.13.1: persistent
 * reservations survive both; an SPC-2 reservation does not). Power on is building a new instance on the same
 * {@link ReservationStore}: what persisted with APTPL comes back, with PRgeneration zero.
 *
 * <p>All changes happen under one lock and publish an immutable {@link ReservationState}, so they are atomic with
 * respect to each other, and the gate reads a consistent snapshot without locking (a command already past the gate
 * is not refused by a later change, SPC-4 5.13.1).
 *
 * <p>Choices where the standard leaves room (pr-alua.md section 5): RELEASE of another type by the holder is INVALID
 * RELEASE OF PERSISTENT RESERVATION (row 1); RESERVE, RELEASE, CLEAR, PREEMPT and REGISTER AND MOVE from an
 * unregistered nexus are RESERVATION CONFLICT (row 2); PREEMPT with key zero and no reservation conflicts (row 3);
 * PREEMPT that only removes registrations ignores TYPE and SCOPE (row 4) and removes the issuer's own registration
 * if its key matches (row 5); registering key zero from an unregistered nexus leaves PRgeneration alone (row 6); a
 * registration made with ALL_TG_PT must be changed or removed with ALL_TG_PT set (row 9, INVALID FIELD IN
 * PARAMETER LIST at that bit); unit attentions come before reservation conflicts (row 10, fixed by the engine); the
 * SPC-2 exempt set is INQUIRY, REPORT LUNS, REQUEST SENSE, RELEASE and commands flagged
 * {@link io.github.scsiemu.api.cdb.CommandFlag#ALLOWED_UNDER_LEGACY_RESERVATION} (row 11); TEST UNIT READY, MODE
 * SENSE and the like pass Write Exclusive as their declared classes say, ALLOW COMMANDS reports it (row 12); unit
 * attention recipients and all-registrants enforcement follow the standard (rows 13, 14); an iSCSI nexus is its
 * initiator port name with ISID (row 15); READ FULL STATUS and REGISTER AND MOVE are supported (row 16). An ALL_TG_PT
 * registration is one registration that covers every target port, reported once by READ KEYS and as one
 * descriptor with ALL_TG_PT set by READ FULL STATUS.
 *
 * <p>Lost persistent reservation information (SPC-4 5.13.5.3): a store whose contents cannot be read at power on
 * (e.g. {@link FileReservationStore}'s checksum fails), or the operator's {@link #loseReservationInformation()},
 * establishes a recoverable lost persistent reservation condition: the registrations and the reservation are gone,
 * every command but REPLACE LOST RESERVATION and those of SPC-4 5.13.5.2 ends in CHECK CONDITION, DATA PROTECT,
 * PERSISTENT RESERVATION INFORMATION LOST (44h/01h), and only a successful REPLACE LOST RESERVATION (SPC-4
 * 5.13.11.3) ends the condition. REPORT CAPABILITIES therefore reports RLR_C=1. Without the condition, REPLACE LOST
 * RESERVATION ends in INVALID RELEASE OF PERSISTENT RESERVATION.
 */
public final class PersistentReservations implements LogicalUnitFeature {

    private static final CommandResult CONFLICT = CommandResult.status(Status.RESERVATION_CONFLICT);
    private static final CommandResult STORE_FAILED = CommandResult.checkCondition(
            SenseData.of(SenseKey.HARDWARE_ERROR, AdditionalSense.INTERNAL_TARGET_FAILURE));

    /**
     * What the gate reads: the persistent state, the SPC-2 reservation holder and whether a recoverable lost
     * persistent reservation condition is established.
     */
    private record Snapshot(ReservationState persistent, Optional<Nexus> legacyHolder, boolean lost) {
        Snapshot with(ReservationState next) {
            return new Snapshot(next, legacyHolder, lost);
        }

        Snapshot withLegacyHolder(Optional<Nexus> holder) {
            return new Snapshot(persistent, holder, lost);
        }
    }

    private final Object lock = new Object();
    private final ReservationStore store;
    private final Set<Nexus> seen = ConcurrentHashMap.newKeySet();
    private final Map<Integer, TargetPort> ports = new ConcurrentHashMap<>();
    private final List<Command> commands;
    private volatile Snapshot snapshot;

    /** Reservations that do not survive power loss: APTPL is accepted, and kept only in memory. */
    public PersistentReservations() {
        this(new InMemoryReservationStore(), List.of());
    }

    /**
     * Reservations that persist through power loss in {@code store}; powers on from what it holds.
     *
     * @param store       the non-volatile memory
     * @param targetPorts the target ports of the SCSI target device, for REGISTER AND MOVE's RELATIVE TARGET PORT
     *                    IDENTIFIER; ports that commands arrive through are learnt as well
     */
    public PersistentReservations(ReservationStore store, Collection<TargetPort> targetPorts) {
        this.store = Objects.requireNonNull(store, "store");
        targetPorts.forEach(p -> ports.put(p.relativeTargetPortId(), p));
        ReservationState initial;
        boolean lost = false;
        try {
            initial = store.load().map(ReservationState::afterPowerOn).orElse(ReservationState.EMPTY);
        } catch (IOException e) {
            // The nonvolatile memory failed: a recoverable lost persistent reservation (SPC-4 5.13.5.3.2).
            initial = ReservationState.EMPTY;
            lost = true;
        }
        initial.registrations().forEach(r -> r.registrant().targetPort()
                .ifPresent(p -> ports.putIfAbsent(p.relativeTargetPortId(), p)));
        this.snapshot = new Snapshot(initial, Optional.empty(), lost);
        List<Command> all = new ArrayList<>();
        all.addAll(PersistentReserveIn.commands(this));
        all.addAll(PersistentReserveOut.commands(this));
        all.addAll(LegacyReservation.commands(this));
        this.commands = List.copyOf(all);
    }

    /** Reservations persisted in {@code store}, with target ports learnt from the commands that arrive. */
    public PersistentReservations(ReservationStore store) {
        this(store, List.of());
    }

    /** The current persistent reservation state. */
    public ReservationState state() {
        return snapshot.persistent();
    }

    /** Whether a recoverable lost persistent reservation condition is established (SPC-4 5.13.5.3.2). */
    public boolean informationLost() {
        return snapshot.lost();
    }

    /**
     * The operator's (or a test's) simulation of a detected failure of the nonvolatile memory that held the persisted
     * registrations and reservation (SPC-4 5.13.5.3.1): they are gone, and the recoverable lost persistent
     * reservation condition is established until a REPLACE LOST RESERVATION succeeds. The store is left as it is;
     * REPLACE LOST RESERVATION overwrites it. No unit attention is established (the standard names none; every
     * command but the exempt ones reports the condition itself).
     */
    public void loseReservationInformation() {
        synchronized (lock) {
            snapshot = new Snapshot(ReservationState.EMPTY, snapshot.legacyHolder(), true);
        }
    }

    /** The I_T nexus holding an SPC-2 reservation, if any. */
    public Optional<Nexus> legacyHolder() {
        return snapshot.legacyHolder();
    }

    @Override
    public List<Command> commands() {
        return commands;
    }

    @Override
    public Map<Gate.Stage, Gate> gates() {
        return Map.of(Gate.Stage.RESERVATION, new ReservationGate(this));
    }

    @Override
    public LogicalUnitListener listener() {
        return new LogicalUnitListener() {
            @Override
            public void logicalUnitReset() {
                synchronized (lock) {
                    snapshot = snapshot.withLegacyHolder(Optional.empty());
                }
            }

            @Override
            public void nexusLost(Nexus nexus) {
                synchronized (lock) {
                    if (snapshot.legacyHolder().map(nexus::equals).orElse(false)) {
                        snapshot = snapshot.withLegacyHolder(Optional.empty());
                    }
                }
            }
        };
    }

    /** Notes the I_T nexus and target port of a command reaching the gate. */
    void observe(Nexus nexus) {
        if (seen.add(nexus)) {
            ports.putIfAbsent(nexus.target().relativeTargetPortId(), nexus.target());
        }
    }

    Optional<TargetPort> targetPort(int relativeTargetPortId) {
        return Optional.ofNullable(ports.get(relativeTargetPortId));
    }

    /**
     * Runs one PERSISTENT RESERVE OUT service action atomically: decides, persists (APTPL) before anything becomes
     * visible, publishes, establishes the unit attentions and aborts the preempted tasks.
     */
    CommandResult apply(CommandContext context, Function<ReservationState, Outcome> action) {
        synchronized (lock) {
            Snapshot current = snapshot;
            Outcome outcome = action.apply(current.persistent());
            if (!(outcome instanceof Outcome.Done done)) {
                return CONFLICT;
            }
            ReservationState next = done.state();
            if (!next.equals(current.persistent())) {
                if (!persist(next, current.persistent().aptpl())) {
                    return STORE_FAILED;
                }
                snapshot = current.with(next);
            }
            DeviceServer lu = context.logicalUnit();
            for (Outcome.Notice notice : done.notices()) {
                for (Nexus n : nexusesOf(notice.to())) {
                    if (!n.equals(context.nexus())) {
                        lu.unitAttentions().establish(n, notice.condition());
                    }
                }
            }
            if (!done.aborted().isEmpty()) {
                Set<Nexus> victims = new HashSet<>();
                done.aborted().forEach(r -> victims.addAll(nexusesOf(r)));
                // Every command of the preempted nexuses except the PREEMPT AND ABORT itself (SPC-4 5.13.11.2.6 c).
                lu.abortTasksOf(victims, context.nexus(), context.task());
            }
            return CommandResult.good();
        }
    }

    /**
     * REPLACE LOST RESERVATION (SPC-4 5.13.11.3): without a lost persistent reservation condition, INVALID RELEASE
     * OF PERSISTENT RESERVATION; with one, replaces the state, persists it as its APTPL says (a stale or damaged file
     * is overwritten or removed) and ends the condition. No unit attention is established.
     */
    CommandResult replaceLostReservation(CommandContext context, int scope, int type, ParameterList p) {
        synchronized (lock) {
            Snapshot current = snapshot;
            if (!current.lost()) {
                throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST,
                        AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
            }
            ReservationState next = ServiceActionSemantics.replaceLostReservation(context.nexus(), scope, type, p);
            if (!persist(next, true)) {
                return STORE_FAILED;
            }
            snapshot = new Snapshot(next, current.legacyHolder(), false);
            return CommandResult.good();
        }
    }

    /**
     * Makes {@code next} what a power on finds: saved while APTPL is active, removed when it was active before.
     *
     * @return false if the nonvolatile memory failed
     */
    private boolean persist(ReservationState next, boolean storeMayHoldState) {
        try {
            if (next.aptpl()) {
                store.save(next);
            } else if (storeMayHoldState) {
                store.clear();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The I_T nexuses a registrant covers: those seen so far, and the one it names if it names exactly one. */
    private Set<Nexus> nexusesOf(Registrant registrant) {
        Set<Nexus> result = new HashSet<>();
        for (Nexus n : seen) {
            if (registrant.covers(n)) {
                result.add(n);
            }
        }
        registrant.soleNexus().ifPresent(result::add);
        return result;
    }

    /**
     * RESERVE(6)/(10) (SPC-2 7.21, 7.22): reserves the logical unit for the issuing I_T nexus. With registrations
     * present the gate lets through only the exceptions of SPC-4 5.13.3, and the command does nothing.
     */
    CommandResult reserveLegacy(CommandContext context) {
        synchronized (lock) {
            Snapshot current = snapshot;
            if (!current.persistent().registrations().isEmpty()) {
                return CommandResult.good();
            }
            if (current.legacyHolder().isPresent() && !current.legacyHolder().get().equals(context.nexus())) {
                return CONFLICT;
            }
            snapshot = current.withLegacyHolder(Optional.of(context.nexus()));
            return CommandResult.good();
        }
    }

    /** RELEASE(6)/(10) (SPC-2 7.23, 7.24): releases the holder's reservation; from anyone else, nothing happens. */
    CommandResult releaseLegacy(CommandContext context) {
        synchronized (lock) {
            Snapshot current = snapshot;
            if (current.legacyHolder().map(context.nexus()::equals).orElse(false)) {
                snapshot = current.withLegacyHolder(Optional.empty());
            }
            return CommandResult.good();
        }
    }
}
