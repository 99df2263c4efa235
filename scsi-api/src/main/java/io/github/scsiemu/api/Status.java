package io.github.scsiemu.api;

/**
 * The STATUS byte returned at the completion of a command (SAM-5 5.3.1, table 36). Obsolete codes (10h, 14h,
 * 22h) are not modelled.
 */
public enum Status {
    GOOD(0x00),
    CHECK_CONDITION(0x02),
    CONDITION_MET(0x04),
    BUSY(0x08),
    RESERVATION_CONFLICT(0x18),
    TASK_SET_FULL(0x28),
    ACA_ACTIVE(0x30),
    TASK_ABORTED(0x40);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    /** The status code carried on the wire. */
    public int code() {
        return code;
    }

    /**
     * The status with the given wire code.
     *
     * @throws IllegalArgumentException for a code SAM-5 does not define
     */
    public static Status fromCode(int code) {
        for (Status s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException(String.format("not a SAM-5 status: %02Xh", code));
    }
}
