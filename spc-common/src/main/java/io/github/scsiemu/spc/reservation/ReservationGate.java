package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
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
 *
 * <p>During a recoverable lost persistent reservation condition (SPC-4 5.13.5.3.2) every command ends in CHECK
 * CONDITION, DATA PROTECT, PERSISTENT RESERVATION INFORMATION LOST except REPLACE LOST RESERVATION, which then never
 * conflicts, and the commands SPC-4 5.13.5.2 lets in while the nonvolatile memory is not ready: INQUIRY, LOG SENSE,
 * READ BUFFER, REPORT LUNS, REPORT TARGET PORT GROUPS, REQUEST SENSE, START STOP UNIT with START one and POWER
 * CONDITION zero, and WRITE BUFFER.
 */
final class ReservationGate implements Gate {

    private static final CommandResult CONFLICT = CommandResult.status(Status.RESERVATION_CONFLICT);
    private static final CommandResult INFORMATION_LOST = CommandResult.checkCondition(
            SenseData.of(SenseKey.DATA_PROTECT, AdditionalSense.PERSISTENT_RESERVATION_INFORMATION_LOST));

    private final PersistentReservations reservations;

    ReservationGate(PersistentReservations reservations) {
        this.reservations = reservations;
    }

    @Override
    public Optional<CommandResult> admit(CommandContext context) {
        Nexus nexus = context.nexus();
        reservations.observe(nexus);
        CommandDescriptor d = context.descriptor();
        if (reservations.informationLost()) {
            return isReplaceLostReservation(d) || allowedWhileInformationLost(d, context.request().cdb())
                    ? Optional.empty() : Optional.of(INFORMATION_LOST);
        }
        ReservationClass cls = d.reservationClass(context.cdb());
        Optional<Nexus> legacy = reservations.legacyHolder();
        boolean conflict = legacy.isPresent()
                ? legacyConflict(d, cls, nexus, legacy.get())
                : conflicts(cls, d.serviceAction().isPresent() ? OutServiceAction.of(d.serviceAction().getAsInt())
                        : Optional.empty(), nexus, reservations.state());
        return conflict ? Optional.of(CONFLICT) : Optional.empty();
    }

    private static boolean isReplaceLostReservation(CommandDescriptor d) {
        return d.operationCode() == PersistentReserveOut.OPERATION_CODE
                && d.serviceAction().orElse(-1) == OutServiceAction.REPLACE_LOST_RESERVATION.code();
    }

    /** The commands of SPC-4 5.13.5.2 (nonvolatile memory not ready). */
    static boolean allowedWhileInformationLost(CommandDescriptor d, byte[] cdb) {
        switch (d.operationCode()) {
            case 0x12, 0x4D, 0x3C, 0xA0, 0x03, 0x3B:
                return true; // INQUIRY, LOG SENSE, READ BUFFER, REPORT LUNS, REQUEST SENSE, WRITE BUFFER
            case 0xA3:
                return d.serviceAction().orElse(-1) == 0x0A; // REPORT TARGET PORT GROUPS
            case 0x1B: // START STOP UNIT with START=1 and POWER CONDITION=0h
                return cdb.length > 4 && (cdb[4] & 0x01) != 0 && (cdb[4] & 0xF0) == 0;
            default:
                return false;
        }
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
