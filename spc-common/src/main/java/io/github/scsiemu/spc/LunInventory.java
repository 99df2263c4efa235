package io.github.scsiemu.spc;

import io.github.scsiemu.api.Lun;
import java.util.List;

/** The logical unit inventory of the target a logical unit belongs to, for REPORT LUNS (SPC-4 6.33). */
@FunctionalInterface
public interface LunInventory {

    /** An inventory of one logical unit, LUN 0, for a logical unit used on its own. */
    LunInventory SINGLE = () -> List.of(Lun.of(0));

    /** The LUNs of the logical units in the inventory, ascending, without well-known logical units. */
    List<Lun> luns();
}
