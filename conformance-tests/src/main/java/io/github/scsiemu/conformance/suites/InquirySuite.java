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
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * INQUIRY (SPC-4 6.6) and vital product data (SPC-4 7.8): the standard data's fields, the allocation length law
 * for standard data and every VPD page, the Supported VPD Pages page, rejection of a page code without EVPD and of
 * unsupported pages, and a logical unit designator in the Device Identification page.
 */
public final class InquirySuite implements Suite {

    private static final int FULL = 0xFFFF;

    @Override
    public String name() {
        return "INQUIRY and vital product data";
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.of("standardInquiryDataFieldsAreValid", "SPC-4 6.6.2", InquirySuite::standardFields),
                Check.of("standardInquiryDataIsTruncatedToTheAllocationLength", "SPC-4 6.6.1, 4.2.5.6",
                        InquirySuite::standardAllocation),
                Check.of("supportedVpdPagesAreListedInAscendingOrder", "SPC-4 7.8.14", InquirySuite::supportedPages),
                Check.of("everyListedVpdPageIsReturnedWithItsPageCodeAndLength", "SPC-4 7.8.1, 4.2.5.6",
                        InquirySuite::everyPage),
                Check.of("vpdPagesAreTruncatedToTheAllocationLength", "SPC-4 7.8.1, 4.2.5.6",
                        InquirySuite::pageAllocation),
                Check.of("aPageCodeWithoutEvpdIsAnInvalidFieldInCdb", "SPC-4 6.6.1", InquirySuite::pageWithoutEvpd),
                Check.of("anUnsupportedVpdPageIsAnInvalidFieldInCdb", "SPC-4 6.6.1", InquirySuite::unsupportedPage),
                Check.of("deviceIdentificationNamesTheLogicalUnit", "SPC-4 7.8.6", InquirySuite::deviceIdentification));
    }

    static Exchange inquiry(Session session, Lun lun, boolean evpd, int page, int allocation) {
        return Commands.requireSupported(Commands.send(session, lun, Cdbs.inquiry(evpd, page, allocation),
                allocation), "INQUIRY");
    }

    private static byte[] standardData(Session session, Lun lun) {
        return Expect.good(inquiry(session, lun, false, 0, FULL), "standard INQUIRY").data();
    }

    private static void standardFields(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            Exchange e = Expect.good(inquiry(session, lun, false, 0, FULL), "standard INQUIRY");
            byte[] d = e.data();
            Expect.that(d.length >= 36, e, "SPC-4 6.6.2: standard INQUIRY data is at least 36 bytes");
            Expect.that((d[0] & 0xE0) == 0, e, "SPC-4 6.6.2: PERIPHERAL QUALIFIER must be 000b for a logical unit "
                    + "the target reports in its inventory");
            int version = d[2] & 0xFF;
            Expect.that(version == 0 || (version >= 3 && version <= 7), e, String.format("SPC-4 6.6.2: VERSION "
                    + "%02Xh is not a defined value (00h, or 03h SPC to 07h SPC-5)", version));
            Expect.that((d[3] & 0x0F) == 2, e, "SPC-4 6.6.2: RESPONSE DATA FORMAT must be 2");
            int additional = d[4] & 0xFF;
            Expect.that(d.length == Math.min(FULL, additional + 5), e, "SPC-4 6.6.2: ADDITIONAL LENGTH ("
                    + additional + ") must give the length of the data after byte 4; " + d.length + " bytes came back");
            Expect.that(printable(d, 8, 36), e, "SPC-4 6.6.2, 4.4.1: T10 VENDOR IDENTIFICATION, PRODUCT "
                    + "IDENTIFICATION and PRODUCT REVISION LEVEL must be printable ASCII (20h-7Eh)");
            ctx.note(lun + String.format(": PDT %02Xh, VERSION %02Xh, %d bytes", d[0] & 0x1F, version, d.length));
        }
    }

    private static boolean printable(byte[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            if (d[i] < 0x20 || d[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static void standardAllocation(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            byte[] full = standardData(session, lun);
            ctx.forAll("standardInquiryIsAPrefixOfTheFullDataWithTheRightResidual",
                    Gens.pairs(Gens.integers(0, 300), Gens.integers(0, 300)), 200, p -> Allocation.checkTruncation(
                            Commands.send(session, lun, Cdbs.inquiry(false, 0, p.first()), p.second()),
                            full, p.first(), "standard INQUIRY"));
        }
    }

    /** The page list of the Supported VPD Pages page. */
    static List<Integer> supportedPages(Session session, Lun lun) {
        Exchange e = Expect.good(inquiry(session, lun, true, 0x00, FULL), "INQUIRY, Supported VPD Pages");
        byte[] d = e.data();
        Expect.that(d.length >= 4 && (d[1] & 0xFF) == 0, e, "SPC-4 7.8.14: the Supported VPD Pages page has "
                + "PAGE CODE 00h");
        int length = Bytes.u16(d, 2);
        Expect.that(d.length == 4 + length, e, "SPC-4 7.8.14: PAGE LENGTH (" + length + ") must match the data");
        List<Integer> pages = new ArrayList<>();
        for (int i = 4; i < d.length; i++) {
            pages.add(d[i] & 0xFF);
        }
        return pages;
    }

    private static void supportedPages(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            List<Integer> pages = supportedPages(session, lun);
            Expect.that(!pages.isEmpty() && pages.get(0) == 0, null, "SPC-4 7.8.14: the list starts with page 00h "
                    + "itself; got " + hex(pages));
            for (int i = 1; i < pages.size(); i++) {
                Expect.that(pages.get(i) > pages.get(i - 1), null, "SPC-4 7.8.14: page codes must be in ascending "
                        + "order without repetition; got " + hex(pages));
            }
            ctx.note(lun + ": VPD pages " + hex(pages));
        }
    }

    private static String hex(List<Integer> pages) {
        return pages.stream().map(p -> String.format("%02Xh", p)).toList().toString();
    }

    private static void everyPage(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            byte[] standard = standardData(session, lun);
            for (int page : supportedPages(session, lun)) {
                String what = String.format("INQUIRY, VPD page %02Xh", page);
                Exchange e = Expect.good(inquiry(session, lun, true, page, FULL), what);
                byte[] d = e.data();
                Expect.that(d.length >= 4, e, "SPC-4 7.8.1: " + what + " has a four-byte header");
                Expect.that(d[0] == standard[0], e, "SPC-4 7.8.1: " + what + " must report the PERIPHERAL QUALIFIER "
                        + "and DEVICE TYPE of the standard data");
                Expect.that((d[1] & 0xFF) == page, e, "SPC-4 7.8.1: " + what + " must carry its PAGE CODE");
                Expect.that(Bytes.u16(d, 2) + 4 == d.length, e, "SPC-4 7.8.1: PAGE LENGTH of " + what
                        + " must give the length of the data after the header");
                Exchange header = Expect.good(inquiry(session, lun, true, page, 4), what + " with allocation length 4");
                Allocation.checkTruncation(header, d, 4, what);
            }
        }
    }

    private static void pageAllocation(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            List<Integer> pages = supportedPages(session, lun);
            List<byte[]> full = new ArrayList<>();
            for (int page : pages) {
                full.add(Expect.good(inquiry(session, lun, true, page, FULL), "VPD page").data());
            }
            ctx.forAll("everyVpdPageIsAPrefixOfTheFullPageWithTheRightResidual",
                    Gens.pairs(Gens.integers(0, pages.size() - 1), Gens.integers(0, 300)), 200, p -> {
                        int page = pages.get(p.first());
                        Allocation.checkTruncation(inquiry(session, lun, true, page, p.second()), full.get(p.first()),
                                p.second(), String.format("INQUIRY, VPD page %02Xh", page));
                    });
        }
    }

    private static void pageWithoutEvpd(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            ctx.forAll("inquiryWithEvpdZeroAndANonZeroPageCodeIsRejectedAtThePageCode", Gens.integers(1, 255), 64,
                    page -> Expect.invalidFieldInCdb(inquiry(session, lun, false, page, 255), 2, OptionalInt.empty(),
                            "SPC-4 6.6.1: EVPD=0 with a non-zero PAGE CODE"));
        }
    }

    private static void unsupportedPage(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            List<Integer> pages = supportedPages(session, lun);
            List<Integer> others = new ArrayList<>();
            for (int p = 0; p < 256; p++) {
                if (!pages.contains(p)) {
                    others.add(p);
                }
            }
            ctx.forAll("anUnlistedVpdPageIsRejectedAtThePageCode", Gens.elements(others), 64,
                    page -> Expect.invalidFieldInCdb(inquiry(session, lun, true, page, 255), 2, OptionalInt.empty(),
                            String.format("SPC-4 6.6.1: VPD page %02Xh is not in the Supported VPD Pages page", page)));
        }
    }

    private static void deviceIdentification(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            Expect.that(supportedPages(session, lun).contains(0x83), null,
                    "SPC-4 7.8.6: the Device Identification VPD page (83h) is mandatory");
            Exchange e = Expect.good(inquiry(session, lun, true, 0x83, FULL), "INQUIRY, Device Identification");
            byte[] d = e.data();
            List<String> found = new ArrayList<>();
            boolean logicalUnitDesignator = false;
            int offset = 4;
            while (offset + 4 <= d.length) {
                int codeSet = d[offset] & 0x0F;
                int association = (d[offset + 1] >> 4) & 0x03;
                int type = d[offset + 1] & 0x0F;
                int length = d[offset + 3] & 0xFF;
                Expect.that(offset + 4 + length <= d.length, e, "SPC-4 7.8.6.1: designation descriptor at byte "
                        + offset + " runs past the page");
                if (type == 0x3) {
                    int naa = (d[offset + 4] >> 4) & 0x0F;
                    int expected = naa == 0x6 ? 16 : 8;
                    Expect.that(codeSet == 1 && (naa == 2 || naa == 3 || naa == 5 || naa == 6) && length == expected,
                            e, "SPC-4 7.8.6.6: an NAA designator is binary, NAA 2h, 3h, 5h or 6h, 8 bytes (16 for "
                                    + "6h); descriptor at byte " + offset + " is not");
                }
                if (association == 0 && (type == 0x1 || type == 0x2 || type == 0x3 || type == 0x8 || type == 0xA)) {
                    logicalUnitDesignator = true;
                }
                found.add(String.format("type %Xh association %d", type, association));
                offset += 4 + length;
            }
            Expect.that(offset == d.length, e, "SPC-4 7.8.6.1: designation descriptors must fill the page exactly");
            Expect.that(logicalUnitDesignator, e, "SPC-4 7.8.6: the page must hold a designator of the logical unit "
                    + "(association 00b; T10 vendor ID, EUI-64, NAA, SCSI name string or UUID)");
            ctx.note(lun + ": designators " + found);
        }
    }
}
