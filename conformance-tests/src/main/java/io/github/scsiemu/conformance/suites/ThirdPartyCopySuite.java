package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.conformance.Check;
import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.ConformanceViolation;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Suite;
import io.github.scsiemu.conformance.UnsupportedFeature;
import io.github.scsiemu.conformance.scsi.Bytes;
import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Third-party copy within one direct-access unit (SPC-4 6.4 EXTENDED COPY (LID1), 6.18-6.20 RECEIVE COPY RESULTS):
 * the copy manager's OPERATING PARAMETERS list the identification CSCD descriptor (E4h) and the block to block
 * segment descriptor (02h); an EXTENDED COPY naming the unit by the NAA designator of its Device Identification VPD
 * page copies a range of blocks to another range, which a READ then returns, and COPY STATUS reports the copy
 * completed; a CSCD descriptor naming a logical unit nobody has aborts the copy with COPY ABORTED, UNREACHABLE COPY
 * TARGET and copies nothing. Unsupported for a target without a direct-access unit that lists EXTENDED COPY (LID1)
 * and the RECEIVE COPY RESULTS service actions. The laws write to the first 64 blocks: point the suite at a scratch
 * disk.
 */
public final class ThirdPartyCopySuite implements Suite {

    private static final int EXTENDED_COPY = 0x83;
    private static final int RECEIVE_COPY_RESULTS = 0x84;
    private static final int LID1 = 0x00;
    private static final int COPY_STATUS = 0x00;
    private static final int OPERATING_PARAMETERS = 0x03;
    private static final int IDENTIFICATION = 0xE4;
    private static final int BLOCK_TO_BLOCK = 0x02;
    private static final int HEADER = 16;
    private static final int CSCD = 32;
    private static final int SEGMENT = 28;
    private static final int NAA = 0x3;
    private static final int STATUS_POLLS = 200;

    @Override
    public String name() {
        return "Third-party copy (SPC-4 EXTENDED COPY (LID1))";
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.of("extendedCopyOfABlockRangeWithinTheUnitCopiesItAndCopyStatusReportsCompletion",
                        "SPC-4 6.4 EXTENDED COPY (LID1), 6.18 RECEIVE COPY RESULTS", ThirdPartyCopySuite::copy),
                Check.of("anExtendedCopyNamingAnUnknownLogicalUnitIsAbortedAsUnreachable",
                        "SPC-4 6.4 EXTENDED COPY (LID1)", ThirdPartyCopySuite::unreachable));
    }

    /**
     * The unit's copy manager as the checks use it.
     *
     * @param unit               the logical unit
     * @param designator         the DESIGNATOR of its NAA logical unit designator
     * @param codeSet            its CODE SET
     * @param maximumSegmentBlocks the most blocks one segment may copy
     */
    private record CopyTarget(DirectAccessUnit unit, byte[] designator, int codeSet, long maximumSegmentBlocks) {
    }

    private static void each(CheckContext ctx, java.util.function.Consumer<CopyTarget> body) {
        UnitSelection.each(ctx, "listing EXTENDED COPY (LID1), RECEIVE COPY RESULTS COPY STATUS and OPERATING "
                + "PARAMETERS, a READ and a WRITE, and not write-protected", u ->
                u.catalog().find(EXTENDED_COPY, LID1).isPresent()
                        && u.catalog().find(RECEIVE_COPY_RESULTS, COPY_STATUS).isPresent()
                        && u.catalog().find(RECEIVE_COPY_RESULTS, OPERATING_PARAMETERS).isPresent()
                        && !u.listedOf(SbcCdbLayout.READS).isEmpty() && !u.listedOf(SbcCdbLayout.WRITES).isEmpty()
                        && !UnitSelection.writeProtected(u), u -> body.accept(open(ctx, u)));
    }

    private static byte[] receiveCopyResults(int serviceAction, int listId, int allocation) {
        byte[] cdb = new byte[16];
        cdb[0] = (byte) RECEIVE_COPY_RESULTS;
        cdb[1] = (byte) serviceAction;
        cdb[2] = (byte) listId;
        Bytes.put(cdb, 10, 4, allocation);
        return cdb;
    }

    private static CopyTarget open(CheckContext ctx, DirectAccessUnit u) {
        Exchange op = Expect.good(u.sendIn(receiveCopyResults(OPERATING_PARAMETERS, 0, 4096), 4096),
                "SPC-4 6.20: RECEIVE COPY RESULTS, OPERATING PARAMETERS");
        byte[] p = op.data();
        Expect.that(p.length >= 44 && p.length == Bytes.u32(p, 0) + 4
                && 44 + Bytes.u8(p, 43) <= p.length, op, "SPC-4 6.20: the OPERATING PARAMETERS data is 44 bytes and "
                        + "the IMPLEMENTED DESCRIPTOR LIST, with AVAILABLE DATA counting the bytes after it");
        List<Integer> implemented = new ArrayList<>();
        for (int i = 0; i < Bytes.u8(p, 43); i++) {
            implemented.add(Bytes.u8(p, 44 + i));
        }
        if (!implemented.contains(IDENTIFICATION) || !implemented.contains(BLOCK_TO_BLOCK)) {
            throw new UnsupportedFeature(u.lun() + " does not implement the E4h and 02h descriptors: " + implemented);
        }
        Expect.that(Bytes.u16(p, 8) >= 1 && Bytes.u16(p, 10) >= 1 && Bytes.u32(p, 12) >= CSCD + SEGMENT, op,
                "SPC-4 6.20: the copy manager accepts one CSCD and one segment descriptor");
        Exchange vpd = Expect.good(InquirySuite.inquiry(u.session(), u.lun(), true, 0x83, 0xFFFF),
                "INQUIRY, Device Identification VPD page (SPC-4 7.8.6)");
        byte[] d = vpd.data();
        for (int at = 4; at + 4 <= d.length; at += 4 + Bytes.u8(d, at + 3)) {
            int length = Bytes.u8(d, at + 3);
            if ((d[at + 1] & 0x30) == 0 && (d[at + 1] & 0x0F) == NAA && length <= 20 && at + 4 + length <= d.length) {
                ctx.note(u.lun() + ": copy manager implements " + implemented);
                return new CopyTarget(u, Arrays.copyOfRange(d, at + 4, at + 4 + length), d[at] & 0x0F,
                        Bytes.u32(p, 16) / u.blockLength());
            }
        }
        throw new UnsupportedFeature(u.lun() + " reports no NAA logical unit designator to name itself by");
    }

    /** The EXTENDED COPY (LID1) parameter list: one E4h CSCD descriptor, one block to block segment. */
    private static byte[] parameterList(CopyTarget t, byte[] designator, int listId, long source, long destination,
            int blocks) {
        byte[] list = new byte[HEADER + CSCD + SEGMENT];
        list[0] = (byte) listId;
        Bytes.put(list, 2, 2, CSCD);
        Bytes.put(list, 8, 4, SEGMENT);
        int c = HEADER;
        list[c] = (byte) IDENTIFICATION;
        list[c + 4] = (byte) t.codeSet();
        list[c + 5] = (byte) NAA;
        list[c + 7] = (byte) designator.length;
        System.arraycopy(designator, 0, list, c + 8, designator.length);
        Bytes.put(list, c + 29, 3, t.unit().blockLength());
        int s = HEADER + CSCD;
        list[s] = (byte) BLOCK_TO_BLOCK;
        Bytes.put(list, s + 2, 2, SEGMENT - 4);
        Bytes.put(list, s + 10, 2, blocks);
        Bytes.put(list, s + 12, 8, source);
        Bytes.put(list, s + 20, 8, destination);
        return list;
    }

    private static byte[] extendedCopy(int parameterListLength) {
        byte[] cdb = new byte[16];
        cdb[0] = (byte) EXTENDED_COPY;
        cdb[1] = LID1;
        Bytes.put(cdb, 10, 4, parameterListLength);
        return cdb;
    }

    /**
     * One copy.
     *
     * @param source      the first source block
     * @param destination the first destination block
     * @param blocks      NUMBER OF BLOCKS
     * @param listId      the LIST IDENTIFIER
     */
    record Copy(int source, int destination, int blocks, int listId) {
    }

    private static void copy(CheckContext ctx) {
        each(ctx, t -> {
            DirectAccessUnit u = t.unit();
            int half = u.window() / 2;
            int cap = (int) Math.max(1, Math.min(Math.min(8, half), t.maximumSegmentBlocks()));
            Gen<Copy> gen = Gens.pairs(Gens.pairs(Gens.integers(0, half - 1), Gens.integers(0, half - 1)),
                    Gens.pairs(Gens.integers(1, cap), Gens.integers(1, 255))).map(p -> {
                        int blocks = Math.min(p.second().first(), half - Math.max(p.first().first(),
                                p.first().second()));
                        return new Copy(p.first().first(), half + p.first().second(), Math.max(1, blocks),
                                p.second().second());
                    });
            ctx.forAll("theDestinationReadsAsTheSourceAndCopyStatusReportsCompletion", gen, 20, c -> {
                byte[] data = u.pattern(c.source() + 41, c.blocks());
                u.write(c.source(), data);
                u.write(c.destination(), u.pattern(c.destination() + 43, c.blocks()));
                byte[] list = parameterList(t, t.designator(), c.listId(), c.source(), c.destination(), c.blocks());
                Expect.good(u.sendOut(extendedCopy(list.length), list), "SPC-4 6.4: EXTENDED COPY (LID1) " + c);
                requireCompleted(u, c.listId(), c.toString());
                u.requireBlocks(u.read(c.destination(), c.blocks()), data, c.destination(), "SPC-4 6.4, 6.4.5 "
                        + "(block to block): after " + c + " the destination holds the source blocks");
                u.requireBlocks(u.read(c.source(), c.blocks()), data, c.source(), "SPC-4 6.4: a copy leaves its "
                        + "source unchanged");
            });
        });
    }

    /** COPY STATUS (SPC-4 6.18): polls while the copy is in progress, then requires completion without errors. */
    private static void requireCompleted(DirectAccessUnit u, int listId, String copy) {
        for (int i = 0; i < STATUS_POLLS; i++) {
            Exchange e = Expect.good(u.sendIn(receiveCopyResults(COPY_STATUS, listId, 12), 12), "SPC-4 6.18: "
                    + "RECEIVE COPY RESULTS, COPY STATUS of list " + listId);
            byte[] d = e.data();
            Expect.that(d.length == 12 && Bytes.u32(d, 0) == 8, e, "SPC-4 6.18: the COPY STATUS data is 12 bytes, "
                    + "AVAILABLE DATA 8");
            int status = d[4] & 0x7F;
            if (status == 0x00) {
                continue;
            }
            Expect.that(status == 0x01, e, "SPC-4 6.18: after " + copy + " COPY MANAGER STATUS is 01h, completed "
                    + "without errors, not " + String.format("%02Xh", status));
            Expect.that(Bytes.u16(d, 5) == 1, e, "SPC-4 6.18: SEGMENTS PROCESSED is 1 after a one-segment copy");
            return;
        }
        throw new ConformanceViolation("SPC-4 6.18: " + copy + " still in progress after " + STATUS_POLLS
                + " COPY STATUS requests");
    }

    private static void unreachable(CheckContext ctx) {
        each(ctx, t -> {
            DirectAccessUnit u = t.unit();
            int half = u.window() / 2;
            u.write(0, u.pattern(51, 1));
            byte[] destination = u.pattern(52, 1);
            u.write(half, destination);
            byte[] unknown = t.designator();
            unknown[unknown.length - 1] ^= (byte) 0xA5;
            byte[] list = parameterList(t, unknown, 7, 0, half, 1);
            Exchange e = u.sendOut(extendedCopy(list.length), list);
            Expect.checkCondition(e, SenseKey.COPY_ABORTED, AdditionalSense.COPY_TARGET_DEVICE_NOT_REACHABLE,
                    "SPC-4 6.4.3: EXTENDED COPY whose CSCD descriptor names a logical unit the copy manager cannot "
                            + "reach");
            u.requireBlocks(u.read(half, 1), destination, half, "SPC-4 6.4: an aborted copy copies nothing");
        });
    }
}
