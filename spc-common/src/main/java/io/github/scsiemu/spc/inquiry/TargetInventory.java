package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.LunInventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a logical unit knows of the SCSI target device that contains it (SAM-5 4.6): the logical unit inventory
 * (for REPORT LUNS, SPC-4 6.33), the well-known logical units it offers (SPC-4 8) and the target ports through which
 * its logical units are reachable (for the SCSI Ports VPD page, SPC-4 7.8.16, and the MULTIP bit). A target passes
 * one to {@link io.github.scsiemu.spc.DeviceServer#attach}; a logical unit used on its own has a plain
 * {@link LunInventory}, no well-known logical units, and only the port a command arrives through.
 */
public interface TargetInventory extends LunInventory {

    /** The well-known LUNs the target device answers, ascending. */
    List<Lun> wellKnownLuns();

    /** The target ports of the target device, ascending by relative target port identifier. */
    List<TargetPort> targetPorts();

    /** The well-known LUNs of the target the command's logical unit belongs to. */
    static List<Lun> wellKnownLunsOf(CommandContext context) {
        return context.logicalUnit().inventory() instanceof TargetInventory t ? t.wellKnownLuns() : List.of();
    }

    /**
     * The target ports through which the command's logical unit is reachable, ascending by relative target port
     * identifier: the target's ports, and always the port the command arrived through.
     */
    static List<TargetPort> reachablePorts(CommandContext context) {
        TargetPort current = context.nexus().target();
        List<TargetPort> ports = new ArrayList<>();
        if (context.logicalUnit().inventory() instanceof TargetInventory t) {
            ports.addAll(t.targetPorts());
        }
        if (ports.stream().noneMatch(p -> p.relativeTargetPortId() == current.relativeTargetPortId())) {
            ports.add(current);
        }
        ports.sort(Comparator.comparingInt(TargetPort::relativeTargetPortId));
        return ports;
    }
}
