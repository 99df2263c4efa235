package io.github.scsiemu.spc.mode;

/** The PAGE CONTROL (PC) field of MODE SENSE: which values of the mode parameters to return (SPC-4 6.11.1, 6.12). */
public enum PageControl {
    /** 00b: the current values. */
    CURRENT,
    /** 01b: a mask with a one for every bit an application client may change with MODE SELECT. */
    CHANGEABLE,
    /** 10b: the default values. */
    DEFAULT,
    /** 11b: the saved values. */
    SAVED;

    /** The value of the two-bit field. */
    public static PageControl of(int code) {
        return values()[code & 3];
    }
}
