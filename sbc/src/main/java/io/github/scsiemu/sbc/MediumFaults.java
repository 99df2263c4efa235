package io.github.scsiemu.sbc;

import io.github.scsiemu.sense.SenseData;
import java.util.Optional;

/**
 * A hook the medium consults around each transfer, through which tests make chosen logical blocks fail (see the
 * fault injection API). A fault that prevents the transfer is raised before it by throwing
 * {@link io.github.scsiemu.spc.CheckConditionException} with the sense data to report, or shows as added latency; a
 * recovered error (SPC-4 4.5.6: the data was transferred) is returned after a successful read.
 */
public interface MediumFaults {

    /** No faults. */
    MediumFaults NONE = new MediumFaults() {
    };

    /** Called before blocks {@code lba} to {@code lba + blocks - 1} are read. */
    default void beforeRead(long lba, long blocks) {
    }

    /**
     * Called after blocks {@code lba} to {@code lba + blocks - 1} were read successfully: the sense data of a
     * recovered error to report with the data (RECOVERED ERROR), or empty if the read was clean.
     */
    default Optional<SenseData> afterRead(long lba, long blocks) {
        return Optional.empty();
    }

    /** Called before blocks {@code lba} to {@code lba + blocks - 1} are written. */
    default void beforeWrite(long lba, long blocks) {
    }
}
