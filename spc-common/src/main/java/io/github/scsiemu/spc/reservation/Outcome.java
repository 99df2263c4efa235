package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.sense.AdditionalSense;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a PERSISTENT RESERVE OUT service action does (SPC-4 5.13.7-5.13.11): end in RESERVATION CONFLICT, or
 * complete with a new state, the unit attentions it establishes and the registrants whose tasks it aborts. Errors
 * that end in CHECK CONDITION are thrown as {@link io.github.scsiemu.spc.CheckConditionException}.
 */
sealed interface Outcome {

    /** RESERVATION CONFLICT; nothing changes. */
    record Conflict() implements Outcome {
    }

    /**
     * GOOD.
     *
     * @param state   the new state
     * @param notices the unit attentions to establish for every I_T nexus of a registrant, except the issuer's
     * @param aborted the registrants whose tasks are aborted (PREEMPT AND ABORT)
     */
    record Done(ReservationState state, List<Notice> notices, Set<Registrant> aborted) implements Outcome {
        public Done {
            Objects.requireNonNull(state, "state");
            notices = List.copyOf(notices);
            aborted = Set.copyOf(aborted);
        }
    }

    /**
     * A unit attention condition for the I_T nexuses of one registrant (SPC-4 5.13.11).
     *
     * @param to        the registrant
     * @param condition RESERVATIONS PREEMPTED, RESERVATIONS RELEASED or REGISTRATIONS PREEMPTED
     */
    record Notice(Registrant to, AdditionalSense condition) {
    }

    Outcome CONFLICT = new Conflict();

    static Done done(ReservationState state) {
        return new Done(state, List.of(), Set.of());
    }
}
