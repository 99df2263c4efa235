package io.github.scsiemu.spc;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.TargetPort;
import java.util.List;

/**
 * What a logical unit knows of the SCSI target device that contains it (SAM-5 4.6): the logical unit inventory it
 * reports with REPORT LUNS (SPC-4 6.33), the well-known logical units the target offers (SPC-4 8) and the target
 * ports through which its logical units are reachable (the SCSI Ports VPD page, SPC-4 7.8.13, and the MULTIP bit of
 * the standard INQUIRY data, SPC-4 6.6.2). A target passes one to {@link DeviceServer#attach}; a logical unit used
 * on its own has {@link #SINGLE}: LUN 0, no well-known logical units, and no declared ports.
 */
@FunctionalInterface
public interface LunInventory {

    /** An inventory of one logical unit, LUN 0, for a logical unit used on its own. */
    LunInventory SINGLE = () -> List.of(Lun.of(0));

    /** The LUNs of the logical units in the inventory, ascending, without well-known logical units. */
    List<Lun> luns();

    /**
     * The well-known LUNs the target device answers, ascending: what REPORT LUNS returns for SELECT REPORT 01h and
     * appends to the inventory for SELECT REPORT 02h (SPC-4 6.33). None unless the target says otherwise.
     */
    default List<Lun> wellKnownLuns() {
        return List.of();
    }

    /**
     * The target ports of the target device, ascending by relative target port identifier: those the SCSI Ports VPD
     * page (SPC-4 7.8.13) lists besides the port a command arrives through. None unless the target says otherwise.
     */
    default List<TargetPort> targetPorts() {
        return List.of();
    }
}
