package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.conformance.Check;
import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.Suite;
import io.github.scsiemu.conformance.UnsupportedFeature;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.DecodedSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseDecoder;
import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.sense.SenseKey;
import java.util.List;

/**
 * TEST UNIT READY (SPC-4 6.47), REQUEST SENSE (SPC-4 6.39) and unit attention conditions (SAM-5 5.14): a new I_T
 * nexus has a reset unit attention (ASC 29h) pending, reported once to the first command that does not pass unit
 * attentions, not consumed by INQUIRY or REPORT LUNS, returned and cleared by REQUEST SENSE with GOOD status, and
 * kept separately for each nexus.
 *
 * <p>SAM-5 lets a device server report the most specific reset it knows, so any ASCQ of ASC 29h is accepted; the
 * report notes which one the target used.
 */
public final class UnitAttentionSuite implements Suite {

    private static final int RESET_ASC = 0x29;
    private static final int SENSE_LENGTH = 252;

    @Override
    public String name() {
        return "TEST UNIT READY, REQUEST SENSE and unit attentions";
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.of("aNewNexusReportsAResetUnitAttentionOnce", "SAM-5 5.14, SPC-4 6.47",
                        UnitAttentionSuite::reportedOnce),
                Check.of("inquiryAndReportLunsDoNotConsumeAUnitAttention", "SAM-5 5.14, SPC-4 6.6, 6.33",
                        UnitAttentionSuite::notConsumed),
                Check.of("requestSenseReturnsAndClearsAUnitAttentionWithGoodStatus", "SPC-4 6.39, SAM-5 5.14",
                        UnitAttentionSuite::requestSenseClears),
                Check.of("requestSenseWithDescReturnsDescriptorFormat", "SPC-4 6.39, 4.5.2",
                        UnitAttentionSuite::descriptorFormat),
                Check.of("requestSenseWithNothingPendingReportsNoSense", "SPC-4 6.39",
                        UnitAttentionSuite::nothingPending),
                Check.of("eachNexusHasItsOwnUnitAttention", "SAM-5 5.14", UnitAttentionSuite::perNexus));
    }

    private static SenseData resetUnitAttention(Exchange e, String what) {
        Expect.that(e.isCheckCondition(SenseKey.UNIT_ATTENTION)
                && e.sense().orElseThrow().additionalSense().asc() == RESET_ASC, e, what
                + ": expected CHECK CONDITION, UNIT ATTENTION, ASC 29h (POWER ON, RESET, OR BUS DEVICE RESET "
                + "OCCURRED or a more specific reset) for a nexus that has not seen one");
        return e.sense().orElseThrow();
    }

    /** After the unit attention: GOOD, or NOT READY for a logical unit that is legitimately not ready. */
    private static void noUnitAttention(Exchange e, String what) {
        Expect.that(e.isGood() || e.isCheckCondition(SenseKey.NOT_READY), e, what
                + ": a unit attention is reported once; expected GOOD (or NOT READY for a unit that is not ready)");
    }

    private static Exchange tur(Session s, Lun lun) {
        return s.send(lun, Cdbs.testUnitReady(), 0);
    }

    private static void reportedOnce(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.openSession();
            SenseData ua = resetUnitAttention(tur(session, lun), "first TEST UNIT READY of a new nexus");
            noUnitAttention(tur(session, lun), "second TEST UNIT READY");
            ctx.note(lun + ": new nexus reports " + ua.additionalSense());
        }
    }

    private static void notConsumed(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.openSession();
            Expect.good(session.send(lun, Cdbs.inquiry(false, 0, 96), 96), "INQUIRY with a unit attention pending "
                    + "(SAM-5 5.14: INQUIRY is not affected)");
            Expect.good(session.send(lun, Cdbs.reportLuns(0, 4096), 4096), "REPORT LUNS with a unit attention "
                    + "pending (SAM-5 5.14: REPORT LUNS is not affected)");
            resetUnitAttention(tur(session, lun), "TEST UNIT READY after INQUIRY and REPORT LUNS");
        }
    }

    private static void requestSenseClears(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.openSession();
            Exchange e = Expect.good(session.send(lun, Cdbs.requestSense(false, SENSE_LENGTH), SENSE_LENGTH),
                    "SPC-4 6.39: REQUEST SENSE returns the unit attention as parameter data with GOOD status");
            SenseData reported = senseData(e, SenseFormat.FIXED);
            Expect.that(reported.senseKey() == SenseKey.UNIT_ATTENTION && reported.additionalSense().asc()
                    == RESET_ASC, e, "SPC-4 6.39: REQUEST SENSE of a new nexus must return the pending reset unit "
                            + "attention");
            noUnitAttention(tur(session, lun), "SPC-4 6.39: REQUEST SENSE clears the unit attention it reports; "
                    + "TEST UNIT READY after it");
        }
    }

    private static void descriptorFormat(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.openSession();
            Exchange e = session.send(lun, Cdbs.requestSense(true, SENSE_LENGTH), SENSE_LENGTH);
            if (e.isCheckCondition(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB)) {
                throw new UnsupportedFeature("REQUEST SENSE with DESC=1: descriptor format sense data is not "
                        + "supported (INVALID FIELD IN CDB, as SPC-4 6.39 requires then)");
            }
            Expect.good(e, "REQUEST SENSE with DESC=1");
            SenseData reported = senseData(e, SenseFormat.DESCRIPTOR);
            Expect.that(reported.senseKey() == SenseKey.UNIT_ATTENTION
                    && reported.additionalSense().asc() == RESET_ASC, e,
                    "SPC-4 6.39: REQUEST SENSE with DESC=1 must return the pending reset unit attention");
        }
    }

    private static void nothingPending(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            if (tur(session, lun).isCheckCondition(SenseKey.NOT_READY)) {
                ctx.note(lun + ": not ready, so REQUEST SENSE reports why instead of NO SENSE");
                continue;
            }
            Exchange e = Expect.good(session.send(lun, Cdbs.requestSense(false, SENSE_LENGTH), SENSE_LENGTH),
                    "REQUEST SENSE with nothing pending");
            SenseData reported = senseData(e, SenseFormat.FIXED);
            Expect.that(reported.senseKey() == SenseKey.NO_SENSE && reported.additionalSense()
                    .equals(AdditionalSense.NO_ADDITIONAL_SENSE_INFORMATION), e, "SPC-4 6.39: with no condition to "
                            + "report, REQUEST SENSE returns NO SENSE, NO ADDITIONAL SENSE INFORMATION");
        }
    }

    private static void perNexus(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session first = ctx.openSession();
            Session second = ctx.openSession();
            resetUnitAttention(tur(first, lun), "first TEST UNIT READY on nexus " + first.nexus());
            noUnitAttention(tur(first, lun), "second TEST UNIT READY on nexus " + first.nexus());
            resetUnitAttention(tur(second, lun), "first TEST UNIT READY on another nexus " + second.nexus()
                    + " after the first nexus consumed its own");
            noUnitAttention(tur(first, lun), "TEST UNIT READY on the first nexus after the second consumed its own");
        }
    }

    private static SenseData senseData(Exchange e, SenseFormat expected) {
        DecodedSense decoded = SenseDecoder.decode(e.data());
        Expect.that(decoded instanceof DecodedSense.Valid valid && valid.format() == expected, e,
                "SPC-4 6.39, 4.5: REQUEST SENSE parameter data must be " + (expected == SenseFormat.FIXED
                        ? "fixed format (70h)" : "descriptor format (72h)") + " sense data");
        return ((DecodedSense.Valid) decoded).data();
    }
}
