package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The semantics of the PERSISTENT RESERVE OUT service actions as pure functions of the state, the issuing I_T nexus
 * and the decoded request (SPC-4 5.13.7-5.13.11, tables 67, 68, 70, 72 and figure 9). The choices where the standard
 * leaves room or implementations disagree are documented on each method and in {@link PersistentReservations}.
 */
final class ServiceActionSemantics {

    /** The most registrations the logical unit keeps; one more is INSUFFICIENT REGISTRATION RESOURCES. */
    static final int MAX_REGISTRATIONS = 256;

    private ServiceActionSemantics() {
    }

    /**
     * REGISTER (SPC-4 table 67) and REGISTER AND IGNORE EXISTING KEY (table 68). An unregistered nexus registering
     * key zero is a no-op that does not count in PRgeneration (as LIO). For a registered nexus the ALL_TG_PT bit must
     * match how it registered, or the command ends with INVALID FIELD IN PARAMETER LIST at ALL_TG_PT (LIO rejects the
     * mismatch too; the standard is silent). With ALL_TG_PT, a REGISTER from a nexus whose initiator port is
     * registered through other target ports conflicts (as it would through each of those ports, whose key is not
     * zero); REGISTER AND IGNORE EXISTING KEY replaces those registrations with the all-ports one.
     */
    static Outcome register(ReservationState s, Nexus n, ParameterList p, boolean ignoreExistingKey) {
        Optional<Registration> existing = s.registrationOf(n);
        if (existing.isEmpty()) {
            if (!ignoreExistingKey && p.reservationKey() != 0) {
                return Outcome.CONFLICT;
            }
            if (p.serviceActionKey() == 0) {
                return Outcome.done(s);
            }
            Registrant registrant = p.allTargetPorts() ? Registrant.allTargetPorts(n.initiator()) : Registrant.of(n);
            List<Registration> regs = new ArrayList<>();
            Optional<Reservation> reservation = s.reservation();
            for (Registration r : s.registrations()) {
                if (!r.registrant().overlaps(registrant)) {
                    regs.add(r);
                } else if (!ignoreExistingKey) {
                    return Outcome.CONFLICT;
                } else if (s.isHolder(r.registrant()) && reservation.get().holder().isPresent()) {
                    reservation = Optional.of(Reservation.of(reservation.get().type(), registrant));
                }
            }
            regs.add(new Registration(registrant, p.serviceActionKey()));
            for (ParameterList.Specified specified : p.initiatorPorts()) {
                Registrant other = new Registrant(specified.port(),
                        p.allTargetPorts() ? Optional.empty() : Optional.of(n.target()));
                if (other.equals(registrant)) {
                    continue; // the issuing nexus itself: registered anyway
                }
                if (regs.stream().anyMatch(r -> r.registrant().overlaps(other))) {
                    throw CheckConditionException.invalidParameter(specified.offset(), 7);
                }
                regs.add(new Registration(other, p.serviceActionKey()));
            }
            checkResources(regs);
            return Outcome.done(s.with(regs, reservation, true, p.aptpl()));
        }
        Registration reg = existing.get();
        if (!ignoreExistingKey && p.reservationKey() != reg.key()) {
            return Outcome.CONFLICT;
        }
        if (p.specifyInitiatorPorts()) {
            throw CheckConditionException.invalidParameter(ParameterList.FLAGS_BYTE, ParameterList.SPEC_I_PT_BIT);
        }
        if (p.allTargetPorts() != reg.registrant().allTargetPortsRegistered()) {
            throw CheckConditionException.invalidParameter(ParameterList.FLAGS_BYTE, ParameterList.ALL_TG_PT_BIT);
        }
        if (p.serviceActionKey() == 0) {
            return unregister(s, reg, p.aptpl());
        }
        List<Registration> regs = new ArrayList<>(s.registrations());
        regs.set(regs.indexOf(reg), reg.withKey(p.serviceActionKey()));
        return Outcome.done(s.with(regs, s.reservation(), true, p.aptpl()));
    }

    /**
     * Removes a registration at the registrant's request (SPC-4 5.13.11.2.3): a single holder's reservation is
     * released, with RESERVATIONS RELEASED to the other registrants for registrants-only types only; an
     * all-registrants reservation ends with the last registration.
     */
    private static Outcome unregister(ReservationState s, Registration reg, boolean aptpl) {
        List<Registration> regs = new ArrayList<>(s.registrations());
        regs.remove(reg);
        Optional<Reservation> reservation = s.reservation();
        List<Outcome.Notice> notices = new ArrayList<>();
        if (reservation.isPresent()) {
            Reservation r = reservation.get();
            if (r.type().allRegistrants()) {
                if (regs.isEmpty()) {
                    reservation = Optional.empty();
                }
            } else if (r.holder().get().equals(reg.registrant())) {
                reservation = Optional.empty();
                if (r.type().releaseNotifiesRegistrants()) {
                    regs.forEach(o -> notices.add(new Outcome.Notice(o.registrant(),
                            AdditionalSense.RESERVATIONS_RELEASED)));
                }
            }
        }
        return new Outcome.Done(s.with(regs, reservation, true, aptpl), notices, Set.of());
    }

    /** RESERVE (SPC-4 5.13.9): SCOPE and TYPE are checked before the registration, as LIO does. */
    static Outcome reserve(ReservationState s, Nexus n, int scope, int type, ParameterList p) {
        ReservationType t = checkScopeAndType(scope, type);
        Optional<Registration> reg = s.registrationOf(n);
        if (reg.isEmpty() || reg.get().key() != p.reservationKey()) {
            return Outcome.CONFLICT;
        }
        if (s.reservation().isEmpty()) {
            return Outcome.done(s.with(s.registrations(), Optional.of(Reservation.of(t, reg.get().registrant())),
                    false, s.aptpl()));
        }
        return s.isHolder(n) && s.reservation().get().type() == t ? Outcome.done(s) : Outcome.CONFLICT;
    }

    /**
     * RELEASE (SPC-4 5.13.11.2.2): a registered non-holder's RELEASE does nothing; the holder's with another type
     * ends with INVALID RELEASE OF PERSISTENT RESERVATION (deviation table row 1: the standard, not LIO).
     */
    static Outcome release(ReservationState s, Nexus n, int scope, int type, ParameterList p) {
        if (scope != Reservation.LU_SCOPE) {
            throw CheckConditionException.invalidField(PersistentReserveOut.SCOPE);
        }
        Optional<Registration> reg = s.registrationOf(n);
        if (reg.isEmpty() || reg.get().key() != p.reservationKey()) {
            return Outcome.CONFLICT;
        }
        if (s.reservation().isEmpty() || !s.isHolder(n)) {
            return Outcome.done(s);
        }
        Reservation r = s.reservation().get();
        if (r.type().code() != type) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST,
                    AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
        }
        List<Outcome.Notice> notices = new ArrayList<>();
        if (r.type().releaseNotifiesRegistrants()) {
            s.registrations().forEach(o -> notices.add(new Outcome.Notice(o.registrant(),
                    AdditionalSense.RESERVATIONS_RELEASED)));
        }
        return new Outcome.Done(s.with(s.registrations(), Optional.empty(), false, s.aptpl()), notices, Set.of());
    }

    /** CLEAR (SPC-4 5.13.11.2.7): everything goes; RESERVATIONS PREEMPTED to every other registered nexus. */
    static Outcome clear(ReservationState s, Nexus n, ParameterList p) {
        Optional<Registration> reg = s.registrationOf(n);
        if (reg.isEmpty() || reg.get().key() != p.reservationKey()) {
            return Outcome.CONFLICT;
        }
        List<Outcome.Notice> notices = s.registrations().stream()
                .map(r -> new Outcome.Notice(r.registrant(), AdditionalSense.RESERVATIONS_PREEMPTED)).toList();
        return new Outcome.Done(s.with(List.of(), Optional.empty(), true, s.aptpl()), notices, Set.of());
    }

    /**
     * PREEMPT and PREEMPT AND ABORT (SPC-4 5.13.11.2.4-6, table 72, figure 9). Choices: with no reservation a
     * SERVICE ACTION RESERVATION KEY of zero matches nobody and conflicts (deviation row 3, as SCST); when only
     * registrations are removed SCOPE and TYPE are ignored (row 4) and the issuer's own registration goes too if
     * its key matches (row 5, the standard).
     */
    static Outcome preempt(ReservationState s, Nexus n, int scope, int type, ParameterList p, boolean abort) {
        Outcome outcome = preempt(s, n, scope, type, p);
        if (!abort || !(outcome instanceof Outcome.Done done)) {
            return outcome;
        }
        // SPC-4 5.13.11.2.6 last paragraph: the commands of every nexus registered with the non-zero SERVICE ACTION
        // RESERVATION KEY are aborted, whether or not it held the reservation, the issuer's included (all but the
        // PREEMPT AND ABORT itself); with zero and an all-registrants reservation, those of every registered nexus.
        long sark = p.serviceActionKey();
        Set<Registrant> aborted = new HashSet<>();
        s.registrations().stream().filter(r -> sark == 0 || r.key() == sark)
                .forEach(r -> aborted.add(r.registrant()));
        return new Outcome.Done(done.state(), done.notices(), aborted);
    }

    private static Outcome preempt(ReservationState s, Nexus n, int scope, int type, ParameterList p) {
        Optional<Registration> issuer = s.registrationOf(n);
        if (issuer.isEmpty() || issuer.get().key() != p.reservationKey()) {
            return Outcome.CONFLICT;
        }
        long sark = p.serviceActionKey();
        Optional<Reservation> reservation = s.reservation();
        if (reservation.isPresent()) {
            Reservation r = reservation.get();
            if (r.type().allRegistrants() && sark == 0) {
                ReservationType t = checkScopeAndType(scope, type);
                return preemptReservation(s, issuer.get(), t, reg -> !reg.equals(issuer.get()));
            }
            if (!r.type().allRegistrants()) {
                if (sark == 0) {
                    throw CheckConditionException.invalidParameter(ParameterList.SERVICE_ACTION_KEY_BYTE, 7);
                }
                if (sark == s.holderRegistration().get().key()) {
                    ReservationType t = checkScopeAndType(scope, type);
                    return preemptReservation(s, issuer.get(), t,
                            reg -> reg.key() == sark && !reg.equals(issuer.get()));
                }
            }
        } else if (sark == 0) {
            return Outcome.CONFLICT;
        }
        // Remove registrations only (SPC-4 5.13.11.2.5).
        List<Registration> removed = s.registrations().stream().filter(r -> r.key() == sark).toList();
        if (removed.isEmpty()) {
            return Outcome.CONFLICT;
        }
        List<Registration> regs = new ArrayList<>(s.registrations());
        regs.removeAll(removed);
        if (reservation.isPresent() && (regs.isEmpty() || reservation.get().holder()
                .map(h -> removed.stream().anyMatch(r -> r.registrant().equals(h))).orElse(false))) {
            reservation = Optional.empty();
        }
        return preempted(s.with(regs, reservation, true, s.aptpl()), removed, List.of());
    }

    private static Outcome preemptReservation(ReservationState s, Registration issuer, ReservationType type,
            java.util.function.Predicate<Registration> removes) {
        List<Registration> removed = s.registrations().stream().filter(removes).toList();
        List<Registration> regs = new ArrayList<>(s.registrations());
        regs.removeAll(removed);
        ReservationType old = s.reservation().get().type();
        List<Outcome.Notice> released = new ArrayList<>();
        if (old != type) {
            regs.forEach(r -> released.add(new Outcome.Notice(r.registrant(), AdditionalSense.RESERVATIONS_RELEASED)));
        }
        ReservationState next = s.with(regs, Optional.of(Reservation.of(type, issuer.registrant())), true, s.aptpl());
        return preempted(next, removed, released);
    }

    private static Outcome preempted(ReservationState next, List<Registration> removed, List<Outcome.Notice> more) {
        List<Outcome.Notice> notices = new ArrayList<>();
        for (Registration r : removed) {
            notices.add(new Outcome.Notice(r.registrant(), AdditionalSense.REGISTRATIONS_PREEMPTED));
        }
        notices.addAll(more);
        return new Outcome.Done(next, notices, Set.of());
    }

    /**
     * REGISTER AND MOVE (SPC-4 5.13.8, table 70): only the single holder may move its reservation, to another
     * initiator port through a target port the logical unit knows; no unit attention is established.
     *
     * @param ports the target port with a RELATIVE TARGET PORT IDENTIFIER, if the logical unit has it
     */
    static Outcome registerAndMove(ReservationState s, Nexus n, MoveParameterList m,
            IntFunction<Optional<TargetPort>> ports) {
        Optional<Registration> issuer = s.registrationOf(n);
        if (issuer.isEmpty() || issuer.get().key() != m.reservationKey()) {
            return Outcome.CONFLICT;
        }
        if (s.reservation().isEmpty()) {
            throw CheckConditionException.invalidField(PersistentReserveOut.SERVICE_ACTION);
        }
        Reservation r = s.reservation().get();
        if (r.type().allRegistrants() || !s.isHolder(n)) {
            return Outcome.CONFLICT;
        }
        if (m.serviceActionKey() == 0) {
            throw CheckConditionException.invalidParameter(ParameterList.SERVICE_ACTION_KEY_BYTE, 7);
        }
        InitiatorPort destination = m.destination();
        if (Registrant.initiatorMatches(destination.transportId(), n.initiator().transportId())) {
            throw CheckConditionException.invalidParameter(MoveParameterList.TRANSPORT_ID_BYTE, 7);
        }
        TargetPort port = ports.apply(m.relativeTargetPortId()).orElseThrow(() ->
                CheckConditionException.invalidParameter(MoveParameterList.RELATIVE_TARGET_PORT_BYTE, 7));
        Registrant target = new Registrant(destination, Optional.of(port));
        List<Registration> regs = new ArrayList<>(s.registrations());
        List<Registration> overlapping = regs.stream().filter(o -> o.registrant().overlaps(target)).toList();
        if (overlapping.size() > 1) {
            throw CheckConditionException.invalidParameter(MoveParameterList.TRANSPORT_ID_BYTE, 7);
        }
        Registrant holder;
        if (overlapping.isEmpty()) {
            regs.add(new Registration(target, m.serviceActionKey()));
            holder = target;
        } else {
            Registration o = overlapping.get(0);
            regs.set(regs.indexOf(o), o.withKey(m.serviceActionKey()));
            holder = o.registrant();
        }
        if (m.unregister()) {
            regs.remove(issuer.get());
        }
        checkResources(regs);
        return Outcome.done(s.with(regs, Optional.of(Reservation.of(r.type(), holder)), true, m.aptpl()));
    }

    /**
     * REPLACE LOST RESERVATION (SPC-4 5.13.11.3), during a recoverable lost persistent reservation condition: the
     * prior registrations go without unit attentions, the issuing I_T nexus is registered with the SERVICE ACTION
     * RESERVATION KEY and holds a new reservation of the CDB's SCOPE and TYPE, and PRgeneration is zero. The
     * RESERVATION KEY is ignored (the standard asks for zero but names no error for another value) and so is
     * ALL_TG_PT (valid with REGISTER and REGISTER AND IGNORE EXISTING KEY only); a SERVICE ACTION RESERVATION KEY of
     * zero, which cannot be registered, is INVALID FIELD IN PARAMETER LIST.
     *
     * @return the state that replaces the lost one
     */
    static ReservationState replaceLostReservation(Nexus n, int scope, int type, ParameterList p) {
        ReservationType t = checkScopeAndType(scope, type);
        if (p.serviceActionKey() == 0) {
            throw CheckConditionException.invalidParameter(ParameterList.SERVICE_ACTION_KEY_BYTE, 7);
        }
        Registrant issuer = Registrant.of(n);
        return new ReservationState(List.of(new Registration(issuer, p.serviceActionKey())),
                Optional.of(Reservation.of(t, issuer)), 0, p.aptpl());
    }

    private static ReservationType checkScopeAndType(int scope, int type) {
        if (scope != Reservation.LU_SCOPE) {
            throw CheckConditionException.invalidField(PersistentReserveOut.SCOPE);
        }
        return ReservationType.of(type)
                .orElseThrow(() -> CheckConditionException.invalidField(PersistentReserveOut.TYPE));
    }

    private static void checkResources(List<Registration> regs) {
        if (regs.size() > MAX_REGISTRATIONS) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST,
                    AdditionalSense.INSUFFICIENT_REGISTRATION_RESOURCES);
        }
    }
}
