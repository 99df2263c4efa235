package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.conformance.Check;
import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.ConformanceViolation;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.Suite;
import io.github.scsiemu.conformance.UnsupportedFeature;
import io.github.scsiemu.conformance.catalog.CommandCatalog;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.conformance.scsi.Commands;
import io.github.scsiemu.conformance.scsi.ModeParameters;
import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import java.util.ArrayList;
import java.util.List;

/**
 * MODE SENSE(6) and MODE SENSE(10) (SPC-4 6.13, 6.14) of every page, and MODE SELECT (SPC-4 6.11, 6.12) of the
 * values MODE SENSE reports: well-formed mode parameter data (SPC-4 7.5), each page returned alone equal to its part
 * of the all-pages response (page code 3Fh, subpage code FFh), both CDB forms agreeing, changeable values (PC=01b)
 * laid out like the current values, current values accepted back, and a change to a bit the changeable values mark
 * as not changeable rejected with INVALID FIELD IN PARAMETER LIST without effect.
 */
public final class ModeSenseSuite implements Suite {

    private static final int CURRENT = 0;
    private static final int CHANGEABLE = 1;
    private static final int ALL_PAGES = 0x3F;
    private static final int ALL_SUBPAGES = 0xFF;

    @Override
    public String name() {
        return "MODE SENSE and MODE SELECT";
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.of("allPagesDataIsWellFormed", "SPC-4 6.13, 6.14, 7.5", ModeSenseSuite::wellFormed),
                Check.of("eachPageAloneEqualsItsPartOfAllPages", "SPC-4 6.13, 6.14", ModeSenseSuite::eachPage),
                Check.of("modeSense6And10ReportTheSamePages", "SPC-4 6.13, 6.14", ModeSenseSuite::sixAndTen),
                Check.of("changeableValuesHaveTheLayoutOfCurrentValues", "SPC-4 6.13 (PC field), 7.5.7",
                        ModeSenseSuite::changeableLayout),
                Check.of("modeSelectOfTheCurrentValuesIsAcceptedAndChangesNothing", "SPC-4 6.11, 6.12, 7.5",
                        ModeSenseSuite::selectCurrent),
                Check.of("changingABitThatIsNotChangeableIsRejectedWithoutEffect", "SPC-4 6.11, 6.12, 7.5.7",
                        ModeSenseSuite::unchangeableBit));
    }

    /** MODE SENSE of one page (or all) with DBD=1, parsed; UnsupportedFeature if the CDB form is unsupported. */
    private static ModeParameters sense(Session session, Lun lun, boolean tenByte, int pc, int page, int subpage) {
        int allocation = tenByte ? 0xFFFF : 0xFF;
        byte[] cdb = tenByte ? Cdbs.modeSense10(true, pc, page, subpage, allocation)
                : Cdbs.modeSense6(true, pc, page, subpage, allocation);
        String what = String.format("MODE SENSE(%d) PC=%d page %02Xh/%02Xh", tenByte ? 10 : 6, pc, page, subpage);
        Exchange e = Expect.good(Commands.requireSupported(Commands.send(session, lun, cdb, allocation), what), what);
        if (!tenByte && e.data().length == allocation && (e.data()[0] & 0xFF) + 1 > allocation) {
            throw new UnsupportedFeature(what + ": the mode data exceeds what MODE SENSE(6) can return");
        }
        ModeParameters.Parsed parsed = ModeParameters.parse(e.data(), tenByte);
        return parsed.parameters().orElseThrow(() -> new ConformanceViolation("SPC-4 7.5: " + what
                + " returned malformed mode parameter data: " + parsed.problem(), e));
    }

    /** All pages and subpages (3Fh/FFh), or all pages (3Fh/00h) if the device server has no subpages. */
    private static ModeParameters allPages(Session session, Lun lun, boolean tenByte, int pc) {
        byte[] cdb = tenByte ? Cdbs.modeSense10(true, pc, ALL_PAGES, ALL_SUBPAGES, 0xFFFF)
                : Cdbs.modeSense6(true, pc, ALL_PAGES, ALL_SUBPAGES, 0xFF);
        Exchange probe = Commands.send(session, lun, cdb, tenByte ? 0xFFFF : 0xFF);
        if (probe.isCheckCondition(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB)) {
            return sense(session, lun, tenByte, pc, ALL_PAGES, 0);
        }
        return sense(session, lun, tenByte, pc, ALL_PAGES, ALL_SUBPAGES);
    }

    /** The CDB forms the logical unit supports: true for MODE SENSE(10), false for (6). */
    private static List<Boolean> forms(Session session, Lun lun) {
        List<Boolean> forms = new ArrayList<>();
        for (boolean tenByte : new boolean[] {false, true}) {
            try {
                allPages(session, lun, tenByte, CURRENT);
                forms.add(tenByte);
            } catch (UnsupportedFeature e) {
                // this form is not supported; the other may be
            }
        }
        if (forms.isEmpty()) {
            throw new UnsupportedFeature("neither MODE SENSE(6) nor MODE SENSE(10) is supported");
        }
        return forms;
    }

    private static void wellFormed(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            for (boolean tenByte : forms(session, lun)) {
                ModeParameters all = allPages(session, lun, tenByte, CURRENT);
                List<String> names = new ArrayList<>();
                for (ModeParameters.Page p : all.pages()) {
                    Expect.that(!names.contains(p.name()), null, "SPC-4 7.5: page " + p.name()
                            + " is returned twice by MODE SENSE(" + (tenByte ? 10 : 6) + ") of all pages");
                    names.add(p.name());
                }
                ctx.note(lun + ": MODE SENSE(" + (tenByte ? 10 : 6) + ") pages " + names);
            }
        }
    }

    private static void eachPage(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            for (boolean tenByte : forms(session, lun)) {
                for (int pc : new int[] {CURRENT, CHANGEABLE}) {
                    for (ModeParameters.Page page : allPages(session, lun, tenByte, pc).pages()) {
                        ModeParameters alone = sense(session, lun, tenByte, pc, page.pageCode(), page.subpageCode());
                        if (!alone.pages().equals(List.of(page))) {
                            throw new ConformanceViolation("SPC-4 6.13/6.14: MODE SENSE(" + (tenByte ? 10 : 6)
                                    + ") PC=" + pc + " of page " + page.name() + " alone must return exactly its part "
                                    + "of the all-pages response\n  all pages: " + page + "\n  alone:     "
                                    + alone.pages());
                        }
                    }
                }
            }
        }
    }

    private static void sixAndTen(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            List<Boolean> forms = forms(session, lun);
            if (forms.size() < 2) {
                throw new UnsupportedFeature("only one of MODE SENSE(6) and MODE SENSE(10) is supported");
            }
            for (int pc : new int[] {CURRENT, CHANGEABLE}) {
                List<ModeParameters.Page> six = allPages(session, lun, false, pc).pages();
                List<ModeParameters.Page> ten = allPages(session, lun, true, pc).pages();
                boolean truncated = six.stream().mapToInt(p -> p.bytes().length).sum() + 4 > 0xFF;
                if (!truncated && !six.equals(ten)) {
                    throw new ConformanceViolation("SPC-4 6.13/6.14: MODE SENSE(6) and MODE SENSE(10) PC=" + pc
                            + " must report the same pages\n  (6):  " + six + "\n  (10): " + ten);
                }
            }
        }
    }

    private static void changeableLayout(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            boolean tenByte = forms(session, lun).contains(true);
            List<ModeParameters.Page> current = allPages(session, lun, tenByte, CURRENT).pages();
            List<ModeParameters.Page> changeable = allPages(session, lun, tenByte, CHANGEABLE).pages();
            Expect.that(current.size() == changeable.size(), null, "SPC-4 6.13: PC=01b must return the same pages as "
                    + "PC=00b\n  current:    " + current + "\n  changeable: " + changeable);
            for (int i = 0; i < current.size(); i++) {
                ModeParameters.Page c = current.get(i);
                ModeParameters.Page m = changeable.get(i);
                Expect.that(c.name().equals(m.name()) && c.bytes().length == m.bytes().length, null,
                        "SPC-4 7.5.7: the changeable values of page " + c.name() + " must have its code and length; "
                                + "got " + m);
            }
        }
    }

    /** The MODE SELECT form to use, from the catalog; unsupported when neither is listed. */
    private static boolean selectForm(CheckContext ctx, Session session, Lun lun) {
        CommandCatalog catalog = ctx.catalog(session, lun);
        if (catalog.find(Cdbs.MODE_SELECT_10).isPresent() && catalog.find(Cdbs.MODE_SENSE_10).isPresent()) {
            return true;
        }
        if (catalog.find(Cdbs.MODE_SELECT_6).isPresent() && catalog.find(Cdbs.MODE_SENSE_6).isPresent()) {
            return false;
        }
        throw new UnsupportedFeature("MODE SELECT is not listed by REPORT SUPPORTED OPERATION CODES");
    }

    /**
     * The DEVICE-SPECIFIC PARAMETER to send back: for direct-access devices WP and DPOFUA are ignored or reserved in
     * MODE SELECT (SBC-3 6.4.1), so zero; other device types use the field in both directions.
     */
    private static int deviceSpecificForSelect(Session session, Lun lun, ModeParameters sensed) {
        byte[] inquiry = Expect.good(InquirySuite.inquiry(session, lun, false, 0, 36), "standard INQUIRY").data();
        return (inquiry[0] & 0x1F) == 0 ? 0 : sensed.deviceSpecific();
    }

    private static Exchange select(Session session, Lun lun, boolean tenByte, byte[] list) {
        byte[] cdb = tenByte ? Cdbs.modeSelect10(list.length) : Cdbs.modeSelect6(list.length);
        Exchange e = session.send(lun, cdb, list);
        if (e.isCheckCondition(SenseKey.UNIT_ATTENTION)) {
            Commands.clearUnitAttentions(session, lun);
            e = session.send(lun, cdb, list);
        }
        return e;
    }

    private static void selectCurrent(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            boolean tenByte = selectForm(ctx, session, lun);
            ModeParameters before = allPages(session, lun, tenByte, CURRENT);
            int deviceSpecific = deviceSpecificForSelect(session, lun, before);
            for (ModeParameters.Page page : before.pages()) {
                Expect.good(select(session, lun, tenByte, before.selectList(page.bytes(), deviceSpecific)),
                        "SPC-4 6.11/6.12: MODE SELECT of the current values of page " + page.name());
            }
            List<ModeParameters.Page> after = allPages(session, lun, tenByte, CURRENT).pages();
            Expect.that(after.equals(before.pages()), null, "selecting the current values back must change no page"
                    + "\n  before: " + before.pages() + "\n  after:  " + after);
        }
    }

    /** One bit of one page that the changeable values mark as not changeable. */
    private record FixedBit(ModeParameters.Page page, int byteOffset, int bit) {
        @Override
        public String toString() {
            return "page " + page.name() + " byte " + byteOffset + " bit " + bit;
        }
    }

    private static void unchangeableBit(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            boolean tenByte = selectForm(ctx, session, lun);
            ModeParameters current = allPages(session, lun, tenByte, CURRENT);
            List<ModeParameters.Page> changeable = allPages(session, lun, tenByte, CHANGEABLE).pages();
            List<FixedBit> fixed = new ArrayList<>();
            for (int i = 0; i < Math.min(current.pages().size(), changeable.size()); i++) {
                ModeParameters.Page page = current.pages().get(i);
                byte[] mask = changeable.get(i).bytes();
                for (int b = page.headerLength(); b < Math.min(mask.length, page.bytes().length); b++) {
                    for (int bit = 7; bit >= 0; bit--) {
                        if ((mask[b] & (1 << bit)) == 0) {
                            fixed.add(new FixedBit(page, b, bit));
                        }
                    }
                }
            }
            if (fixed.isEmpty()) {
                ctx.note(lun + ": every mode page bit is changeable");
                continue;
            }
            int deviceSpecific = deviceSpecificForSelect(session, lun, current);
            Gen<FixedBit> gen = Gens.elements(fixed);
            ctx.forAll("aModeSelectThatChangesAFixedBitIsRejectedAndChangesNothing", gen, 100, f -> {
                byte[] page = f.page().bytes();
                page[f.byteOffset()] ^= (byte) (1 << f.bit());
                Exchange e = select(session, lun, tenByte, current.selectList(page, deviceSpecific));
                SenseData sense = Expect.checkCondition(e, SenseKey.ILLEGAL_REQUEST,
                        AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, "MODE SELECT changing " + f
                                + ", which the changeable values mark as not changeable");
                if (sense.senseKeySpecific().orElse(null) instanceof SenseKeySpecific.FieldPointer p) {
                    Expect.that(!p.inCdb(), e, "SPC-4 4.5.2.4.2: an error in the parameter list has C/D=0");
                }
                List<ModeParameters.Page> after = allPages(session, lun, tenByte, CURRENT).pages();
                Expect.that(after.equals(current.pages()), e, "a rejected MODE SELECT must change no page\n"
                        + "  before: " + current.pages() + "\n  after:  " + after);
            });
        }
    }
}
