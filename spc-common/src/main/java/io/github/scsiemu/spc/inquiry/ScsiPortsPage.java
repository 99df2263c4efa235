package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.spc.CommandContext;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The SCSI Ports VPD page (88h, SPC-4 7.8.13): one SCSI port designation descriptor for every target port through
 * which the logical unit is reachable (the ports of its {@link io.github.scsiemu.spc.LunInventory}, and always the
 * port the command arrived through), ascending by relative port identifier. Each carries no initiator port
 * TransportID (access is not restricted per initiator) and one target port descriptor: the SCSI name string
 * designator of the port's name.
 */
public final class ScsiPortsPage implements VpdPage {

    public static final int PAGE_CODE = 0x88;

    @Override
    public int pageCode() {
        return PAGE_CODE;
    }

    @Override
    public byte[] content(CommandContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TargetPort port : reachablePorts(context)) {
            byte[] targetPortDescriptors = DesignationDescriptor
                    .scsiNameString(DesignationDescriptor.Association.TARGET_PORT, port.name())
                    .map(DesignationDescriptor::encode).orElse(new byte[0]);
            out.write(0);
            out.write(0);
            out.write(port.relativeTargetPortId() >>> 8);
            out.write(port.relativeTargetPortId());
            out.writeBytes(new byte[4]); // reserved, INITIATOR PORT TRANSPORTID LENGTH 0
            out.write(0);
            out.write(0);
            out.write(targetPortDescriptors.length >>> 8);
            out.write(targetPortDescriptors.length);
            out.writeBytes(targetPortDescriptors);
        }
        return out.toByteArray();
    }

    /**
     * The target ports through which the command's logical unit is reachable, ascending by relative target port
     * identifier: the inventory's ports, and always the port the command arrived through. More than one sets the
     * MULTIP bit of the standard INQUIRY data (SPC-4 6.6.2).
     */
    static List<TargetPort> reachablePorts(CommandContext context) {
        TargetPort current = context.nexus().target();
        List<TargetPort> ports = new ArrayList<>(context.logicalUnit().inventory().targetPorts());
        if (ports.stream().noneMatch(p -> p.relativeTargetPortId() == current.relativeTargetPortId())) {
            ports.add(current);
        }
        ports.sort(Comparator.comparingInt(TargetPort::relativeTargetPortId));
        return ports;
    }
}
