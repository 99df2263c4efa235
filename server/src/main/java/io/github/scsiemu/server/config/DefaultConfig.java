package io.github.scsiemu.server.config;

import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.target.AccessControl;
import io.github.scsiemu.iscsi.target.TargetSettings;
import io.github.scsiemu.sbc.DiskConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * What {@code scsi-emu serve} serves without a configuration file: on 127.0.0.1:3260, the target
 * {@value #TARGET_NAME} with
 * <ul>
 * <li>LUN 1: a 128 MiB thin-provisioned disk (LBPME = 1, LBPRZ = 1) with a removable medium (RMB = 1), 512-byte
 * logical blocks and 4096-byte physical blocks (LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT 3), the LU libiscsi's
 * test suite needs to skip nothing (iscsi.md 1.15);</li>
 * <li>LUN 2: a 64 MiB thin-provisioned, write-protected disk (MODE SENSE WP = 1), for libiscsi's
 * {@code SCSI.ReadOnly} tests (thin so that its UNMAP tests run rather than skip).</li>
 * </ul>
 * Both keep their blocks in memory and have persistent reservations.
 */
public final class DefaultConfig {

    /** The default target's iSCSI name. */
    public static final String TARGET_NAME = "iqn.2026-01.io.github.scsiemu:default";

    private DefaultConfig() {
    }

    /** The default configuration. */
    public static ServerConfig get() {
        Origin o = Origin.BUILT_IN;
        DiskConfig scratch = DiskConfig.builder(128L << 20 >> 9, 512).physicalBlockExponent(3).thin().lbprz(true)
                .removable(true).product("SCRATCH DISK").serialNumber(ConfigReader.defaultSerial(TARGET_NAME, 1))
                .build();
        // thin as well, so libiscsi's SCSI.ReadOnly tests also see UNMAP and WRITE SAME with UNMAP refused
        DiskConfig readOnly = DiskConfig.builder(64L << 20 >> 9, 512).thin().readOnly(true).product("READ-ONLY DISK")
                .serialNumber(ConfigReader.defaultSerial(TARGET_NAME, 2)).build();
        TargetConfig target = new TargetConfig(TARGET_NAME, "scsi-emu default", List.of(0),
                List.of(new LunConfig(1, scratch, StoreConfig.MEMORY, o),
                        new LunConfig(2, readOnly, StoreConfig.MEMORY, o)),
                List.of(), AuthenticationPolicy.NONE, AccessControl.OPEN, o);
        PortalConfig portal = new PortalConfig(new InetSocketAddress("127.0.0.1", ConfigReader.ISCSI_PORT), 1, o);
        return new ServerConfig(o.source(), List.of(portal), List.of(target), TargetSettings.DEFAULT,
                Optional.empty(), AuthenticationPolicy.NONE);
    }
}
