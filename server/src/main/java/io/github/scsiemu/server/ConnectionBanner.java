package io.github.scsiemu.server;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
import io.github.scsiemu.iscsi.target.AccessControl;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.sbc.Provisioning;
import io.github.scsiemu.server.config.LunConfig;
import io.github.scsiemu.server.config.TargetConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server prints once it listens: each portal, each target with its logical units, and the commands that
 * reach them with libiscsi's tools, QEMU and Linux open-iscsi (iscsi.md 1.16, 1.17, 2.3).
 */
final class ConnectionBanner {

    private ConnectionBanner() {
    }

    static String render(EmulatorServer server) {
        StringBuilder b = new StringBuilder();
        List<InetSocketAddress> bound = server.portalAddresses();
        b.append("scsi-emu is serving over iSCSI (").append(server.config().source()).append(")\n");
        for (int i = 0; i < bound.size(); i++) {
            b.append("  portal ").append(Addresses.format(bound.get(i))).append(" (portal group tag ")
                    .append(server.config().portals().get(i).groupTag()).append(")\n");
        }
        for (ServedTarget t : server.targets()) {
            TargetConfig c = t.config();
            b.append("  target ").append(c.name());
            if (!c.alias().isEmpty()) {
                b.append(" (alias \"").append(c.alias()).append("\")");
            }
            b.append('\n');
            for (LunConfig lun : c.luns()) {
                b.append("    LUN ").append(lun.number()).append(": ").append(describe(lun)).append('\n');
            }
            security(b, c);
        }
        ServedTarget first = server.targets().get(0);
        String portal = Addresses.connectable(bound.get(first.config().portals().get(0)));
        String user = first.config().authentication().chapOffered() ? "<user>%<secret>@" : "";
        String url = "iscsi://" + user + portal + "/" + first.name() + "/" + first.config().luns().get(0).number();
        b.append("Connect with:\n");
        b.append("  iscsi-ls -s iscsi://").append(user).append(portal).append("/\n");
        b.append("  iscsi-inq ").append(url).append('\n');
        b.append("  qemu-img info ").append(url).append('\n');
        b.append("  iscsiadm -m discovery -t st -p ").append(portal).append('\n');
        b.append("  iscsiadm -m node -T ").append(first.name()).append(" -p ").append(portal).append(" --login\n");
        b.append("Stop with Ctrl-C or SIGTERM.\n");
        return b.toString();
    }

    private static void security(StringBuilder b, TargetConfig c) {
        AuthenticationPolicy auth = c.authentication();
        if (auth.chapOffered()) {
            b.append("    CHAP ").append(auth.chapRequired() ? "required" : "optional").append(", accounts ")
                    .append(String.join(", ", auth.initiatorAccounts().stream().map(ChapCredentials::name).toList()));
            auth.targetCredentials().ifPresent(t -> b.append("; mutual CHAP as ").append(t.name()));
            b.append('\n');
        }
        AccessControl acl = c.access();
        if (!acl.anyInitiator()) {
            List<String> entries = new ArrayList<>();
            acl.initiators().forEach((name, mask) -> entries.add(name + (mask.all() ? " (all LUNs)"
                    : " (LUNs " + String.join(", ", mask.luns().stream().map(Lun::number).sorted()
                            .map(String::valueOf).toList()) + ")")));
            entries.sort(null);
            b.append("    only initiators ").append(String.join("; ", entries)).append('\n');
        }
    }

    /** For example {@code disk, 128 MiB (262144 x 512-byte blocks, 4096-byte physical), thin, removable}. */
    static String describe(LunConfig lun) {
        DiskConfig d = lun.disk();
        List<String> parts = new ArrayList<>();
        long bytes = d.capacity() * d.logicalBlockSize();
        String size = bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB"
                : bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
        String geometry = d.capacity() + " x " + d.logicalBlockSize() + "-byte blocks";
        if (d.logicalBlocksPerPhysicalBlockExponent() > 0) {
            geometry += ", " + (d.logicalBlockSize() << d.logicalBlocksPerPhysicalBlockExponent()) + "-byte physical";
        }
        parts.add("disk " + d.identity().vendor().trim() + " " + d.product().trim() + ", " + size + " (" + geometry
                + ")");
        if (d.provisioning() == Provisioning.THIN) {
            parts.add("thin");
        }
        if (d.removable()) {
            parts.add("removable");
        }
        if (d.readOnly()) {
            parts.add("read-only");
        }
        parts.add(lun.store().toString());
        return String.join(", ", parts);
    }
}
