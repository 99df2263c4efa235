package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.Gate;
import java.util.Optional;

/**
 * The reservation stage of the pre-execution gate (SPC-4 5.13.1 tables 65 and 66, 5.13.3; SBC-4 table 13; SPC-2
 * 5.5.1): decides RESERVATION CONFLICT from the reservation class each command declares, once, when processing of
 * the command begins. No handler repeats the check.
 *
 * <p>Under an SPC-2 reservation (RESERVE(6)/(10)) every command from another I_T nexus conflicts except INQUIRY,
 * REPORT LUNS and REQUEST SENSE (the commands that never report a unit attention), commands that declare
 * {@link CommandFlag#ALLOWED_UNDER_LEGACY_RESERVATION} (REPORT TARGET PORT GROUPS) and RELEASE, which does nothing;
 * TEST UNIT READY and MODE SENSE conflict (libiscsi Reserve6 tests). PERSISTENT RESERVE IN and OUT conflict for
 * every I_T nexus, the reservation holder's included, as in LIO.
 */
final class ReservationGate implements Gate {

    private static final CommandResult CONFLICT = CommandResult.status(Status.RESERVATION_CONFLICT);

    private final PersistentReservations reservations;

    ReservationGate(PersistentReservations reservations) {
        this.reservations = reservations;
    }

    @Override
    public Optional<CommandResult> admit(CommandContext context) {
        Nexus nexus = context.nexus();
        reservations.observe(nexus);
        CommandDescriptor d = context.descriptor();
        ReservationClass cls = d.reservationClass(context.cdb());
        Optional<Nexus> legacy = reservations.legacyHolder();
        boolean conflict = legacy.isPresent()
                ? legacyConflict(d, cls, nexus, legacy.get())
                : conflicts(cls, d.serviceAction().isPresent() ? OutServiceAction.of(d.serviceAction().getAsInt())
                        : Optional.empty(), nexus, reservations.state());
        return conflict ? Optional.of(CONFLICT) : Optional.empty();
    }

    private static boolean legacyConflict(CommandDescriptor d, ReservationClass cls, Nexus nexus, Nexus holder) {
        if (cls == ReservationClass.PERSISTENT_RESERVE_OUT || d.operationCode() == PersistentReserveIn.OPERATION_CODE) {
            return true;
        }
        if (holder.equals(nexus)) {
            return false;
        }
        if (cls == ReservationClass.LEGACY_RESERVE) {
            return !LegacyReservation.isRelease(d);
        }
        return !(d.has(CommandFlag.ALLOWED_WITH_PENDING_UNIT_ATTENTION)
                || d.has(CommandFlag.ALLOWED_UNDER_LEGACY_RESERVATION));
    }

    /**
     * The decision function of SPC-4 5.13.1 for a command of class {@code cls} from {@code nexus} under state
     * {@code s} (no SPC-2 reservation present). For RESERVE/RELEASE(6/10) it applies the exceptions of CRH=1
     * (SPC-4 5.13.3): allowed, as a no-op, from a reservation holder or from a registrant of a registrants-only or
     * all-registrants reservation; otherwise a conflict while anything is registered.
     *
     * @param serviceAction the PERSISTENT RESERVE OUT service action, for that class
     */
    static boolean conflicts(ReservationClass cls, Optional<OutServiceAction> serviceAction, Nexus nexus,
            ReservationState s) {
        if (cls == ReservationClass.LEGACY_RESERVE) {
            if (s.registrations().isEmpty() || s.isHolder(nexus)) {
                return false;
            }
            return !(s.isRegistered(nexus) && s.reservation().map(r -> r.type().admitsRegistrants()).orElse(false));
        }
        if (s.reservation().isEmpty() || s.isHolder(nexus) || cls == ReservationClass.ALWAYS) {
            return false;
        }
        boolean registered = s.isRegistered(nexus);
        if (cls == ReservationClass.PERSISTENT_RESERVE_OUT) {
            return serviceAction.map(sa -> sa.conflictsWithReservationOfOthers(registered)).orElse(true);
        }
        ReservationType type = s.reservation().get().type();
        if (type.admitsRegistrants() && registered) {
            return false;
        }
        return !(cls == ReservationClass.READ && !type.exclusiveAccess());
    }
}
