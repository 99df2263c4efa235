package io.github.scsiemu.conformance.suites;

import static io.github.scsiemu.conformance.scsi.PersistentReserve.CLEAR;
import static io.github.scsiemu.conformance.scsi.PersistentReserve.PREEMPT;
import static io.github.scsiemu.conformance.scsi.PersistentReserve.PREEMPT_AND_ABORT;
import static io.github.scsiemu.conformance.scsi.PersistentReserve.READ_KEYS;
import static io.github.scsiemu.conformance.scsi.PersistentReserve.READ_RESERVATION;
import static io.github.scsiemu.conformance.scsi.PersistentReserve.REGISTER;
import static io.github.scsiemu.conformance.scsi.PersistentReserve.REGISTER_AND_IGNORE_EXISTING_KEY;
import static io.github.scsiemu.conformance.scsi.PersistentReserve.RELEASE;
import static io.github.scsiemu.conformance.scsi.PersistentReserve.RESERVE;
import static io.github.scsiemu.conformance.scsi.PersistentReserve.WRITE_EXCLUSIVE_REGISTRANTS_ONLY;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.conformance.Check;
import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.Suite;
import io.github.scsiemu.conformance.UnsupportedFeature;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.conformance.scsi.Commands;
import io.github.scsiemu.conformance.scsi.PersistentReserve;
import io.github.scsiemu.conformance.scsi.PersistentReserve.Held;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Persistent reservations as real clients use them (pr-alua.md section 3; SPC-4 5.13, 6.15, 6.16): Pacemaker's
 * fence_scsi on/off/status, fence_mpath with several paths of one host sharing a key, the Windows failover cluster
 * validation sequence, and libiscsi's PR tests, each run as (nexus, command, expected result) steps against every
 * logical unit of the target that lists PERSISTENT RESERVE IN and OUT in REPORT SUPPORTED OPERATION CODES (a check
 * is unsupported when none does), so tape and changer logical units join by being listed. Data-path probes: a
 * zero-length READ(10)/WRITE(10) on a direct-access logical unit (SBC-4 table 13 classes, no data moved); on other
 * device types the write probe is MODE SELECT(6) with an empty parameter list (SPC-4 table 65). A probe through a
 * path whose asymmetric access state refuses it (NOT READY, 04h/0Ah-0Ch) tells nothing about reservations and is
 * only noted, since the order of the ALUA and reservation checks is the target's choice. Each check leaves
 * the logical unit without registrations (CLEAR) so it can run against a shared target.
 */
public final class PersistentReservationSuite implements Suite {

    private static final long KA = 0x5343534900000001L;
    private static final long KB = 0x5343534900000002L;
    private static final long KH = 0x5343534900000003L;
    private static final int[] TYPES = {1, 3, 5, 6, 7, 8};

    @Override
    public String name() {
        return "Persistent reservations: client sequences (SPC-4 5.13)";
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.of("fenceScsiUnfencesFencesAndReportsStatus", "SPC-4 5.13.7-5.13.11, pr-alua.md 3.1",
                        PersistentReservationSuite::fenceScsi),
                Check.of("fenceMpathPathsOfOneHostShareAKeyAndPreemptThemselves",
                        "SPC-4 5.13.1, 5.13.11.2.4.3, pr-alua.md 3.2", PersistentReservationSuite::fenceMpath),
                Check.of("windowsClusterValidationSequencePasses", "SPC-4 5.13, pr-alua.md 3.3",
                        PersistentReservationSuite::windowsValidation),
                Check.of("libiscsiProutRegisterAndReserveOwnershipLeaveNoUnitAttentionOnTheIssuer",
                        "SPC-4 5.13.7, 5.13.11.2.3, pr-alua.md 3.7", PersistentReservationSuite::libiscsiOwnership),
                Check.of("libiscsiClearAndPreemptIncrementPrGenerationOnce", "SPC-4 6.15.2, 5.13.11.2.5-7",
                        PersistentReservationSuite::libiscsiGeneration),
                Check.of("libiscsiPrinServiceActionRangeAndTruncation", "SPC-4 6.15.1, 6.15.2",
                        PersistentReservationSuite::libiscsiPrin));
    }

    /** The logical units that list PERSISTENT RESERVE IN and OUT. */
    static List<Lun> prLuns(CheckContext ctx) {
        List<Lun> luns = new ArrayList<>();
        for (Lun lun : ctx.luns()) {
            var catalog = ctx.catalog(ctx.readySession(lun), lun);
            if (catalog.lists(PersistentReserve.IN) && catalog.lists(PersistentReserve.OUT)) {
                luns.add(lun);
            }
        }
        if (luns.isEmpty()) {
            throw new UnsupportedFeature("no logical unit lists PERSISTENT RESERVE IN and OUT in REPORT SUPPORTED "
                    + "OPERATION CODES");
        }
        return luns;
    }

    // ---- steps -------------------------------------------------------------------------------------------------

    private static Exchange good(Exchange e, String what) {
        return Expect.good(e, what);
    }

    private static void conflict(Exchange e, String what) {
        Expect.that(e.status() == Status.RESERVATION_CONFLICT && e.response().sense().isEmpty(), e,
                what + ": expected RESERVATION CONFLICT without sense data");
    }

    private static Exchange out(Session s, Lun lun, int sa, int type, long rk, long sark) {
        return PersistentReserve.out(s, lun, sa, type, rk, sark);
    }

    private static List<Long> readKeys(Session s, Lun lun) {
        return PersistentReserve.keys(good(PersistentReserve.in(s, lun, READ_KEYS), "READ KEYS").data());
    }

    private static long generation(Session s, Lun lun) {
        return PersistentReserve.generation(good(PersistentReserve.in(s, lun, READ_KEYS), "READ KEYS").data());
    }

    private static Optional<Held> readReservation(Session s, Lun lun) {
        return PersistentReserve.reservation(good(PersistentReserve.in(s, lun, READ_RESERVATION),
                "READ RESERVATION").data());
    }

    private static void expectReservation(Session s, Lun lun, long key, int type, String what) {
        Optional<Held> held = readReservation(s, lun);
        Expect.that(held.equals(Optional.of(new Held(key, 0, type))), null, what + ": READ RESERVATION must show key "
                + Long.toHexString(key) + ", LU_SCOPE, type " + type + "; got " + held);
    }

    private static void expectKeys(Session s, Lun lun, List<Long> expected, String what) {
        List<Long> keys = readKeys(s, lun);
        Expect.that(keys.stream().sorted().toList().equals(expected.stream().sorted().toList()), null, what
                + ": READ KEYS must report " + hex(expected) + "; got " + hex(keys));
    }

    private static String hex(List<Long> keys) {
        return keys.stream().map(Long::toHexString).toList().toString();
    }

    private static void unitAttention(Session s, Lun lun, AdditionalSense condition, String what) {
        Expect.checkCondition(s.send(lun, Cdbs.testUnitReady(), 0), SenseKey.UNIT_ATTENTION, condition, what);
        Commands.clearUnitAttentions(s, lun);
    }

    private static void noUnitAttention(Session s, Lun lun, String what) {
        Exchange e = s.send(lun, Cdbs.testUnitReady(), 0);
        Expect.that(!e.isCheckCondition(SenseKey.UNIT_ATTENTION), e, what + ": no unit attention may be pending");
    }

    private static boolean directAccess(Session s, Lun lun) {
        Exchange e = good(s.send(lun, Cdbs.inquiry(false, 0, 36), 36), "INQUIRY");
        return (e.data()[0] & 0x1F) == 0x00;
    }

    /** A write-class command that moves no data: WRITE(10) of no blocks, or MODE SELECT(6) of nothing. */
    private static Exchange writeProbe(Session s, Lun lun) {
        return directAccess(s, lun) ? s.send(lun, new byte[] {0x2A, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new byte[0])
                : s.send(lun, new byte[] {0x15, 0x10, 0, 0, 0, 0}, new byte[0]);
    }

    /** A read-class command that moves no data, on a direct-access logical unit. */
    private static Optional<Exchange> readProbe(Session s, Lun lun) {
        return directAccess(s, lun) ? Optional.of(s.send(lun, Cdbs.read10(0, 0), 0)) : Optional.empty();
    }

    /** Whether the probe was refused by the path's asymmetric access state rather than judged (SPC-4 5.16.2.4). */
    private static boolean refusedByAccessState(CheckContext ctx, Exchange e) {
        boolean refused = e.isCheckCondition(SenseKey.NOT_READY) && e.sense().filter(d ->
                d.additionalSense().asc() == 0x04 && d.additionalSense().ascq() >= 0x0A
                        && d.additionalSense().ascq() <= 0x0C).isPresent();
        if (refused) {
            ctx.note("a data probe on " + e.nexus() + " was refused by the asymmetric access state");
        }
        return refused;
    }

    private static void cleanUp(Session s, Lun lun, long key) {
        Commands.clearUnitAttentions(s, lun);
        good(out(s, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, key), "clean-up: REGISTER AND IGNORE EXISTING KEY");
        good(out(s, lun, CLEAR, 0, key, 0), "clean-up: CLEAR");
    }

    // ---- scenarios ---------------------------------------------------------------------------------------------

    /** pr-alua.md 3.1: unfence node A, fence it from host H with PREEMPT AND ABORT, status by READ KEYS. */
    private static void fenceScsi(CheckContext ctx) {
        for (Lun lun : prLuns(ctx)) {
            Session a = ctx.readySession(lun);
            Session h = ctx.readySession(lun);
            // on: TUR, READ KEYS, REGISTER AND IGNORE EXISTING KEY, READ KEYS, READ RESERVATION, RESERVE
            Commands.clearUnitAttentions(a, lun);
            readKeys(a, lun);
            good(out(a, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KA),
                    "fence_scsi on: REGISTER AND IGNORE EXISTING KEY must never conflict");
            expectKeys(a, lun, List.of(KA), "fence_scsi on");
            Expect.that(readReservation(a, lun).isEmpty(), null, "a fresh logical unit has no reservation");
            good(out(a, lun, RESERVE, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, KA, 0), "fence_scsi on: RESERVE type 5");
            expectReservation(a, lun, KA, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, "fence_scsi on");
            // off, from H: register, see the victim's key, preempt and abort it
            good(out(h, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KH), "fence_scsi off: register the host");
            expectKeys(h, lun, List.of(KA, KH), "fence_scsi off: the victim's key is present");
            good(out(h, lun, PREEMPT_AND_ABORT, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, KH, KA),
                    "fence_scsi off: PREEMPT AND ABORT of the victim's key");
            expectKeys(h, lun, List.of(KH), "fence_scsi off: verify");
            expectReservation(h, lun, KH, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, "fence_scsi off: verify");
            noUnitAttention(h, lun, "SPC-4 5.13.11.2.4.3: the preempting nexus gets no unit attention");
            unitAttention(a, lun, AdditionalSense.REGISTRATIONS_PREEMPTED,
                    "SPC-4 5.13.11.2.4.3: the fenced nexus lost its registration and reservation");
            Exchange fencedWrite = writeProbe(a, lun);
            if (!refusedByAccessState(ctx, fencedWrite)) {
                conflict(fencedWrite, "SPC-4 table 65/SBC-4 table 13: a fenced node cannot write under Write "
                        + "Exclusive - Registrants Only");
            }
            readProbe(a, lun).filter(e -> !refusedByAccessState(ctx, e))
                    .ifPresent(e -> good(e, "a fenced node may still read under Write Exclusive"));
            Exchange holderWrite = writeProbe(h, lun);
            if (!refusedByAccessState(ctx, holderWrite)) {
                good(holderWrite, "the new holder writes");
            }
            // status / watchdog from the fenced node
            expectKeys(a, lun, List.of(KH), "fence_scsi status from the fenced node: its key is gone");
            cleanUp(h, lun, KH);
        }
    }

    /** pr-alua.md 3.2: two paths of host A with one key; RESERVE path by path, RELEASE everywhere, preempt-self. */
    private static void fenceMpath(CheckContext ctx) {
        for (Lun lun : prLuns(ctx)) {
            Session p1 = ctx.openSession("iqn.2026-01.io.github.scsiemu:host-a");
            Session p2 = ctx.openSession("iqn.2026-01.io.github.scsiemu:host-a");
            Commands.clearUnitAttentions(p1, lun);
            Commands.clearUnitAttentions(p2, lun);
            good(out(p1, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KA), "mpathpersist --register on path 1");
            good(out(p2, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KA), "mpathpersist --register on path 2");
            expectKeys(p1, lun, List.of(KA, KA), "SPC-4 5.13.1: a key registered on two nexuses is reported twice");
            good(out(p1, lun, RESERVE, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, KA, 0), "RESERVE on path 1");
            conflict(out(p2, lun, RESERVE, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, KA, 0),
                    "SPC-4 table 66: RESERVE from a registered non-holder path conflicts (mpathpersist skips it)");
            expectReservation(p2, lun, KA, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, "exactly one path holds");
            good(out(p2, lun, RELEASE, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, KA, 0),
                    "SPC-4 5.13.11.2.2: RELEASE from a registered non-holder is GOOD");
            expectReservation(p2, lun, KA, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, "a non-holder's RELEASE releases nothing");
            good(out(p2, lun, PREEMPT, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, KA, KA),
                    "preempt-self: PREEMPT with the holder's key from the other path");
            expectKeys(p2, lun, List.of(KA), "SPC-4 5.13.11.2.4.3: the other nexuses with the key are removed, the "
                    + "issuer's registration is kept");
            expectReservation(p2, lun, KA, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, "path 2 now holds");
            unitAttention(p1, lun, AdditionalSense.REGISTRATIONS_PREEMPTED, "path 1 lost its registration");
            Exchange unregisteredWrite = writeProbe(p1, lun);
            if (!refusedByAccessState(ctx, unregisteredWrite)) {
                conflict(unregisteredWrite, "the unregistered path 1 cannot write");
            }
            good(out(p2, lun, RELEASE, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, KA, 0), "RELEASE by the holder path");
            Expect.that(readReservation(p2, lun).isEmpty(), null, "RELEASE by the holder releases");
            good(out(p1, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KA), "re-register path 1");
            good(out(p1, lun, REGISTER, 0, KA, 0), "unregister path 1");
            good(out(p2, lun, REGISTER, 0, KA, 0), "unregister path 2");
            expectKeys(p1, lun, List.of(), "every path unregistered");
        }
    }

    /** pr-alua.md 3.3: Validate SCSI-3 Persistent Reservation, node A then node B. */
    private static void windowsValidation(CheckContext ctx) {
        for (Lun lun : prLuns(ctx)) {
            Session a = ctx.readySession(lun);
            Session b = ctx.readySession(lun);
            good(out(a, lun, REGISTER, 0, 0, KA), "1. registering PR key from node A");
            good(out(a, lun, RESERVE, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, KA, 0), "2. putting PR reserve from node A");
            expectKeys(a, lun, List.of(KA), "3. reading PR from node A");
            expectReservation(a, lun, KA, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, "3. reading PR from node A");
            conflict(out(b, lun, PREEMPT, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, KB, KA),
                    "4. preempt from unregistered node B, expecting to fail");
            good(out(b, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KB), "5. registering PR key from node B");
            conflict(out(b, lun, RESERVE, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, KB, 0),
                    "6. reserve from registered non-holder node B");
            good(out(b, lun, PREEMPT, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, KB, KA), "7. preempt from node B");
            expectReservation(b, lun, KB, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, "8. reading PR from node B");
            expectKeys(b, lun, List.of(KB), "8. reading PR from node B");
            unitAttention(a, lun, AdditionalSense.REGISTRATIONS_PREEMPTED, "node A was preempted");
            good(out(b, lun, RELEASE, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, KB, 0), "9. release from node B");
            good(out(b, lun, REGISTER, 0, KB, 0), "9. unregister node B");
            conflict(out(a, lun, REGISTER, 0, KA, 0), "9. the preempted node A's REGISTER with its old key");
            good(out(a, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, 0), "9. node A cleans up with R&I");
            expectKeys(a, lun, List.of(), "after clean-up");
        }
    }

    /** libiscsi ProutRegister.Simple and ProutReserve.Ownership for the six types. */
    private static void libiscsiOwnership(CheckContext ctx) {
        for (Lun lun : prLuns(ctx)) {
            Session n1 = ctx.readySession(lun);
            Session n2 = ctx.readySession(lun);
            good(out(n1, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KA), "ProutRegister.Simple 1");
            expectKeys(n1, lun, List.of(KA), "ProutRegister.Simple 2");
            conflict(out(n1, lun, REGISTER, 0, 0, KA + 1), "ProutRegister.Simple 3: re-register with a wrong key");
            good(out(n1, lun, REGISTER, 0, KA, 0), "ProutRegister.Simple 4");
            expectKeys(n1, lun, List.of(), "ProutRegister.Simple 5");
            for (int type : TYPES) {
                boolean allRegistrants = type == 7 || type == 8;
                String t = "ProutReserve.Ownership type " + type + ": ";
                Commands.clearUnitAttentions(n1, lun);
                Commands.clearUnitAttentions(n2, lun);
                good(out(n1, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KA), t + "register n1");
                good(out(n2, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KB), t + "register n2");
                good(out(n1, lun, RESERVE, type, KA, 0), t + "reserve");
                expectReservation(n1, lun, allRegistrants ? 0 : KA, type, t + "reservation");
                good(out(n1, lun, REGISTER, 0, KA, 0), t + "the holder unregisters");
                Exchange e = PersistentReserve.in(n1, lun, READ_RESERVATION);
                good(e, t + "SPC-4 5.13.11.2.3: no unit attention for the unregistering nexus; READ RESERVATION");
                Optional<Held> held = PersistentReserve.reservation(e.data());
                Expect.that(allRegistrants ? held.equals(Optional.of(new Held(0, 0, type))) : held.isEmpty(), e,
                        t + "SPC-4 table 71: an all-registrants reservation stays while registrants remain; others "
                                + "are released with their holder");
                Exchange n2Next = n2.send(lun, Cdbs.testUnitReady(), 0);
                boolean released = n2Next.isCheckCondition(SenseKey.UNIT_ATTENTION,
                        AdditionalSense.RESERVATIONS_RELEASED);
                Expect.that(released == (type == 5 || type == 6), n2Next, t + "SPC-4 5.13.11.2.3: RESERVATIONS "
                        + "RELEASED to the other registrants exactly for the registrants-only types");
                Commands.clearUnitAttentions(n2, lun);
                if (allRegistrants) {
                    good(out(n2, lun, RELEASE, type, KB, 0), t + "n2 releases");
                }
                good(out(n2, lun, REGISTER, 0, KB, 0), t + "n2 unregisters");
            }
        }
    }

    /** libiscsi ProutClear.Simple and ProutPreempt.RemoveRegistration. */
    private static void libiscsiGeneration(CheckContext ctx) {
        for (Lun lun : prLuns(ctx)) {
            Session n1 = ctx.readySession(lun);
            Session n2 = ctx.readySession(lun);
            good(out(n1, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KA), "ProutClear.Simple register");
            good(out(n1, lun, RESERVE, 1, KA, 0), "ProutClear.Simple reserve");
            long g = generation(n1, lun);
            good(out(n1, lun, CLEAR, 0, KA, 0), "ProutClear.Simple CLEAR");
            Expect.that(readReservation(n1, lun).isEmpty(), null, "SPC-4 5.13.11.2.7: CLEAR releases");
            Expect.that(readKeys(n1, lun).isEmpty() && generation(n1, lun) == ((g + 1) & 0xFFFF_FFFFL), null,
                    "SPC-4 5.13.11.2.7, 6.15.2: CLEAR removes every key and increments PRgeneration once");
            good(out(n1, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KA), "ProutPreempt.RemoveRegistration 1");
            good(out(n2, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KB), "ProutPreempt.RemoveRegistration 2");
            g = generation(n2, lun);
            good(out(n2, lun, PREEMPT, 3, KB, KA), "SPC-4 5.13.11.2.5: PREEMPT without a reservation removes "
                    + "registrations");
            unitAttention(n1, lun, AdditionalSense.REGISTRATIONS_PREEMPTED, "the removed nexus");
            expectKeys(n2, lun, List.of(KB), "ProutPreempt.RemoveRegistration");
            Expect.that(generation(n2, lun) == ((g + 1) & 0xFFFF_FFFFL), null,
                    "SPC-4 6.15.2: PREEMPT increments PRgeneration once");
            good(out(n2, lun, REGISTER, 0, KB, 0), "clean-up");
        }
    }

    /** libiscsi PrinServiceactionRange.Range and PrinReadKeys.Truncate. */
    private static void libiscsiPrin(CheckContext ctx) {
        for (Lun lun : prLuns(ctx)) {
            Session n1 = ctx.readySession(lun);
            Session n2 = ctx.readySession(lun);
            for (int sa = 0; sa <= 0x1F; sa++) {
                Exchange e = n1.send(lun, PersistentReserve.inCdb(sa, 1024), 1024);
                if (sa <= 3) {
                    good(e, "PERSISTENT RESERVE IN service action " + sa);
                } else {
                    Expect.checkCondition(e, SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB,
                            "SPC-4 6.15.1: reserved PERSISTENT RESERVE IN service action " + sa);
                }
            }
            good(out(n1, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KA), "register n1");
            good(out(n2, lun, REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, KB), "register n2");
            Exchange e = good(n1.send(lun, PersistentReserve.inCdb(READ_KEYS, 8), 8), "READ KEYS, allocation 8");
            Expect.that(e.data().length == 8 && io.github.scsiemu.conformance.scsi.Bytes.u32(e.data(), 4) == 16, e,
                    "SPC-4 6.15.2: ADDITIONAL LENGTH reports all keys whatever the allocation length");
            cleanUp(n1, lun, KA);
        }
    }
}
