package io.github.scsiemu.sbc.copy;

/**
 * The LIST ID USAGE field of the EXTENDED COPY (LID1) parameter list header (SPC-4 6.4.3): whether the
 * copy manager holds results for RECEIVE COPY RESULTS and whether the LIST IDENTIFIER must be unique among the
 * copies in progress on the I_T nexus.
 */
public enum ListIdUsage {
    /** 00b: results (status and any held data) are held; the list identifier is unique. */
    HOLD_RESULTS(0b00),
    /** 10b: held data is discarded but status is held; the list identifier is unique. */
    DISCARD_HELD_DATA(0b10),
    /** 11b: nothing is held and the list identifier is not checked (SNLID, "supports no list identifier"). */
    NO_LIST_IDENTIFIER(0b11);

    private final int code;

    ListIdUsage(int code) {
        this.code = code;
    }

    /** The two-bit code. */
    public int code() {
        return code;
    }

    /** Whether COPY STATUS and FAILED SEGMENT DETAILS can be retrieved for the list afterwards. */
    public boolean holdsResults() {
        return this != NO_LIST_IDENTIFIER;
    }

    /** The usage for a two-bit code; 01b is reserved. */
    static java.util.Optional<ListIdUsage> of(int code) {
        for (ListIdUsage u : values()) {
            if (u.code == code) {
                return java.util.Optional.of(u);
            }
        }
        return java.util.Optional.empty();
    }
}
