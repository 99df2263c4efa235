package io.github.scsiemu.sbc;

import io.github.scsiemu.spc.Gate;
import io.github.scsiemu.spc.Readiness;
import java.util.Map;

/**
 * The state of a disk beyond its blocks that decides whether it can execute medium-access commands: whether a
 * (removable) medium is loaded and the logical unit started, whether removal is prevented, and whether a FORMAT
 * UNIT or SANITIZE is in progress (SBC-4 4.15, 4.11, 5.3, 5.30). PLACEHOLDER: being completed.
 */
public final class DiskState {

    private final Disk disk;

    DiskState(Disk disk) {
        this.disk = disk;
    }

    /** Why the disk is not ready now, if it is not (for the engine's readiness check and REQUEST SENSE). */
    public Readiness readiness() {
        return Readiness.ALWAYS_READY;
    }

    /** The disk's checks in the shared gate (write protection, injected faults). */
    public Map<Gate.Stage, Gate> gates() {
        return Map.of();
    }

    Disk disk() {
        return disk;
    }
}
