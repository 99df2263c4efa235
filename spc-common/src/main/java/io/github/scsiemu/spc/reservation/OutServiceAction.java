package io.github.scsiemu.spc.reservation;

import java.util.Optional;

/**
 * The PERSISTENT RESERVE OUT service actions this device server supports (SPC-4 6.16.2, table 214), with how each
 * fares when another I_T nexus holds the reservation (SPC-4 5.13.1, table 66). REPLACE LOST RESERVATION (08h)
 * conflicts from an unregistered nexus only while no recoverable lost persistent reservation condition is
 * established (table 66 note b, SPC-4 5.13.5.3.2); the reservation gate lets it through during that condition.
 */
public enum OutServiceAction {
    REGISTER(0x00, true, true),
    RESERVE(0x01, false, false),
    RELEASE(0x02, true, false),
    CLEAR(0x03, true, false),
    PREEMPT(0x04, true, false),
    PREEMPT_AND_ABORT(0x05, true, false),
    REGISTER_AND_IGNORE_EXISTING_KEY(0x06, true, true),
    REGISTER_AND_MOVE(0x07, false, false),
    REPLACE_LOST_RESERVATION(0x08, true, false);

    private final int code;
    private final boolean allowedFromRegistered;
    private final boolean allowedFromUnregistered;

    OutServiceAction(int code, boolean allowedFromRegistered, boolean allowedFromUnregistered) {
        this.code = code;
        this.allowedFromRegistered = allowedFromRegistered;
        this.allowedFromUnregistered = allowedFromUnregistered;
    }

    /** The SERVICE ACTION code. */
    public int code() {
        return code;
    }

    /** The service action with this code, if supported. */
    public static Optional<OutServiceAction> of(int code) {
        for (OutServiceAction sa : values()) {
            if (sa.code == code) {
                return Optional.of(sa);
            }
        }
        return Optional.empty();
    }

    /**
     * SPC-4 table 66: whether a command with this service action conflicts with a persistent reservation held by
     * another I_T nexus.
     *
     * @param registered whether the issuing I_T nexus is registered
     */
    public boolean conflictsWithReservationOfOthers(boolean registered) {
        return !(registered ? allowedFromRegistered : allowedFromUnregistered);
    }
}
