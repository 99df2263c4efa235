package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.iscsi.initiator.InitiatorSession;
import io.github.scsiemu.iscsi.initiator.LoginOptions;
import io.github.scsiemu.sbc.BlockDevice;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.spc.target.SimpleTarget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** A portal on an ephemeral loopback port serving one 1 MiB disk (2048 blocks of 512 bytes) as LUN 0. */
final class DiskFixture implements AutoCloseable {
    static final String NAME = "iqn.2026-01.io.github.scsiemu:test-disk";
    static final String INITIATOR = "iqn.2026-01.io.github.scsiemu:initiator";
    static final Lun LUN0 = Lun.of(0);

    final SimpleTarget device = SimpleTarget.builder().port(TargetPort.iscsi(NAME, 1, 1, 0))
            .logicalUnit(0, BlockDevice.create(DiskConfig.of(2048, 512, "ISCSI", "SN1"))).build();
    final IscsiTarget portal;

    DiskFixture(TargetSettings settings) throws IOException {
        portal = IscsiTarget.builder().port(0).settings(settings).export(ExportedTarget.of(NAME, device)).build()
                .start();
    }

    InetSocketAddress address() {
        return portal.address();
    }

    /** Small segments and bursts so that multi-PDU transfers and R2Ts happen with small commands. */
    static TargetSettings smallBursts() {
        return TargetSettings.DEFAULT.withMaxRecvDataSegmentLength(8192).withBursts(32768, 16384, false);
    }

    static LoginOptions options(long isid) {
        return LoginOptions.normal(INITIATOR, isid, NAME).withLimits(8192, 262144, 262144, false, true);
    }

    InitiatorSession login(long isid) throws IOException {
        return InitiatorSession.login(address(), options(isid));
    }

    static Duration shortWait() {
        return Duration.ofSeconds(5);
    }

    @Override
    public void close() throws IOException {
        portal.close();
    }
}
