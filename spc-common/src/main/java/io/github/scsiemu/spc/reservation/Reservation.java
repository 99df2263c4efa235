package io.github.scsiemu.spc.reservation;

import java.util.Objects;
import java.util.Optional;

/**
 * The persistent reservation of a logical unit (SPC-4 5.13.9): its type, with scope LU_SCOPE (the only scope SPC-4
 * defines), and its holder (SPC-4 5.13.10) — one registrant, or, for the all-registrants types, every registrant.
 *
 * @param type   the reservation type
 * @param holder the holding registrant; empty exactly for the all-registrants types
 */
public record Reservation(ReservationType type, Optional<Registrant> holder) {

    /** The SCOPE code of LU_SCOPE. */
    public static final int LU_SCOPE = 0;

    public Reservation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(holder, "holder");
        if (type.allRegistrants() == holder.isPresent()) {
            throw new IllegalArgumentException("all-registrants reservations have no single holder, others have one");
        }
    }

    /** A reservation of {@code type} established by {@code registrant}. */
    public static Reservation of(ReservationType type, Registrant registrant) {
        return new Reservation(type, type.allRegistrants() ? Optional.empty() : Optional.of(registrant));
    }
}
