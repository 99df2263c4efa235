package io.github.scsiemu.spc.log;

/** The PAGE CONTROL (PC) field of LOG SENSE and LOG SELECT (SPC-4 6.6, 6.7): which values are meant. */
public enum LogPageControl {
    /** 00b: current threshold values. */
    CURRENT_THRESHOLD,
    /** 01b: current cumulative values. */
    CURRENT_CUMULATIVE,
    /** 10b: default threshold values. */
    DEFAULT_THRESHOLD,
    /** 11b: default cumulative values. */
    DEFAULT_CUMULATIVE;

    /** The value of the two-bit field. */
    public static LogPageControl of(int code) {
        return values()[code & 3];
    }

    /** Whether this names threshold values. */
    public boolean threshold() {
        return this == CURRENT_THRESHOLD || this == DEFAULT_THRESHOLD;
    }
}
