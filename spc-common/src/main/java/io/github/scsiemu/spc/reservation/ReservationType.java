package io.github.scsiemu.spc.reservation;

import java.util.Optional;

/**
 * The persistent reservation types (SPC-4 5.13.10, table 71; the TYPE field of PERSISTENT RESERVE OUT, 6.16.1):
 * which I_T nexuses may access the medium and who holds the reservation. Codes 0h, 2h, 4h and 9h-Fh are obsolete
 * or reserved and have no constant.
 */
public enum ReservationType {
    /** Write Exclusive: only the holder writes; every nexus reads. */
    WRITE_EXCLUSIVE(0x1),
    /** Exclusive Access: only the holder reads or writes. */
    EXCLUSIVE_ACCESS(0x3),
    /** Write Exclusive - Registrants Only: registered nexuses write; every nexus reads; one holder. */
    WRITE_EXCLUSIVE_REGISTRANTS_ONLY(0x5),
    /** Exclusive Access - Registrants Only: only registered nexuses read or write; one holder. */
    EXCLUSIVE_ACCESS_REGISTRANTS_ONLY(0x6),
    /** Write Exclusive - All Registrants: registered nexuses write; every registrant is a holder. */
    WRITE_EXCLUSIVE_ALL_REGISTRANTS(0x7),
    /** Exclusive Access - All Registrants: only registered nexuses access; every registrant is a holder. */
    EXCLUSIVE_ACCESS_ALL_REGISTRANTS(0x8);

    private final int code;

    ReservationType(int code) {
        this.code = code;
    }

    /** The TYPE code. */
    public int code() {
        return code;
    }

    /** The type with this TYPE code, or empty for an obsolete or reserved code. */
    public static Optional<ReservationType> of(int code) {
        for (ReservationType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Whether every registered I_T nexus is a reservation holder (SPC-4 5.13.10). */
    public boolean allRegistrants() {
        return this == WRITE_EXCLUSIVE_ALL_REGISTRANTS || this == EXCLUSIVE_ACCESS_ALL_REGISTRANTS;
    }

    /** Whether registered I_T nexuses that are not the holder get access (registrants-only and all-registrants). */
    public boolean admitsRegistrants() {
        return this != WRITE_EXCLUSIVE && this != EXCLUSIVE_ACCESS;
    }

    /** Whether reads by I_T nexuses without access conflict (Exclusive Access types) or not (Write Exclusive types). */
    public boolean exclusiveAccess() {
        return this == EXCLUSIVE_ACCESS || this == EXCLUSIVE_ACCESS_REGISTRANTS_ONLY
                || this == EXCLUSIVE_ACCESS_ALL_REGISTRANTS;
    }

    /** Whether releasing this reservation (or its holder unregistering) notifies other registrants (SPC-4 5.13.11.2.2). */
    public boolean releaseNotifiesRegistrants() {
        return admitsRegistrants();
    }
}
