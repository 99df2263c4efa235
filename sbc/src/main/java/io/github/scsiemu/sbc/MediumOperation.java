package io.github.scsiemu.sbc;

import io.github.scsiemu.sense.AdditionalSense;

/**
 * A long operation that alters the whole medium and makes the logical unit not ready while it runs: FORMAT UNIT
 * (SBC-4 4.34, 5.4) or SANITIZE (SBC-4 4.11, 5.30). Each names the sense data it is reported with while in progress
 * (NOT READY with a progress indication), when the command that ran it fails, and while the logical unit stays in
 * the state a failure leaves behind.
 */
public enum MediumOperation {

    /** FORMAT UNIT: 04h/04h in progress; 31h/01h when it fails; afterwards 31h/00h until a format succeeds. */
    FORMAT(AdditionalSense.LOGICAL_UNIT_NOT_READY_FORMAT_IN_PROGRESS, AdditionalSense.FORMAT_COMMAND_FAILED,
            AdditionalSense.MEDIUM_FORMAT_CORRUPTED),
    /**
     * SANITIZE: 04h/1Bh in progress; 31h/03h when it fails and, in the sanitize failure mode that follows, for every
     * medium access command until a sanitize succeeds or EXIT FAILURE MODE is allowed.
     */
    SANITIZE(AdditionalSense.LOGICAL_UNIT_NOT_READY_SANITIZE_IN_PROGRESS, AdditionalSense.SANITIZE_COMMAND_FAILED,
            AdditionalSense.SANITIZE_COMMAND_FAILED);

    private final AdditionalSense inProgress;
    private final AdditionalSense commandFailed;
    private final AdditionalSense failureMode;

    MediumOperation(AdditionalSense inProgress, AdditionalSense commandFailed, AdditionalSense failureMode) {
        this.inProgress = inProgress;
        this.commandFailed = commandFailed;
        this.failureMode = failureMode;
    }

    /** The NOT READY additional sense reported while the operation runs. */
    public AdditionalSense inProgress() {
        return inProgress;
    }

    /** The MEDIUM ERROR additional sense of the command whose operation failed. */
    public AdditionalSense commandFailed() {
        return commandFailed;
    }

    /** The MEDIUM ERROR additional sense of medium access commands after the operation failed. */
    public AdditionalSense failureMode() {
        return failureMode;
    }

    /** Whether a successful run of this operation clears the state a failed {@code failed} operation left. */
    public boolean recovers(MediumOperation failed) {
        return this == SANITIZE || failed == this;
    }
}
