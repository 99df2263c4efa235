package io.github.scsiemu.spc.mode;

import io.github.scsiemu.sense.SenseFormat;

/**
 * The mode pages of one logical unit with their current, changeable, default and saved values (SPC-4 6.11-6.14,
 * 7.5). PLACEHOLDER: being completed.
 */
public final class ModePageRegistry {

    private ModePageRegistry() {
    }

    /** Starts a registry; the Control mode page (0Ah) is always present. */
    public static Builder builder() {
        return new Builder();
    }

    /** The sense data format the D_SENSE bit of the current Control mode page selects. */
    public SenseFormat senseFormat() {
        return SenseFormat.FIXED;
    }

    /** The TAS bit of the current Control mode page: tasks aborted by another nexus end with TASK ABORTED. */
    public boolean taskAbortedStatus() {
        return false;
    }

    /** Makes the saved values (or the defaults, if nothing is saved) current: logical unit reset and power on. */
    public void resetToSaved() {
    }

    /** Assembles a {@link ModePageRegistry}. */
    public static final class Builder {
        public ModePageRegistry build() {
            return new ModePageRegistry();
        }
    }
}
