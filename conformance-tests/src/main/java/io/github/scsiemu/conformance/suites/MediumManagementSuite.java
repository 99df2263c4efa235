package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.conformance.Check;
import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.ConformanceViolation;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.Suite;
import io.github.scsiemu.conformance.catalog.CdbBit;
import io.github.scsiemu.conformance.catalog.SupportedCommand;
import io.github.scsiemu.conformance.scsi.Allocation;
import io.github.scsiemu.conformance.scsi.Bytes;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.conformance.scsi.Commands;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.DecodedSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseDecoder;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The medium of a direct-access device (SBC-4): START STOP UNIT and PREVENT ALLOW MEDIUM REMOVAL load and eject a
 * removable medium, refuse to eject a medium whose removal an I_T nexus prevents, and reject LOEJ on a unit whose
 * medium is not removable; SANITIZE OVERWRITE leaves every block holding the pattern and BLOCK ERASE leaves no block
 * with its previous data, and while a sanitize runs the logical unit is not ready with a progress indication;
 * READ DEFECT DATA (10) and (12) return a consistent header and obey the allocation length; a write-protected unit
 * rejects every command that writes the medium with DATA PROTECT and changes nothing. Each check is unsupported for
 * a target without a direct-access unit that lists the commands it needs. SANITIZE erases the whole medium and the
 * removal check ejects and reloads it: point the suite at a scratch disk.
 */
public final class MediumManagementSuite implements Suite {

    private static final int START_STOP_UNIT = 0x1B;
    private static final int PREVENT_ALLOW_MEDIUM_REMOVAL = 0x1E;
    private static final int SANITIZE = 0x48;
    private static final int OVERWRITE = 0x01;
    private static final int BLOCK_ERASE = 0x02;
    private static final int CRYPTOGRAPHIC_ERASE = 0x03;
    private static final int READ_DEFECT_DATA_10 = 0x37;
    private static final int READ_DEFECT_DATA_12 = 0xB7;
    private static final int FORMAT_UNIT = 0x04;
    private static final int UNMAP = 0x42;
    private static final int MEDIUM_NOT_PRESENT = 0x3A;
    private static final int WRITE_PROTECTED = 0x27;
    /** How many TEST UNIT READYs a sanitize or format may take. */
    private static final int POLLS = 600;
    private static final byte[] PATTERN = {(byte) 0xA5, 0x5A, (byte) 0xC3, 0x3C};

    @Override
    public String name() {
        return "Medium management (SBC-4)";
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.of("mediumRemovalIsRefusedWhilePreventedAndAnEjectedMediumIsNotPresentUntilLoaded",
                        "SBC-4 5.25 START STOP UNIT, 5.14 PREVENT ALLOW MEDIUM REMOVAL",
                        MediumManagementSuite::removal),
                Check.of("sanitizeOverwritesEveryBlockWithThePatternAndBlockEraseLeavesNoPreviousData",
                        "SBC-4 5.30 SANITIZE, 4.11", MediumManagementSuite::sanitize),
                Check.of("readDefectDataHeadersAreConsistentAndTruncatedAtTheAllocationLength",
                        "SBC-4 5.19-5.20 READ DEFECT DATA(10)/(12)", MediumManagementSuite::readDefectData),
                Check.of("aWriteProtectedUnitRejectsEveryCommandThatWritesWithDataProtect",
                        "SBC-4 4.12 and the clause of each command that writes",
                        MediumManagementSuite::writeProtection));
    }

    // ---- START STOP UNIT, PREVENT ALLOW MEDIUM REMOVAL ----

    private static byte[] startStopUnit(boolean loej, boolean start) {
        byte[] cdb = new byte[6];
        cdb[0] = START_STOP_UNIT;
        cdb[4] = (byte) ((loej ? 0x02 : 0) | (start ? 0x01 : 0));
        return cdb;
    }

    private static byte[] preventAllow(boolean prevent) {
        byte[] cdb = new byte[6];
        cdb[0] = PREVENT_ALLOW_MEDIUM_REMOVAL;
        cdb[4] = (byte) (prevent ? 0x01 : 0);
        return cdb;
    }

    private static void removal(CheckContext ctx) {
        UnitSelection.each(ctx, "listing START STOP UNIT", u -> u.catalog().find(START_STOP_UNIT).isPresent(), u -> {
            Exchange inquiry = Expect.good(u.sendIn(Cdbs.inquiry(false, 0, 36), 36), "INQUIRY (SPC-4 6.6)");
            boolean removable = (Bytes.u8(inquiry.data(), 1) & 0x80) != 0;
            if (!removable) {
                Exchange e = u.sendIn(startStopUnit(true, false), 0);
                SenseData sense = Expect.checkCondition(e, SenseKey.ILLEGAL_REQUEST,
                        AdditionalSense.INVALID_FIELD_IN_CDB, "SBC-4 5.25: START STOP UNIT with LOEJ=1 on a unit "
                                + "whose medium is not removable (INQUIRY RMB=0)");
                Expect.that(sense.senseKeySpecific().filter(s -> s instanceof SenseKeySpecific.FieldPointer p
                        && p.inCdb() && p.fieldPointer() == 4 && p.bitPointer().orElse(1) == 1).isPresent(), e,
                        "SBC-4 5.25, SPC-4 4.5.2.4.2: the field pointer names LOEJ (CDB byte 4, bit 1)");
                Expect.good(Commands.send(u.session(), u.lun(), Cdbs.testUnitReady(), 0), "SBC-4 5.25: the "
                        + "rejected START STOP UNIT leaves the unit ready");
                ctx.note(u.lun() + ": not removable, LOEJ rejected");
                return;
            }
            Expect.that(u.catalog().find(PREVENT_ALLOW_MEDIUM_REMOVAL).isPresent(), null, "SBC-4 5.14: a unit with a "
                    + "removable medium (RMB=1) lists PREVENT ALLOW MEDIUM REMOVAL");
            Session other = ctx.readySession(u.lun());
            Session own = u.session();
            Exchange load;
            try {
                Expect.good(own.send(u.lun(), preventAllow(true), 0), "SBC-4 5.14: PREVENT ALLOW MEDIUM REMOVAL "
                        + "with PREVENT=01b");
                Expect.checkCondition(own.send(u.lun(), startStopUnit(true, false), 0), SenseKey.ILLEGAL_REQUEST,
                        AdditionalSense.MEDIUM_REMOVAL_PREVENTED, "SBC-4 5.25, 5.14: START STOP UNIT with LOEJ=1 "
                                + "START=0 while an I_T nexus prevents medium removal");
                Expect.good(own.send(u.lun(), Cdbs.testUnitReady(), 0), "SBC-4 5.25: a refused eject leaves the "
                        + "medium loaded and the unit ready");
                Expect.good(own.send(u.lun(), preventAllow(false), 0), "SBC-4 5.14: PREVENT ALLOW MEDIUM REMOVAL "
                        + "with PREVENT=00b");
                Expect.good(own.send(u.lun(), startStopUnit(true, false), 0), "SBC-4 5.25: START STOP UNIT with "
                        + "LOEJ=1 START=0 once removal is allowed");
                Exchange tur = own.send(u.lun(), Cdbs.testUnitReady(), 0);
                Expect.that(tur.isCheckCondition(SenseKey.NOT_READY) && tur.sense().orElseThrow().additionalSense()
                        .asc() == MEDIUM_NOT_PRESENT, tur, "SBC-4 5.25, SPC-4 6.47: after the eject TEST UNIT READY "
                        + "reports NOT READY, MEDIUM NOT PRESENT (3Ah/xxh)");
            } finally {
                own.send(u.lun(), preventAllow(false), 0);
                load = own.send(u.lun(), startStopUnit(true, true), 0);
            }
            Expect.good(load, "SBC-4 5.25: START STOP UNIT with LOEJ=1 START=1 loads the medium");
            Expect.good(own.send(u.lun(), Cdbs.testUnitReady(), 0), "SBC-4 5.25: after the load the unit is ready "
                    + "for the nexus that loaded it");
            Expect.checkCondition(other.send(u.lun(), Cdbs.testUnitReady(), 0), SenseKey.UNIT_ATTENTION,
                    AdditionalSense.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED, "SBC-4 5.25, SAM-5 5.14: "
                            + "another I_T nexus is told that the medium may have changed");
            Commands.clearUnitAttentions(other, u.lun());
            Expect.good(other.send(u.lun(), Cdbs.testUnitReady(), 0), "SAM-5 5.14: once reported, the unit "
                    + "attention is cleared and the unit is ready");
        });
    }

    // ---- SANITIZE ----

    private static Optional<SupportedCommand> sanitize(DirectAccessUnit unit, int serviceAction) {
        return unit.catalog().find(SANITIZE, serviceAction);
    }

    private static byte[] sanitizeCdb(int serviceAction, boolean immediate, int parameterListLength) {
        byte[] cdb = new byte[10];
        cdb[0] = SANITIZE;
        cdb[1] = (byte) ((immediate ? 0x80 : 0) | serviceAction);
        Bytes.put(cdb, 7, 2, parameterListLength);
        return cdb;
    }

    /** The OVERWRITE parameter list (SBC-4 5.30.3): one pass, no inversion, the 4-byte pattern. */
    private static byte[] overwriteList() {
        byte[] list = new byte[4 + PATTERN.length];
        list[0] = 0x01;
        Bytes.put(list, 2, 2, PATTERN.length);
        System.arraycopy(PATTERN, 0, list, 4, PATTERN.length);
        return list;
    }

    private static void sanitize(CheckContext ctx) {
        UnitSelection.each(ctx, "listing SANITIZE OVERWRITE or BLOCK ERASE, a READ and a WRITE, not write-protected",
                u -> (sanitize(u, OVERWRITE).isPresent() || sanitize(u, BLOCK_ERASE).isPresent())
                        && !u.listedOf(SbcCdbLayout.READS).isEmpty() && !u.listedOf(SbcCdbLayout.WRITES).isEmpty()
                        && !UnitSelection.writeProtected(u), u -> {
                            int window = u.window();
                            int bl = u.blockLength();
                            if (sanitize(u, OVERWRITE).isPresent()) {
                                u.write(0, u.pattern(5, window));
                                boolean immediate = sanitize(u, OVERWRITE).orElseThrow().uses(new CdbBit(1, 7));
                                Expect.good(u.sendOut(sanitizeCdb(OVERWRITE, immediate, 8), overwriteList()),
                                        "SBC-4 5.30.3: SANITIZE OVERWRITE" + (immediate ? " with IMMED=1" : ""));
                                int polls = awaitCompletion(u, AdditionalSense.LOGICAL_UNIT_NOT_READY_SANITIZE_IN_PROGRESS,
                                        "SBC-4 4.11.5, 5.30: SANITIZE");
                                ctx.note(u.lun() + ": OVERWRITE seen in progress by " + polls + " TEST UNIT READY");
                                byte[] expected = new byte[window * bl];
                                for (int i = 0; i < expected.length; i++) {
                                    expected[i] = PATTERN[(i % bl) % PATTERN.length];
                                }
                                u.requireBlocks(u.read(0, window), expected, 0, "SBC-4 5.30.3: after SANITIZE "
                                        + "OVERWRITE every block holds the pattern, repeated");
                                u.requireBlocks(u.read(u.capacity() - 1, 1), Arrays.copyOf(expected, bl),
                                        u.capacity() - 1, "SBC-4 5.30.3: the last block holds the pattern too");
                            }
                            if (sanitize(u, BLOCK_ERASE).isPresent()) {
                                byte[] before = u.pattern(6, window);
                                u.write(0, before);
                                Expect.good(u.sendIn(sanitizeCdb(BLOCK_ERASE, false, 0), 0),
                                        "SBC-4 5.30.4: SANITIZE BLOCK ERASE");
                                awaitCompletion(u, AdditionalSense.LOGICAL_UNIT_NOT_READY_SANITIZE_IN_PROGRESS,
                                        "SBC-4 4.11.5, 5.30: SANITIZE");
                                byte[] after = u.read(0, window);
                                for (int b = 0; b < window; b++) {
                                    Expect.that(!Arrays.equals(before, b * bl, (b + 1) * bl, after, b * bl,
                                            (b + 1) * bl), null, "SBC-4 4.11.1, 5.30.4: after SANITIZE BLOCK ERASE "
                                                    + "block " + b + " still holds its previous data");
                                }
                            }
                        });
    }

    /**
     * Polls TEST UNIT READY until the operation ends: while it runs the unit reports NOT READY with {@code
     * inProgress} and a progress indication, in the TEST UNIT READY sense data and in REQUEST SENSE (SPC-4
     * 4.5.2.4.4).
     *
     * @return how many polls found the operation in progress
     */
    private static int awaitCompletion(DirectAccessUnit unit, AdditionalSense inProgress, String what) {
        for (int i = 0; i < POLLS; i++) {
            Exchange tur = Commands.send(unit.session(), unit.lun(), Cdbs.testUnitReady(), 0);
            if (tur.isGood()) {
                return i;
            }
            SenseData sense = Expect.checkCondition(tur, SenseKey.NOT_READY, inProgress, what + " in progress: "
                    + "TEST UNIT READY reports GOOD or NOT READY, " + inProgress);
            requireProgress(sense, tur, what);
            Exchange rs = unit.sendIn(Cdbs.requestSense(false, 252), 252);
            Expect.good(rs, what + " in progress: REQUEST SENSE (SPC-4 6.39)");
            if (SenseDecoder.decode(rs.data()) instanceof DecodedSense.Valid valid
                    && valid.data().senseKey() == SenseKey.NOT_READY) {
                Expect.that(valid.data().additionalSense().equals(inProgress), rs, what + " in progress: REQUEST "
                        + "SENSE reports " + inProgress);
                requireProgress(valid.data(), rs, what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConformanceViolation("interrupted while waiting for " + what);
            }
        }
        throw new ConformanceViolation(what + " still in progress after " + POLLS + " TEST UNIT READY commands");
    }

    private static void requireProgress(SenseData sense, Exchange e, String what) {
        Expect.that(sense.senseKeySpecific().filter(s -> s instanceof SenseKeySpecific.ProgressIndication)
                .isPresent(), e, "SPC-4 4.5.2.4.4: " + what + " in progress: SKSV=1 with a PROGRESS INDICATION");
    }

    // ---- READ DEFECT DATA ----

    /**
     * One READ DEFECT DATA command form.
     *
     * @param operationCode 37h or B7h
     * @param header        the header length: 4 or 8
     * @param formatByte    the CDB byte holding REQ_PLIST, REQ_GLIST and the DEFECT LIST FORMAT
     * @param clause        the clause
     */
    private record DefectCommand(int operationCode, int header, int formatByte, String clause) {
        byte[] cdb(int request, int allocation) {
            byte[] cdb = new byte[operationCode == READ_DEFECT_DATA_10 ? 10 : 12];
            cdb[0] = (byte) operationCode;
            cdb[formatByte] = (byte) request;
            if (operationCode == READ_DEFECT_DATA_10) {
                Bytes.put(cdb, 7, 2, allocation);
            } else {
                Bytes.put(cdb, 6, 4, allocation);
            }
            return cdb;
        }

        long listLength(byte[] data) {
            return header == 4 ? Bytes.u16(data, 2) : Bytes.u32(data, 4);
        }
    }

    /** The defect list formats whose address descriptors have a fixed length: short block 4, the others 8. */
    private static final int[] FORMATS = {0b000, 0b011, 0b100, 0b101};

    private static void readDefectData(CheckContext ctx) {
        List<DefectCommand> forms = List.of(
                new DefectCommand(READ_DEFECT_DATA_10, 4, 2, "SBC-4 5.19 READ DEFECT DATA(10)"),
                new DefectCommand(READ_DEFECT_DATA_12, 8, 1, "SBC-4 5.20 READ DEFECT DATA(12)"));
        UnitSelection.each(ctx, "listing READ DEFECT DATA", u -> forms.stream()
                .anyMatch(f -> u.catalog().find(f.operationCode()).isPresent()), u -> {
                    List<String> tested = new ArrayList<>();
                    for (DefectCommand form : forms) {
                        if (u.catalog().find(form.operationCode()).isEmpty()) {
                            continue;
                        }
                        for (int format : FORMATS) {
                            for (int lists = 0; lists < 4; lists++) {
                                defectHeader(u, form, (lists << 3) | format);
                            }
                        }
                        tested.add(form.clause());
                    }
                    ctx.note(u.lun() + ": " + tested);
                });
    }

    private static void defectHeader(DirectAccessUnit u, DefectCommand form, int request) {
        int full = 0xFFFF;
        String what = form.clause() + " with REQ_PLIST=" + ((request >> 4) & 1) + " REQ_GLIST=" + ((request >> 3) & 1)
                + " DEFECT LIST FORMAT " + Integer.toBinaryString(request & 7) + "b";
        Exchange e = u.sendIn(form.cdb(request, full), full);
        boolean recovered = e.isCheckCondition(SenseKey.RECOVERED_ERROR);
        Expect.that(e.isGood() || recovered, e, what + ": GOOD, or RECOVERED ERROR when the list is returned in "
                + "another format or not found");
        byte[] d = e.data();
        if (recovered && d.length < form.header()) {
            return;
        }
        Expect.that(d.length >= form.header(), e, what + ": the parameter data starts with a " + form.header()
                + "-byte header");
        int flags = d[1] & 0xFF;
        Expect.that((flags & 0x10) == 0 || (request & 0x10) != 0, e, what + ": PLISTV=1 only if the primary list "
                + "was requested");
        Expect.that((flags & 0x08) == 0 || (request & 0x08) != 0, e, what + ": GLISTV=1 only if the grown list "
                + "was requested");
        int format = flags & 7;
        Expect.that(recovered || format == (request & 7), e, what + ": with GOOD status the DEFECT LIST FORMAT is "
                + "the requested one, not " + Integer.toBinaryString(format) + "b");
        long length = form.listLength(d);
        int descriptor = format == 0b000 ? 4 : 8;
        Expect.that(format == 0b110 || length % descriptor == 0, e, what + ": DEFECT LIST LENGTH " + length
                + " is a multiple of the " + descriptor + "-byte address descriptor");
        Expect.that(d.length == Math.min(full, form.header() + length), e, what + ": the data is the header and "
                + "DEFECT LIST LENGTH bytes of descriptors");
        if (recovered) {
            return;
        }
        for (int allocation = 0; allocation <= d.length + 4; allocation++) {
            Allocation.checkTruncation(u.sendIn(form.cdb(request, allocation), full), d, allocation, what
                    + " and ALLOCATION LENGTH " + allocation);
        }
    }

    // ---- write protection ----

    /**
     * A command that writes the medium, ready to send.
     *
     * @param name    the command
     * @param cdb     the CDB
     * @param dataOut the data-out, empty for none
     */
    private record Writing(String name, byte[] cdb, byte[] dataOut) {
    }

    /** Every listed command that writes the medium, addressing its first blocks, with data unlike the medium's. */
    private static List<Writing> writingCommands(DirectAccessUnit u) {
        List<Writing> all = new ArrayList<>();
        long granularity = Math.max(1, u.limits().atomicTransferLengthGranularity());
        for (SbcCdbLayout layout : u.listedOf(SbcCdbLayout.ALL)) {
            if (!layout.writes()) {
                continue;
            }
            long blocks = layout == SbcCdbLayout.WRITE_ATOMIC_16 ? granularity : 1;
            byte[] data = u.pattern(layout.operationCode() + 17, layout.dataOutLength(blocks, u.blockLength())
                    / u.blockLength());
            all.add(new Writing(layout.name(), layout.cdb(0, blocks), data));
        }
        if (u.catalog().find(UNMAP).isPresent()) {
            byte[] list = new byte[24];
            Bytes.put(list, 0, 2, 22);
            Bytes.put(list, 2, 2, 16);
            Bytes.put(list, 16, 4, 1);
            byte[] cdb = new byte[10];
            cdb[0] = UNMAP;
            Bytes.put(cdb, 7, 2, list.length);
            all.add(new Writing("UNMAP", cdb, list));
        }
        if (u.catalog().find(FORMAT_UNIT).isPresent()) {
            byte[] cdb = new byte[6];
            cdb[0] = FORMAT_UNIT;
            all.add(new Writing("FORMAT UNIT", cdb, new byte[0]));
        }
        if (sanitize(u, OVERWRITE).isPresent()) {
            all.add(new Writing("SANITIZE OVERWRITE", sanitizeCdb(OVERWRITE, false, 8), overwriteList()));
        }
        for (int action : new int[] {BLOCK_ERASE, CRYPTOGRAPHIC_ERASE}) {
            if (sanitize(u, action).isPresent()) {
                all.add(new Writing(action == BLOCK_ERASE ? "SANITIZE BLOCK ERASE" : "SANITIZE CRYPTOGRAPHIC ERASE",
                        sanitizeCdb(action, false, 0), new byte[0]));
            }
        }
        return all;
    }

    private static void writeProtection(CheckContext ctx) {
        UnitSelection.each(ctx, "write-protected (WP=1) and listing a READ", u -> UnitSelection.writeProtected(u)
                && !u.listedOf(SbcCdbLayout.READS).isEmpty(), u -> {
                    int window = u.window();
                    byte[] before = u.read(0, window);
                    byte[] last = u.read(u.capacity() - 1, 1);
                    List<String> rejected = new ArrayList<>();
                    for (Writing w : writingCommands(u)) {
                        Exchange e = w.dataOut().length > 0 ? u.sendOut(w.cdb(), w.dataOut()) : u.sendIn(w.cdb(), 0);
                        Expect.that(e.isCheckCondition(SenseKey.DATA_PROTECT) && e.sense().orElseThrow()
                                .additionalSense().asc() == WRITE_PROTECTED, e, "SBC-4 4.12: " + w.name() + " on a "
                                        + "write-protected medium ends with DATA PROTECT, WRITE PROTECTED (27h/xxh)");
                        rejected.add(w.name());
                    }
                    awaitCompletion(u, AdditionalSense.LOGICAL_UNIT_NOT_READY_FORMAT_IN_PROGRESS, "a write-protected "
                            + "unit must start no format or sanitize; FORMAT UNIT");
                    u.requireBlocks(u.read(0, window), before, 0, "SBC-4 4.12: commands rejected for write "
                            + "protection change no block");
                    u.requireBlocks(u.read(u.capacity() - 1, 1), last, u.capacity() - 1, "SBC-4 4.12: commands "
                            + "rejected for write protection change no block");
                    Expect.that(!rejected.isEmpty(), null, "a write-protected unit listing no command that writes "
                            + "cannot show its protection");
                    ctx.note(u.lun() + ": DATA PROTECT for " + rejected);
                });
    }
}
