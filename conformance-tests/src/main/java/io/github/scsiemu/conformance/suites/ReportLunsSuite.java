package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.conformance.Check;
import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.Suite;
import io.github.scsiemu.conformance.scsi.Allocation;
import io.github.scsiemu.conformance.scsi.Bytes;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.conformance.scsi.Commands;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * REPORT LUNS (SPC-4 6.33): a well-formed LUN list that names the logical units under test, truncation to the
 * allocation length, and the handling of allocation lengths below 16.
 */
public final class ReportLunsSuite implements Suite {

    private static final int FULL = 65536;

    @Override
    public String name() {
        return "REPORT LUNS";
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.of("lunListIsWellFormedAndNamesTheLogicalUnitsUnderTest", "SPC-4 6.33",
                        ReportLunsSuite::wellFormed),
                Check.of("reportLunsIsTruncatedToTheAllocationLength", "SPC-4 6.33, 4.2.5.6",
                        ReportLunsSuite::truncation),
                Check.of("anAllocationLengthBelowSixteenIsRejectedOrTruncated", "SPC-4 6.33",
                        ReportLunsSuite::belowSixteen));
    }

    private static Exchange reportLuns(Session session, Lun lun, long allocation, int buffer) {
        return Commands.requireSupported(Commands.send(session, lun, Cdbs.reportLuns(0, allocation), buffer),
                "REPORT LUNS");
    }

    private static byte[] fullList(Session session, Lun lun) {
        return Expect.good(reportLuns(session, lun, FULL, FULL), "REPORT LUNS").data();
    }

    private static void wellFormed(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            Exchange e = Expect.good(reportLuns(session, lun, FULL, FULL), "REPORT LUNS");
            byte[] d = e.data();
            Expect.that(d.length >= 8, e, "SPC-4 6.33: the parameter data starts with an eight-byte header");
            long listLength = Bytes.u32(d, 0);
            Expect.that(listLength % 8 == 0, e, "SPC-4 6.33: LUN LIST LENGTH must be a multiple of 8");
            Expect.that(d.length == Math.min(FULL, 8 + listLength), e, "SPC-4 6.33: LUN LIST LENGTH (" + listLength
                    + ") must give the length of the list that follows the header");
            Set<Lun> listed = new HashSet<>();
            for (int i = 8; i + 8 <= d.length; i += 8) {
                Lun listedLun = Lun.fromBytes(d, i);
                Expect.that(listed.add(listedLun), e, "SPC-4 6.33: " + listedLun + " is listed twice");
            }
            for (Lun tested : ctx.luns()) {
                Expect.that(listed.contains(tested), e, "SPC-4 6.33: the logical unit inventory must include "
                        + tested + ", which answers commands");
            }
            ctx.note(lun + ": " + listed.size() + " LUNs listed");
        }
    }

    private static void truncation(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            byte[] full = fullList(session, lun);
            ctx.forAll("reportLunsIsAPrefixOfTheFullListWithTheRightResidual",
                    Gens.pairs(Gens.integers(16, 300), Gens.integers(0, 300)), 200,
                    p -> Allocation.checkTruncation(reportLuns(session, lun, p.first(), p.second()), full,
                            p.first(), "REPORT LUNS"));
        }
    }

    /**
     * SPC-3 6.21 required an allocation length of at least 16 and rejection below it; SPC-4 6.33 keeps "should be
     * at least 16" and permits devices to reject a smaller one. Either outcome conforms: INVALID FIELD IN CDB at
     * the ALLOCATION LENGTH field, or truncation.
     */
    private static void belowSixteen(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            byte[] full = fullList(session, lun);
            int[] rejected = {0};
            ctx.forAll("anAllocationLengthBelowSixteenIsRejectedAtTheFieldOrTruncated", Gens.integers(0, 15), 32,
                    allocation -> {
                        Exchange e = reportLuns(session, lun, allocation, 16);
                        if (e.isCheckCondition(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB)) {
                            Expect.invalidFieldInCdb(e, 6, OptionalInt.empty(),
                                    "REPORT LUNS with allocation length " + allocation);
                            rejected[0]++;
                        } else {
                            Allocation.checkTruncation(e, full, allocation, "REPORT LUNS");
                        }
                    });
            ctx.note(lun + (rejected[0] > 0 ? ": rejects" : ": truncates") + " allocation lengths below 16");
        }
    }
}
