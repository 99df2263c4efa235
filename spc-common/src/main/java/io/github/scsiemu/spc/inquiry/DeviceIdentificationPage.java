package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.PeripheralDeviceType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Device Identification VPD page (83h, SPC-4 7.8.6). Its designation descriptors, in this order:
 * <ol>
 * <li>the logical unit's NAA IEEE Registered Extended designator (binary);</li>
 * <li>its T10 vendor ID based designator: vendor, product (16 bytes, space padded) and serial number (ASCII);</li>
 * <li>the relative target port and target port group designators of the port the command arrived through;</li>
 * <li>a SCSI name string designator of that target port's name ({@code iqn...,t,0x<TPGT>});</li>
 * <li>a SCSI name string designator of the target device's name: the iSCSI name, derived from the target port name
 * by removing its {@code ,t,0x<TPGT>} suffix, and left out when the port name has none.</li>
 * </ol>
 * A well-known logical unit has no logical unit name (SPC-4 8.1), so it reports only the port and device
 * designators. Port-associated descriptors carry PIV set and protocol identifier 5h (iSCSI).
 */
public final class DeviceIdentificationPage implements VpdPage {

    public static final int PAGE_CODE = 0x83;

    private static final String ISCSI_TARGET_PORT_SEPARATOR = ",t,0x";

    @Override
    public int pageCode() {
        return PAGE_CODE;
    }

    @Override
    public byte[] content(CommandContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DesignationDescriptor d : designators(context.logicalUnit().identity(), context.nexus().target())) {
            out.writeBytes(d.encode());
        }
        return out.toByteArray();
    }

    /** The designation descriptors a logical unit reports to a command received through {@code port}. */
    public static List<DesignationDescriptor> designators(LogicalUnitIdentity identity, TargetPort port) {
        List<DesignationDescriptor> list = new ArrayList<>();
        if (identity.deviceType() != PeripheralDeviceType.WELL_KNOWN_LOGICAL_UNIT) {
            list.add(DesignationDescriptor.naa(identity.naaRegisteredExtended()));
            list.add(DesignationDescriptor.t10VendorId(identity.vendor(),
                    DesignationDescriptor.padded(identity.product(), 16) + identity.serialNumber()));
        }
        list.add(DesignationDescriptor.relativeTargetPort(port.relativeTargetPortId()));
        list.add(DesignationDescriptor.targetPortGroup(port.targetPortGroup()));
        DesignationDescriptor.scsiNameString(DesignationDescriptor.Association.TARGET_PORT, port.name())
                .ifPresent(list::add);
        targetDeviceName(port).flatMap(
                name -> DesignationDescriptor.scsiNameString(DesignationDescriptor.Association.TARGET_DEVICE, name))
                .ifPresent(list::add);
        return list;
    }

    /** The iSCSI name of the target device a target port named {@code name,t,0x<TPGT>} belongs to (RFC 7143 13.2). */
    public static Optional<String> targetDeviceName(TargetPort port) {
        int at = port.name().toLowerCase(Locale.ROOT).lastIndexOf(ISCSI_TARGET_PORT_SEPARATOR);
        return at > 0 ? Optional.of(port.name().substring(0, at)) : Optional.empty();
    }
}
