package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.Gate;
import io.github.scsiemu.spc.LogicalUnitFeature;
import io.github.scsiemu.spc.LogicalUnitListener;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * descriptor with ALL_TG_PT set by READ FULL STATUS. REPLACE LOST RESERVATION is not supported (RLR_C=0).
 */
public final class PersistentReservations implements LogicalUnitFeature {

    private static final CommandResult CONFLICT = CommandResult.status(Status.RESERVATION_CONFLICT);

    /** What the gate reads: the persistent state and the SPC-2 reservation holder. */
    private record Snapshot(ReservationState persistent, Optional<Nexus> legacyHolder) {
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
     * @throws UncheckedIOException if the store cannot be read
     */
    public PersistentReservations(ReservationStore store, Collection<TargetPort> targetPorts) {
        this.store = Objects.requireNonNull(store, "store");
        targetPorts.forEach(p -> ports.put(p.relativeTargetPortId(), p));
        ReservationState initial;
        try {
            initial = store.load().map(ReservationState::afterPowerOn).orElse(ReservationState.EMPTY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read persisted reservations", e);
        }
        initial.registrations().forEach(r -> r.registrant().targetPort()
                .ifPresent(p -> ports.putIfAbsent(p.relativeTargetPortId(), p)));
        this.snapshot = new Snapshot(initial, Optional.empty());
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
                    snapshot = new Snapshot(snapshot.persistent(), Optional.empty());
                }
            }

            @Override
            public void nexusLost(Nexus nexus) {
                synchronized (lock) {
                    if (snapshot.legacyHolder().map(nexus::equals).orElse(false)) {
                        snapshot = new Snapshot(snapshot.persistent(), Optional.empty());
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
                try {
                    if (next.aptpl()) {
                        store.save(next);
                    } else if (current.persistent().aptpl()) {
                        store.clear();
                    }
                } catch (IOException e) {
                    return CommandResult.checkCondition(
                            SenseData.of(SenseKey.HARDWARE_ERROR, AdditionalSense.INTERNAL_TARGET_FAILURE));
                }
                snapshot = new Snapshot(next, current.legacyHolder());
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
                // The PREEMPT AND ABORT itself is not aborted (SPC-4 5.13.11.2.6); the engine aborts per nexus, so
                // an issuer that preempts its own key keeps its other tasks too.
                victims.remove(context.nexus());
                lu.abortTasksOf(victims, context.nexus());
            }
            return CommandResult.good();
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
            snapshot = new Snapshot(current.persistent(), Optional.of(context.nexus()));
            return CommandResult.good();
        }
    }

    /** RELEASE(6)/(10) (SPC-2 7.23, 7.24): releases the holder's reservation; from anyone else, nothing happens. */
    CommandResult releaseLegacy(CommandContext context) {
        synchronized (lock) {
            Snapshot current = snapshot;
            if (current.legacyHolder().map(context.nexus()::equals).orElse(false)) {
                snapshot = new Snapshot(current.persistent(), Optional.empty());
            }
            return CommandResult.good();
        }
    }
}
