package io.github.scsiemu.spc.log;

/**
 * The control byte of a log parameter (SPC-4 7.3.2.2.2): byte 2 of every log parameter.
 *
 * @param disableUpdate      DU: the device server does not update the value
 * @param targetSaveDisable  TSD: the logical unit does not save the parameter implicitly
 * @param enableThresholdComparison ETC
 * @param thresholdMetCriteria      TMC, 0-3
 * @param formatAndLinking   FORMAT AND LINKING, 0-3 (see the constants)
 */
public record LogParameterControl(boolean disableUpdate, boolean targetSaveDisable,
        boolean enableThresholdComparison, int thresholdMetCriteria, int formatAndLinking) {

    /** FORMAT AND LINKING 00b: bounded data counter. */
    public static final int BOUNDED_DATA_COUNTER = 0;
    /** FORMAT AND LINKING 01b: ASCII format list. */
    public static final int ASCII_LIST = 1;
    /** FORMAT AND LINKING 10b: bounded or unbounded data counter. */
    public static final int UNBOUNDED_DATA_COUNTER = 2;
    /** FORMAT AND LINKING 11b: binary format list. */
    public static final int BINARY_LIST = 3;

    public LogParameterControl {
        if (thresholdMetCriteria < 0 || thresholdMetCriteria > 3 || formatAndLinking < 0 || formatAndLinking > 3) {
            throw new IllegalArgumentException("TMC and FORMAT AND LINKING are two-bit fields");
        }
    }

    /** A control byte with only FORMAT AND LINKING set. */
    public static LogParameterControl of(int formatAndLinking) {
        return new LogParameterControl(false, false, false, 0, formatAndLinking);
    }

    /** Whether the parameter is a data counter (FORMAT AND LINKING 00b or 10b) rather than a list parameter. */
    public boolean dataCounter() {
        return formatAndLinking == BOUNDED_DATA_COUNTER || formatAndLinking == UNBOUNDED_DATA_COUNTER;
    }

    /** The encoded byte. */
    public int toByte() {
        return (disableUpdate ? 0x80 : 0) | (targetSaveDisable ? 0x20 : 0) | (enableThresholdComparison ? 0x10 : 0)
                | (thresholdMetCriteria << 2) | formatAndLinking;
    }
}
