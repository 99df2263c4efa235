package io.github.scsiemu.sbc;

/**
 * A hook the medium consults before each transfer, through which tests make chosen logical blocks fail (see the
 * fault injection API). A fault is raised by throwing {@link io.github.scsiemu.spc.CheckConditionException} with the
 * sense data to report, or shows as added latency.
 */
public interface MediumFaults {

    /** No faults. */
    MediumFaults NONE = new MediumFaults() {
    };

    /** Called before blocks {@code lba} to {@code lba + blocks - 1} are read. */
    default void beforeRead(long lba, long blocks) {
    }

    /** Called before blocks {@code lba} to {@code lba + blocks - 1} are written. */
    default void beforeWrite(long lba, long blocks) {
    }
}
