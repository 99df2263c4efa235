package io.github.scsiemu.spc;

import io.github.scsiemu.sense.SenseData;
import java.util.Optional;

/**
 * Whether a logical unit can execute media-access commands now (SPC-4 4.5.5 and 6.47 TEST UNIT READY): empty when
 * ready, or the sense data (usually NOT READY with a reason, possibly with a progress indication) a command that
 * needs a ready logical unit ends with. REQUEST SENSE reports the same sense with GOOD status.
 */
@FunctionalInterface
public interface Readiness {

    /** A logical unit that is always ready. */
    Readiness ALWAYS_READY = Optional::empty;

    Optional<SenseData> notReadyReason();
}
