package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.spc.reservation.PersistentReservations;
import io.github.scsiemu.spc.target.SimpleTarget;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The emulator's default export on an ephemeral loopback port (issue 4): LUN 1 a thin-provisioned removable 128 MiB
 * disk with 512-byte logical and 4096-byte physical blocks and persistent reservations, LUN 2 a read-only
 * thin-provisioned disk (thin so that UNMAP exists and is refused for write protection rather than unsupported).
 * {@link #main} serves it until killed, for running libiscsi's tools by hand.
 */
final class TwoLunFixture implements AutoCloseable {
    static final String NAME = "iqn.2026-01.io.github.scsiemu:emu";

    final Disk main;
    final Disk readOnly;
    final SimpleTarget device;
    final IscsiTarget portal;

    TwoLunFixture(int port, TargetSettings settings, java.util.function.UnaryOperator<ExportedTarget> export)
            throws IOException {
        main = Disk.builder(DiskConfig.builder(262144, 512).thin().removable(true).physicalBlockExponent(3)
                .product("EMU DISK").serialNumber("EMU0001").build()).feature(new PersistentReservations()).build();
        readOnly = Disk.builder(DiskConfig.builder(8192, 512).thin().readOnly(true).product("EMU RO DISK")
                .serialNumber("EMU0002").build()).feature(new PersistentReservations()).build();
        device = SimpleTarget.builder().port(TargetPort.iscsi(NAME, 1, 1, 0))
                .logicalUnit(1, main.logicalUnit()).logicalUnit(2, readOnly.logicalUnit()).build();
        portal = IscsiTarget.builder().port(port).settings(settings)
                .export(export.apply(ExportedTarget.of(NAME, device))).build().start();
    }

    TwoLunFixture() throws IOException {
        this(0, TargetSettings.DEFAULT, t -> t);
    }

    InetSocketAddress address() {
        return portal.address();
    }

    String url(int lun) {
        return "iscsi://127.0.0.1:" + address().getPort() + "/" + NAME + "/" + lun;
    }

    @Override
    public void close() throws IOException {
        portal.close();
        main.close();
        readOnly.close();
    }

    /** Initiator account and target credentials of {@link #withMutualChap}. */
    static final ChapCredentials INITIATOR_CHAP = new ChapCredentials("inituser", "initsecret1234");
    static final ChapCredentials TARGET_CHAP = new ChapCredentials("tgtuser", "tgtsecret12345");

    /** The export requiring CHAP, able to answer mutual CHAP. */
    static ExportedTarget withMutualChap(ExportedTarget t) {
        return t.withAuthentication(AuthenticationPolicy.chap(INITIATOR_CHAP).withTargetCredentials(TARGET_CHAP));
    }

    /**
     * Serves the fixture on the port given as the first argument (default 3261) until the process is killed; a
     * second argument {@code chap} requires CHAP ({@link #withMutualChap}), {@code digests} requires CRC32C digests.
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3261;
        String mode = args.length > 1 ? args[1] : "";
        TargetSettings settings = mode.contains("digests") ? TargetSettings.DEFAULT.withDigests("CRC32C", "CRC32C")
                : TargetSettings.DEFAULT;
        TwoLunFixture fx = new TwoLunFixture(port, settings,
                mode.contains("chap") ? TwoLunFixture::withMutualChap : t -> t);
        System.out.println("serving " + fx.url(1) + " and " + fx.url(2));
        Thread.currentThread().join();
    }
}
