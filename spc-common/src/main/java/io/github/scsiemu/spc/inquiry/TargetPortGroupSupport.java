package io.github.scsiemu.spc.inquiry;

/**
 * The TPGS field of standard INQUIRY data (SPC-4 6.6.2, table 143): whether, and how, the logical unit supports
 * asymmetric logical unit access (SPC-4 5.15).
 */
public enum TargetPortGroupSupport {
    /** 00b: asymmetric logical unit access is not supported. */
    NOT_SUPPORTED(0b00),
    /** 01b: only implicit asymmetric access (REPORT TARGET PORT GROUPS supported, SET TARGET PORT GROUPS not). */
    IMPLICIT(0b01),
    /** 10b: only explicit asymmetric access (SET TARGET PORT GROUPS supported). */
    EXPLICIT(0b10),
    /** 11b: both implicit and explicit asymmetric access. */
    IMPLICIT_AND_EXPLICIT(0b11);

    private final int code;

    TargetPortGroupSupport(int code) {
        this.code = code;
    }

    /** The two-bit code. */
    public int code() {
        return code;
    }
}
