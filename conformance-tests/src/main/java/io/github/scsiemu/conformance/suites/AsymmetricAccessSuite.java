package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.conformance.Check;
import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.Suite;
import io.github.scsiemu.conformance.UnsupportedFeature;
import io.github.scsiemu.conformance.scsi.Bytes;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.conformance.scsi.Commands;
import io.github.scsiemu.conformance.scsi.PersistentReserve;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asymmetric logical unit access as Linux scsi_dh_alua and multipath-tools use it (pr-alua.md 2.7, 2.8; SPC-4 5.16,
 * 6.37, 6.45, 7.8.6): the path's target port group and relative target port found in VPD page 83h and in REPORT
 * TARGET PORT GROUPS with the extended header; the TEST UNIT READY path checker's view of each path (GOOD on active
 * paths, 04h/0Bh on standby ones, with PERSISTENT RESERVE IN still processed there); and explicit failover with SET
 * TARGET PORT GROUPS to the path's own group, with ASYMMETRIC ACCESS STATE CHANGED to the other nexuses only. A
 * check is unsupported for a target whose logical units report TPGS zero or do not list REPORT TARGET PORT GROUPS
 * (and SET TARGET PORT GROUPS for the failover). Sessions are spread over the target's ports; the checks open
 * sessions until they have seen every target port group they need.
 */
public final class AsymmetricAccessSuite implements Suite {

    private static final int MAINTENANCE_IN = 0xA3;
    private static final int MAINTENANCE_OUT = 0xA4;
    private static final int RTPG = 0x0A;
    private static final int MAX_SESSIONS = 8;
    private static final int TRANSITION_POLLS = 200;

    @Override
    public String name() {
        return "Asymmetric logical unit access: multipath clients (SPC-4 5.16)";
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.of("scsiDhAluaFindsItsTargetPortGroupInVpd83AndRtpg", "SPC-4 5.16.2, 6.37, 7.8.6.6, 7.8.6.7",
                        AsymmetricAccessSuite::discovery),
                Check.of("multipathTurCheckerSeesStandbyPathsAsGhosts", "SPC-4 5.16.2.4, pr-alua.md 2.8",
                        AsymmetricAccessSuite::turChecker),
                Check.of("scsiDhAluaExplicitFailoverWithStpgNotifiesTheOtherNexuses", "SPC-4 6.45, 5.16.2.5",
                        AsymmetricAccessSuite::explicitFailover));
    }

    /** What one path learns: its target port group and relative target port (VPD 83h). */
    record Path(Session session, int group, int relativeTargetPort) {
    }

    private static int tpgs(Session s, Lun lun) {
        Exchange e = Expect.good(s.send(lun, Cdbs.inquiry(false, 0, 36), 36), "standard INQUIRY");
        return (e.data()[5] >> 4) & 0x3;
    }

    private static List<Lun> aluaLuns(CheckContext ctx) {
        List<Lun> luns = new ArrayList<>();
        for (Lun lun : ctx.luns()) {
            Session s = ctx.readySession(lun);
            if (tpgs(s, lun) != 0 && ctx.catalog(s, lun).find(MAINTENANCE_IN, RTPG).isPresent()) {
                luns.add(lun);
            }
        }
        if (luns.isEmpty()) {
            throw new UnsupportedFeature("no logical unit reports TPGS other than zero and lists REPORT TARGET PORT "
                    + "GROUPS");
        }
        return luns;
    }

    /** VPD page 83h: exactly one relative target port and one target port group designator (scsi_dh_alua). */
    private static Path path(Session s, Lun lun) {
        Exchange e = Expect.good(s.send(lun, Cdbs.inquiry(true, 0x83, 1024), 1024), "VPD page 83h");
        byte[] d = e.data();
        List<Integer> ports = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        for (int off = 4; off + 4 <= d.length; off += 4 + (d[off + 3] & 0xFF)) {
            int type = d[off + 1] & 0x0F;
            if (type == 4) {
                ports.add(Bytes.u16(d, off + 6));
            } else if (type == 5) {
                groups.add(Bytes.u16(d, off + 6));
            }
        }
        Expect.that(ports.size() == 1 && groups.size() == 1, e, "SPC-4 7.8.6: a logical unit with TPGS set reports "
                + "exactly one relative target port and one target port group designator (scsi_dh_alua, "
                + "multipath-tools detect_alua); found " + ports + " and " + groups);
        return new Path(s, groups.get(0), ports.get(0));
    }

    /** REPORT TARGET PORT GROUPS, extended header: group id to [state, member RTPIs...]. */
    private static Map<Integer, List<Integer>> rtpg(Session s, Lun lun) {
        byte[] cdb = {(byte) MAINTENANCE_IN, (byte) (0x20 | RTPG), 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0};
        Exchange e = Commands.requireSupported(s.send(lun, cdb, 4096), "REPORT TARGET PORT GROUPS");
        Expect.good(e, "REPORT TARGET PORT GROUPS with the extended header");
        byte[] d = e.data();
        Expect.that(d.length >= 8 && (d[4] & 0x70) == 0x10 && Bytes.u32(d, 0) == d.length - 4, e,
                "SPC-4 6.37: extended header FORMAT TYPE 001b and RETURN DATA LENGTH of the bytes after it");
        Map<Integer, List<Integer>> groups = new HashMap<>();
        for (int off = 8; off + 8 <= d.length; ) {
            List<Integer> entry = new ArrayList<>();
            entry.add(d[off] & 0x0F);
            int count = d[off + 7] & 0xFF;
            for (int i = 0; i < count; i++) {
                entry.add(Bytes.u16(d, off + 8 + 4 * i + 2));
            }
            Expect.that(groups.put(Bytes.u16(d, off + 2), entry) == null, e, "SPC-4 6.37: each target port group "
                    + "is reported once");
            off += 8 + 4 * count;
        }
        return groups;
    }

    /** Sessions until every target port group of the logical unit has a path (or the session budget is spent). */
    private static List<Path> paths(CheckContext ctx, Lun lun) {
        List<Path> paths = new ArrayList<>();
        Map<Integer, List<Integer>> groups = null;
        for (int i = 0; i < MAX_SESSIONS; i++) {
            Path p = path(ctx.readySession(lun), lun);
            paths.add(p);
            groups = rtpg(p.session(), lun);
            if (paths.stream().map(Path::group).distinct().count() == groups.size()) {
                break;
            }
        }
        return paths;
    }

    private static void discovery(CheckContext ctx) {
        for (Lun lun : aluaLuns(ctx)) {
            for (Path p : paths(ctx, lun)) {
                Map<Integer, List<Integer>> groups = rtpg(p.session(), lun);
                List<Integer> own = groups.get(p.group());
                Expect.that(own != null && own.subList(1, own.size()).contains(p.relativeTargetPort()), null,
                        "SPC-4 6.37: REPORT TARGET PORT GROUPS lists the path's group " + p.group()
                                + " with its relative target port " + p.relativeTargetPort() + "; got " + groups);
            }
        }
    }

    private static void turChecker(CheckContext ctx) {
        for (Lun lun : aluaLuns(ctx)) {
            boolean pr = ctx.catalog(ctx.readySession(lun), lun).lists(PersistentReserve.IN);
            for (Path p : paths(ctx, lun)) {
                int state = rtpg(p.session(), lun).get(p.group()).get(0);
                Exchange tur = p.session().send(lun, Cdbs.testUnitReady(), 0);
                switch (state) {
                    case 0x0, 0x1 -> Expect.good(tur, "TEST UNIT READY on an active path (path checker: up)");
                    case 0x2 -> Expect.checkCondition(tur, SenseKey.NOT_READY,
                            AdditionalSense.LOGICAL_UNIT_NOT_READY_TARGET_PORT_IN_STANDBY_STATE,
                            "SPC-4 5.16.2.4.4: TEST UNIT READY on a standby path (path checker: ghost)");
                    case 0x3 -> Expect.checkCondition(tur, SenseKey.NOT_READY,
                            AdditionalSense.LOGICAL_UNIT_NOT_READY_TARGET_PORT_IN_UNAVAILABLE_STATE,
                            "SPC-4 5.16.2.4.5: TEST UNIT READY on an unavailable path");
                    case 0xF -> Expect.checkCondition(tur, SenseKey.NOT_READY,
                            AdditionalSense.LOGICAL_UNIT_NOT_READY_ASYMMETRIC_ACCESS_STATE_TRANSITION,
                            "SPC-4 5.16.2.5: TEST UNIT READY during a transition");
                    default -> ctx.note(lun + ": group " + p.group() + " in state " + state + " not checked");
                }
                if (pr && state == 0x2) {
                    Expect.good(PersistentReserve.in(p.session(), lun, PersistentReserve.READ_KEYS),
                            "SPC-4 5.16.2.4.4: PERSISTENT RESERVE IN is processed on a standby path");
                }
            }
        }
    }

    private static void explicitFailover(CheckContext ctx) {
        for (Lun lun : aluaLuns(ctx)) {
            Session first = ctx.readySession(lun);
            if ((tpgs(first, lun) & 0b10) == 0 || ctx.catalog(first, lun).find(MAINTENANCE_OUT, RTPG).isEmpty()) {
                throw new UnsupportedFeature("explicit asymmetric access (TPGS 10b or 11b and SET TARGET PORT "
                        + "GROUPS) is not supported; an implicit failover needs the target's operator");
            }
            List<Path> paths = paths(ctx, lun);
            Path standby = paths.stream().filter(p -> rtpg(p.session(), lun).get(p.group()).get(0) != 0)
                    .findFirst().orElseThrow(() -> new UnsupportedFeature("every path is active/optimized; a "
                            + "failover needs a path in another state"));
            byte[] cdb = {(byte) MAINTENANCE_OUT, RTPG, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0};
            byte[] list = {0, 0, 0, 0, 0x00, 0, (byte) (standby.group() >> 8), (byte) standby.group()};
            Expect.good(standby.session().send(lun, cdb, list),
                    "scsi_dh_alua: SET TARGET PORT GROUPS of the path's own group to active/optimized");
            int state = -1;
            for (int i = 0; i < TRANSITION_POLLS && state != 0; i++) {
                state = rtpg(standby.session(), lun).get(standby.group()).get(0);
                if (state == 0xF) {
                    sleep();
                }
            }
            Expect.that(state == 0, null, "SPC-4 6.45: the group is active/optimized after the transition; state "
                    + state);
            Exchange own = standby.session().send(lun, Cdbs.testUnitReady(), 0);
            Expect.that(!own.isCheckCondition(SenseKey.UNIT_ATTENTION,
                    AdditionalSense.ASYMMETRIC_ACCESS_STATE_CHANGED), own, "SPC-4 5.16.2.5: no ASYMMETRIC ACCESS "
                            + "STATE CHANGED for the nexus that sent SET TARGET PORT GROUPS");
            for (Path p : paths) {
                if (p.session() != standby.session()) {
                    Expect.checkCondition(p.session().send(lun, Cdbs.testUnitReady(), 0), SenseKey.UNIT_ATTENTION,
                            AdditionalSense.ASYMMETRIC_ACCESS_STATE_CHANGED,
                            "SPC-4 5.16.2.5: every other nexus learns of the explicit change");
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
