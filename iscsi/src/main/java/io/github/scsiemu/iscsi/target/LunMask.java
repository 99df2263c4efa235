package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.ScsiTarget;
import java.util.Collection;
import java.util.Set;

/**
 * The logical units one initiator may see through a target (LUN masking, the access control SPC-4 8.3.1.1 leaves
 * to the SCSI target device): every LUN, or a listed set. LUNs outside the set behave exactly as absent ones do
 * (SPC-4 4.3), and REPORT LUNS lists only those inside it; well-known LUNs are always visible.
 *
 * @param all  whether every LUN is visible
 * @param luns the visible LUNs when not {@code all}
 */
public record LunMask(boolean all, Set<Lun> luns) {
    /** Every LUN visible. */
    public static final LunMask ALL = new LunMask(true, Set.of());

    public LunMask {
        luns = Set.copyOf(luns);
    }

    /** Only the given LUNs visible. */
    public static LunMask of(Collection<Lun> visible) {
        return new LunMask(false, Set.copyOf(visible));
    }

    /** Only the LUNs {@link Lun#of(int)} assigns to the given numbers visible. */
    public static LunMask of(int... numbers) {
        return of(java.util.Arrays.stream(numbers).mapToObj(Lun::of).toList());
    }

    /** Whether the LUN is visible. */
    public boolean shows(Lun lun) {
        return all || lun.isWellKnown() || luns.contains(lun);
    }

    /** The device as an initiator with this mask sees it. */
    ScsiTarget apply(ScsiTarget device) {
        return all ? device : new LunMaskedTarget(device, this);
    }
}
