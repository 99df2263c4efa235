package io.github.scsiemu.server;

import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.server.config.TargetConfig;
import io.github.scsiemu.spc.target.SimpleTarget;
import java.util.Map;
import java.util.Objects;

/**
 * One SCSI target device the server built (SAM-5 4.6): its configuration, the device with its logical units, the
 * disks by LUN (the operator's handles, closed on shutdown) and its target ports by portal index.
 *
 * @param config the configuration it was built from
 * @param device the target device that executes commands
 * @param disks  the disks by LUN number
 * @param ports  the target port through each portal, by index into the server's portals
 */
public record ServedTarget(TargetConfig config, SimpleTarget device, Map<Integer, Disk> disks,
        Map<Integer, TargetPort> ports) {

    public ServedTarget {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(device, "device");
        disks = Map.copyOf(disks);
        ports = Map.copyOf(ports);
    }

    /** The iSCSI name. */
    public String name() {
        return config.name();
    }
}
