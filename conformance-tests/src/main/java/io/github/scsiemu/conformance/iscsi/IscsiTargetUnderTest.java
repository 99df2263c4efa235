package io.github.scsiemu.conformance.iscsi;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.TargetUnderTest;
import io.github.scsiemu.conformance.scsi.Bytes;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.iscsi.initiator.InitiatorSession;
import io.github.scsiemu.iscsi.initiator.LoginOptions;
import io.github.scsiemu.iscsi.text.Keys;
import io.github.scsiemu.sense.SenseKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A SCSI target device reached over iSCSI (RFC 7143) through our initiator: any target that speaks iSCSI (our own
 * {@code IscsiTarget}, tgtd, LIO) runs the same suites as an in-process one. Each {@link #openSession} logs in a new
 * session with the next ISID, so every session is a new I_T nexus (RFC 7143 4.4.1); sessions take the given
 * portals in turn, so a target with one portal per target port group tag is tested through all its target ports.
 *
 * <p>The logical units under test are the LUN of the URL, or else the LUNs that REPORT LUNS (SPC-4 6.33) lists
 * through LUN 0 at connect time, on a session of its own. Each session's {@link Nexus} names the initiator port
 * ({@code name,i,0x<ISID>}) and the target port ({@code name,t,0x<TPGT>}, TPGT from the login, RFC 7143 13.9);
 * the relative target port identifier and target port group come from the Device Identification VPD page
 * (SPC-4 7.8.6) of the first logical unit under test, read once per portal (1 and 0 if the page has none).
 *
 * <p>Each login offers the HeaderDigest and DataDigest values of its URL (RFC 7143 13.1) and authenticates with the
 * URL's CHAP credentials, asking the target to authenticate itself as well when the URL names the target's
 * credentials (mutual CHAP, RFC 7143 12.1.3); a target that cannot prove them fails the login.
 */
public final class IscsiTargetUnderTest implements TargetUnderTest {

    /** The first ISID: type 01b (IANA enterprise number), number 0, qualifier 0 (RFC 7143 10.12.5). */
    private static final long FIRST_ISID = 0x400000000000L;
    /** The ISID of the session that runs REPORT LUNS: qualifier FFFFh, never one of the suites' sessions. */
    private static final long LUN_DISCOVERY_ISID = 0x40000000FFFFL;
    /** Unit attention conditions REPORT LUNS is retried through before giving up (SAM-5 5.14). */
    private static final int MAX_UNIT_ATTENTIONS = 16;
    private static final int REPORT_LUNS_LENGTH = 64 * 1024;

    private final List<IscsiUrl> portals;
    private final List<Lun> luns;
    private final AtomicLong nextIsid = new AtomicLong(FIRST_ISID);
    private final AtomicInteger nextPortal = new AtomicInteger();
    private final Map<Integer, TargetPort> targetPorts = new ConcurrentHashMap<>();

    private IscsiTargetUnderTest(List<IscsiUrl> portals, List<Lun> luns) {
        this.portals = portals;
        this.luns = List.copyOf(luns);
    }

    /**
     * Connects to a target through one or more portals and finds the logical units to test.
     *
     * @param portals the target's portals, at least one; all name the same target (and LUN, if any)
     * @return the target under test
     * @throws UncheckedIOException if the target cannot be reached or refuses the login
     */
    public static IscsiTargetUnderTest connect(List<IscsiUrl> portals) {
        if (portals.isEmpty()) {
            throw new IllegalArgumentException("need at least one iSCSI URL");
        }
        IscsiUrl first = portals.get(0);
        for (IscsiUrl p : portals) {
            if (!p.targetName().equals(first.targetName()) || !p.lun().equals(first.lun())) {
                throw new IllegalArgumentException("every portal must name the same target and LUN: " + first
                        + " and " + p);
            }
        }
        List<IscsiUrl> copy = List.copyOf(portals);
        List<Lun> luns = first.lun().map(List::of).orElseGet(() -> reportLuns(first));
        return new IscsiTargetUnderTest(copy, luns);
    }

    /**
     * Parses iSCSI URLs (see {@link IscsiUrl}) and connects.
     *
     * @param urls one URL per portal
     * @return the target under test
     */
    public static IscsiTargetUnderTest connect(String... urls) {
        return connect(List.of(urls).stream().map(IscsiUrl::parse).toList());
    }

    @Override
    public String description() {
        return "iSCSI target " + portals.get(0).targetName() + " at "
                + portals.stream().map(IscsiUrl::toString).collect(Collectors.joining(", "));
    }

    @Override
    public List<Lun> luns() {
        return luns;
    }

    /** The portals, in the order sessions take them. */
    public List<IscsiUrl> portals() {
        return portals;
    }

    @Override
    public Session openSession(String initiatorName) {
        int index = Math.floorMod(nextPortal.getAndIncrement(), portals.size());
        IscsiUrl portal = portals.get(index);
        long isid = nextIsid.getAndIncrement();
        InitiatorPort initiator = InitiatorPort.iscsi(initiatorName, isid);
        InitiatorSession connection = login(portal, initiatorName, isid);
        TargetPort known = targetPorts.get(index);
        if (known != null) {
            return new IscsiSession(connection, new Nexus(initiator, known));
        }
        String tpgt = connection.loginKeys().get(Keys.TARGET_PORTAL_GROUP_TAG);
        if (tpgt == null || !tpgt.matches("[0-9]{1,5}") || Integer.parseInt(tpgt) > 0xFFFF) {
            IscsiSession.end(connection);
            throw new UncheckedIOException(new IOException("RFC 7143 13.9: the target sent no valid "
                    + "TargetPortalGroupTag in the login of a normal session at " + portal + ": " + tpgt));
        }
        IscsiSession session = new IscsiSession(connection,
                new Nexus(initiator, TargetPort.iscsi(portal.targetName(), Integer.parseInt(tpgt), 1, 0)));
        try {
            TargetPort port = targetPort(session, portal, Integer.parseInt(tpgt));
            targetPorts.putIfAbsent(index, port);
            return new IscsiSession(connection, new Nexus(initiator, port));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static InitiatorSession login(IscsiUrl portal, String initiatorName, long isid) {
        LoginOptions options = LoginOptions.normal(initiatorName, isid, portal.targetName())
                .withDigests(portal.headerDigest(), portal.dataDigest());
        if (portal.chap().isPresent()) {
            options = options.withChap(portal.chap().get());
        }
        if (portal.targetChap().isPresent()) {
            options = options.withMutualChap(portal.targetChap().get());
        }
        try {
            return InitiatorSession.login(portal.portal(), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot log in to " + portal + " as " + initiatorName + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The target port a session reaches: its TPGT, and the RELATIVE TARGET PORT IDENTIFIER and TARGET PORT GROUP
     * designators (SPC-4 7.8.6.5, 7.8.6.6) of the Device Identification VPD page of the first LUN under test.
     */
    private TargetPort targetPort(Session session, IscsiUrl portal, int tpgt) {
        int relativeTargetPort = 1;
        int targetPortGroup = 0;
        ScsiResponse vpd = session.execute(luns.get(0), Cdbs.inquiry(true, 0x83, 1024), ByteBuffer.allocate(0),
                1024);
        if (vpd.status() == Status.GOOD) {
            byte[] d = vpd.dataInBytes();
            for (int off = 4; off + 8 <= d.length; off += 4 + (d[off + 3] & 0xFF)) {
                boolean targetPortAssociation = (d[off + 1] & 0x30) == 0x10;
                int type = d[off + 1] & 0x0F;
                if (targetPortAssociation && type == 4 && Bytes.u16(d, off + 6) != 0) {
                    relativeTargetPort = Bytes.u16(d, off + 6);
                } else if (targetPortAssociation && type == 5) {
                    targetPortGroup = Bytes.u16(d, off + 6);
                }
            }
        }
        return TargetPort.iscsi(portal.targetName(), tpgt, relativeTargetPort, targetPortGroup);
    }

    /** REPORT LUNS (SELECT REPORT 00h) through LUN 0 on a session of its own, logged out afterwards. */
    private static List<Lun> reportLuns(IscsiUrl portal) {
        String initiator = DEFAULT_INITIATOR;
        InitiatorSession connection = login(portal, initiator, LUN_DISCOVERY_ISID);
        try (Session session = new IscsiSession(connection, new Nexus(InitiatorPort.iscsi(initiator,
                LUN_DISCOVERY_ISID), TargetPort.iscsi(portal.targetName(), 0, 1, 0)))) {
            ScsiResponse r = null;
            for (int i = 0; i < MAX_UNIT_ATTENTIONS; i++) {
                r = session.execute(Lun.of(0), Cdbs.reportLuns(0, REPORT_LUNS_LENGTH), ByteBuffer.allocate(0),
                        REPORT_LUNS_LENGTH);
                boolean unitAttention = r.status() == Status.CHECK_CONDITION
                        && r.sense().filter(s -> s.senseKey() == SenseKey.UNIT_ATTENTION).isPresent();
                if (!unitAttention) {
                    break;
                }
            }
            byte[] d = r.dataInBytes();
            if (r.status() != Status.GOOD || d.length < 8) {
                throw new UncheckedIOException(new IOException("REPORT LUNS at " + portal + " ended with status "
                        + r.status() + "; name the LUN in the URL instead (iscsi://host/target/LUN)"));
            }
            List<Lun> found = new ArrayList<>();
            long listLength = Bytes.u32(d, 0);
            for (int off = 8; off + 8 <= d.length && off + 8 <= 8 + listLength; off += 8) {
                found.add(Lun.fromBytes(d, off));
            }
            if (found.isEmpty()) {
                throw new UncheckedIOException(new IOException("REPORT LUNS at " + portal + " lists no LUN"));
            }
            return found;
        }
    }
}
