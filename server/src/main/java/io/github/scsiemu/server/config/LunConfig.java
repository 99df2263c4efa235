package io.github.scsiemu.server.config;

import io.github.scsiemu.sbc.DiskConfig;
import java.util.Objects;

/**
 * One logical unit of a target: its LUN and, as only disks exist so far, the direct-access device (SBC-4) it is
 * and where that keeps its blocks.
 *
 * @param number the single-level LUN, 0-16383
 * @param disk   geometry, provisioning, removable medium, write protection, limits and identity
 * @param store  memory or file
 * @param origin where it was configured
 */
public record LunConfig(int number, DiskConfig disk, StoreConfig store, Origin origin) {

    public LunConfig {
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(origin, "origin");
        if (number < 0 || number > 0x3FFF) {
            throw new IllegalArgumentException("LUN out of range: " + number);
        }
    }
}
