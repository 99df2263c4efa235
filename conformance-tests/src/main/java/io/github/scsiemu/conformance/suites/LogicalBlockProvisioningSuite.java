package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.conformance.Check;
import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.ConformanceViolation;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Suite;
import io.github.scsiemu.conformance.catalog.CdbBit;
import io.github.scsiemu.conformance.scsi.Bytes;
import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Logical block provisioning (SBC-4 4.7) and the commands that fill or release ranges of blocks: WRITE SAME (10)
 * and (16) write their one block to every block of the range, with or without UNMAP; after UNMAP, GET LBA STATUS
 * reports the range deallocated or anchored, and with LBPRZ=1 it reads as zeros; GET LBA STATUS descriptors start at
 * the requested LBA, are contiguous and tell the truth about blocks just written or unmapped; UNMAP of blocks
 * outside the medium is rejected. The provisioning checks need LBPME=1 in READ CAPACITY(16); each check is
 * unsupported for a logical unit that does not list the commands it needs. The laws write to the first
 * 64 blocks: point the suite at a scratch disk.
 */
public final class LogicalBlockProvisioningSuite implements Suite {

    private static final int UNMAP = 0x42;
    private static final int DESCRIPTOR = 16;
    private static final int HEADER = 8;
    private static final int MAPPED = 0x0;
    private static final int DEALLOCATED = 0x1;
    private static final int ANCHORED = 0x2;
    private static final int MAX_BLOCKS = 16;

    @Override
    public String name() {
        return "Logical block provisioning (SBC-4)";
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.of("writeSameThenReadReturnsTheBlockInEveryBlockOfTheRange", "SBC-4 5.49, 5.50",
                        LogicalBlockProvisioningSuite::writeSame),
                Check.of("unmappedBlocksAreReportedDeallocatedOrAnchoredAndReadAsZerosWithLbprz",
                        "SBC-4 4.7.3, 5.8, 5.32", LogicalBlockProvisioningSuite::unmap),
                Check.of("getLbaStatusStartsAtTheRequestedLbaWithContiguousTruthfulDescriptors", "SBC-4 5.8.2",
                        LogicalBlockProvisioningSuite::lbaStatus),
                Check.of("unmapOfBlocksOutsideTheMediumIsRejected", "SBC-4 5.32, 4.5",
                        LogicalBlockProvisioningSuite::unmapOutOfRange));
    }

    // ---- WRITE SAME ----

    /**
     * One WRITE SAME.
     *
     * @param layout WRITE SAME (10) or (16)
     * @param lba    the first block
     * @param blocks NUMBER OF LOGICAL BLOCKS, at least one
     * @param seed   the seed of the block, or -1 for a block of zeros
     * @param unmap  the UNMAP bit
     */
    record WriteSame(SbcCdbLayout layout, int lba, int blocks, int seed, boolean unmap) {
    }

    private static void writeSame(CheckContext ctx) {
        DirectAccessUnit.each(ctx, List.of(), unit -> {
            List<SbcCdbLayout> layouts = unit.listedOf(List.of(SbcCdbLayout.WRITE_SAME_10,
                    SbcCdbLayout.WRITE_SAME_16));
            if (layouts.isEmpty() || unit.listedOf(SbcCdbLayout.READS).isEmpty()) {
                ctx.note(unit.lun() + " lists no WRITE SAME or no READ");
                return;
            }
            int window = unit.window();
            long maximum = unit.limits().maximumWriteSameLength();
            int cap = (int) (maximum == 0 ? MAX_BLOCKS : Math.min(MAX_BLOCKS, maximum));
            boolean unmapAllowed = unit.lbpme();
            Gen<WriteSame> gen = Gens.pairs(Gens.pairs(Gens.elements(layouts), Gens.integers(0, window - 1)),
                    Gens.pairs(Gens.pairs(Gens.integers(1, cap), Gens.integers(-1, 1 << 20)), Gens.booleans()))
                    .map(p -> {
                        SbcCdbLayout layout = p.first().first();
                        int lba = p.first().second();
                        boolean unmap = p.second().second() && unmapAllowed
                                && unit.listed(layout).orElseThrow().uses(new CdbBit(1, 3));
                        return new WriteSame(layout, lba, Math.min(p.second().first().first(), window - lba),
                                p.second().first().second(), unmap);
                    });
            ctx.forAll("writeSameFillsExactlyItsRangeWithTheDataOutBlock", gen, 40, w -> {
                int bl = unit.blockLength();
                byte[] before = unit.read(0, window);
                byte[] block = w.seed() < 0 ? new byte[bl] : unit.pattern(w.seed(), 1);
                byte[] cdb = w.layout().cdb(w.lba(), w.blocks());
                if (w.unmap()) {
                    cdb[1] |= 0x08;
                }
                Expect.good(unit.sendOut(cdb, block), w.layout().clause() + ": " + w);
                byte[] expected = before.clone();
                for (int i = 0; i < w.blocks(); i++) {
                    System.arraycopy(block, 0, expected, (w.lba() + i) * bl, bl);
                }
                byte[] after = unit.read(0, window);
                if (w.unmap() && unit.lbprz() && !Arrays.equals(after, expected)) {
                    // SBC-4 5.50: UNMAP 1, ANCHOR 0 asks for an unmap operation on each LBA; an LBA the device
                    // server unmaps reads zeros (LBPRZ = 1), one it does not unmap gets the data-out block
                    byte[] zeros = new byte[bl];
                    for (int i = 0; i < w.blocks(); i++) {
                        int at = (w.lba() + i) * bl;
                        if (Arrays.equals(after, at, at + bl, zeros, 0, bl)) {
                            Arrays.fill(expected, at, at + bl, (byte) 0);
                        }
                    }
                }
                unit.requireBlocks(after, expected, 0, w.layout().clause() + ": after " + w
                        + " every block of the range reads the data-out block (or, with UNMAP and LBPRZ = 1,"
                        + " zeros) and no other block changes");
            });
        });
    }

    // ---- UNMAP and GET LBA STATUS ----

    /**
     * A range of blocks.
     *
     * @param lba    the first block
     * @param blocks the number of blocks
     */
    record Range(long lba, long blocks) {
    }

    private static List<SbcCdbLayout> provisioningCommands() {
        return List.of(SbcCdbLayout.GET_LBA_STATUS);
    }

    private static boolean managed(CheckContext ctx, DirectAccessUnit unit) {
        if (!unit.lbpme() || unit.catalog().find(UNMAP).isEmpty()) {
            ctx.note(unit.lun() + ": no logical block provisioning management (LBPME=0) or no UNMAP");
            return false;
        }
        return true;
    }

    /** Ranges of the window aligned to the unmap granularity, so the device server must unmap all of them. */
    private static Gen<Range> unmapRanges(DirectAccessUnit unit) {
        long granularity = Math.max(1, unit.limits().optimalUnmapGranularity());
        long alignment = unit.limits().unmapGranularityAlignment() % granularity;
        int window = unit.window();
        long granules = (window - alignment) / granularity;
        if (granules < 1) {
            return null;
        }
        return Gens.pairs(Gens.longs(0, granules - 1), Gens.longs(1, Math.max(1, Math.min(4, granules)))).map(p -> {
            long first = p.first();
            long count = Math.min(p.second(), granules - first);
            return new Range(alignment + first * granularity, count * granularity);
        });
    }

    private static void unmap(CheckContext ctx) {
        DirectAccessUnit.each(ctx, provisioningCommands(), unit -> {
            if (!managed(ctx, unit) || unit.listedOf(SbcCdbLayout.WRITES).isEmpty()) {
                return;
            }
            Gen<Range> ranges = unmapRanges(unit);
            if (ranges == null) {
                ctx.note(unit.lun() + ": the unmap granularity exceeds the window");
                return;
            }
            int window = unit.window();
            int bl = unit.blockLength();
            ctx.forAll("unmappedRangesAreDeallocatedOrAnchoredAndTheRestIsUnchanged", ranges, 40, r -> {
                unit.write(0, unit.pattern((int) r.lba() + 11, window));
                byte[] before = unit.read(0, window);
                Expect.good(unmap(unit, List.of(r)), "SBC-4 5.32: UNMAP of " + r);
                requireStatus(unit, r, "SBC-4 4.7.3, 5.8: after UNMAP of " + r, DEALLOCATED, ANCHORED);
                byte[] after = unit.read(0, window);
                for (int b = 0; b < window; b++) {
                    boolean inside = b >= r.lba() && b < r.lba() + r.blocks();
                    byte[] expected = inside ? new byte[bl] : Arrays.copyOfRange(before, b * bl, (b + 1) * bl);
                    if (inside && !unit.lbprz()) {
                        continue;
                    }
                    unit.requireBlocks(Arrays.copyOfRange(after, b * bl, (b + 1) * bl), expected, b,
                            inside ? "SBC-4 4.7 (LBPRZ): with LBPRZ=1 a deallocated or anchored block reads as zeros"
                                    : "SBC-4 5.32: UNMAP must not change blocks outside its descriptors");
                }
            });
        });
    }

    /** UNMAP with one block descriptor per range (SBC-4 5.32.2). */
    static Exchange unmap(DirectAccessUnit unit, List<Range> ranges) {
        byte[] list = new byte[HEADER + DESCRIPTOR * ranges.size()];
        Bytes.put(list, 0, 2, list.length - 2);
        Bytes.put(list, 2, 2, (long) DESCRIPTOR * ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            Bytes.put(list, HEADER + DESCRIPTOR * i, 8, ranges.get(i).lba());
            Bytes.put(list, HEADER + DESCRIPTOR * i + 8, 4, ranges.get(i).blocks());
        }
        byte[] cdb = new byte[10];
        cdb[0] = UNMAP;
        Bytes.put(cdb, 7, 2, list.length);
        return unit.sendOut(cdb, list);
    }

    /**
     * One LBA status descriptor (SBC-4 5.8.2).
     *
     * @param lba    the first block
     * @param blocks the number of blocks
     * @param status the PROVISIONING STATUS
     */
    record LbaStatus(long lba, long blocks, int status) {
    }

    /** GET LBA STATUS from {@code lba}, checking the parameter data's structure (SBC-4 5.8.2). */
    static List<LbaStatus> getLbaStatus(DirectAccessUnit unit, long lba, int descriptors) {
        int allocation = HEADER + DESCRIPTOR * descriptors;
        byte[] cdb = SbcCdbLayout.GET_LBA_STATUS.cdb(lba, 0);
        Bytes.put(cdb, 10, 4, allocation);
        Exchange e = Expect.good(unit.sendIn(cdb, allocation), "SBC-4 5.8: GET LBA STATUS at LBA " + lba);
        byte[] d = e.data();
        Expect.that(d.length >= HEADER + DESCRIPTOR, e, "SBC-4 5.8.2: GET LBA STATUS of an LBA on the medium "
                + "returns at least one descriptor");
        long length = Bytes.u32(d, 0);
        Expect.that((length - 4) % DESCRIPTOR == 0 && length >= 4 + DESCRIPTOR, e, "SBC-4 5.8.2: PARAMETER DATA "
                + "LENGTH (" + length + ") must be 4 plus 16 per LBA status descriptor");
        int returned = (int) Math.min((length - 4) / DESCRIPTOR, (d.length - HEADER) / DESCRIPTOR);
        List<LbaStatus> list = new ArrayList<>();
        long next = lba;
        for (int i = 0; i < returned; i++) {
            int at = HEADER + DESCRIPTOR * i;
            LbaStatus s = new LbaStatus((Bytes.u32(d, at) << 32) | Bytes.u32(d, at + 4), Bytes.u32(d, at + 8),
                    Bytes.u8(d, at + 12) & 0x0F);
            Expect.that(s.lba() == next, e, "SBC-4 5.8.2: descriptor " + i + " must start at LBA " + next
                    + (i == 0 ? " (the STARTING LOGICAL BLOCK ADDRESS)" : " (where the previous one ended)")
                    + ", not " + s.lba());
            Expect.that(s.blocks() >= 1 && s.lba() + s.blocks() <= unit.capacity(), e, "SBC-4 5.8.2: descriptor "
                    + i + " must cover at least one block of the medium: " + s);
            Expect.that(s.status() <= 0x4, e, "SBC-4 5.8.2: PROVISIONING STATUS " + s.status() + " is reserved");
            list.add(s);
            next = s.lba() + s.blocks();
        }
        return list;
    }

    /** Requires every block of the range to have one of the statuses, walking GET LBA STATUS from its start. */
    private static void requireStatus(DirectAccessUnit unit, Range r, String what, int... statuses) {
        long next = r.lba();
        while (next < r.lba() + r.blocks()) {
            for (LbaStatus s : getLbaStatus(unit, next, 32)) {
                if (s.lba() >= r.lba() + r.blocks()) {
                    break;
                }
                if (Arrays.stream(statuses).noneMatch(x -> x == s.status())) {
                    throw new ConformanceViolation(what + ": GET LBA STATUS reports blocks " + s.lba() + "+"
                            + s.blocks() + " with PROVISIONING STATUS " + s.status() + ", expected one of "
                            + Arrays.toString(statuses));
                }
                next = s.lba() + s.blocks();
            }
        }
    }

    /**
     * A change to the provisioning of a range: a WRITE (maps it) or an UNMAP (deallocates or anchors it).
     *
     * @param range the blocks
     * @param write true for WRITE, false for UNMAP
     */
    record Change(Range range, boolean write) {
    }

    /**
     * A sequence of changes, then GET LBA STATUS.
     *
     * @param changes     the changes
     * @param start       the STARTING LOGICAL BLOCK ADDRESS
     * @param descriptors how many descriptors the allocation length holds
     */
    record StatusQuery(List<Change> changes, long start, int descriptors) {
    }

    private static void lbaStatus(CheckContext ctx) {
        DirectAccessUnit.each(ctx, provisioningCommands(), unit -> {
            boolean canUnmap = managed(ctx, unit) && unit.limits().optimalUnmapGranularity() <= 1;
            if (unit.listedOf(SbcCdbLayout.WRITES).isEmpty()) {
                ctx.note(unit.lun() + " lists no WRITE");
                return;
            }
            int window = unit.window();
            Gen<Range> range = Gens.pairs(Gens.integers(0, window - 1), Gens.integers(1, 8))
                    .map(p -> new Range(p.first(), Math.min(p.second(), window - p.first())));
            Gen<Change> change = Gens.pairs(range, canUnmap ? Gens.booleans() : Gens.constant(true))
                    .map(p -> new Change(p.first(), p.second()));
            Gen<StatusQuery> gen = Gens.pairs(Gens.lists(change, 0, 12), Gens.pairs(
                    Gens.oneOf(Gens.longs(0, window - 1), Gens.longs(0, unit.capacity() - 1)), Gens.integers(1, 40)))
                    .map(p -> new StatusQuery(p.first(), p.second().first(), p.second().second()));
            ctx.forAll("lbaStatusDescriptorsAreContiguousFromTheStartAndAgreeWithTheLastChange", gen, 40, q -> {
                int[] known = new int[window];
                Arrays.fill(known, -1);
                for (Change c : q.changes()) {
                    if (c.write()) {
                        unit.write(c.range().lba(), unit.pattern((int) c.range().lba(), (int) c.range().blocks()));
                    } else {
                        Expect.good(unmap(unit, List.of(c.range())), "SBC-4 5.32: UNMAP of " + c.range());
                    }
                    for (long b = c.range().lba(); b < c.range().lba() + c.range().blocks(); b++) {
                        known[(int) b] = c.write() ? MAPPED : DEALLOCATED;
                    }
                }
                for (LbaStatus s : getLbaStatus(unit, q.start(), q.descriptors())) {
                    for (long b = s.lba(); b < Math.min(window, s.lba() + s.blocks()); b++) {
                        int expected = known[(int) b];
                        boolean agrees = expected < 0 || (expected == MAPPED ? s.status() == MAPPED
                                : s.status() == DEALLOCATED || s.status() == ANCHORED);
                        if (!agrees) {
                            throw new ConformanceViolation("SBC-4 5.8.2: block " + b + " was last "
                                    + (expected == MAPPED ? "written (mapped)" : "unmapped (deallocated or anchored)")
                                    + " but GET LBA STATUS reports PROVISIONING STATUS " + s.status() + " in " + s);
                        }
                    }
                }
            });
        });
    }

    // ---- UNMAP range ----

    private static void unmapOutOfRange(CheckContext ctx) {
        DirectAccessUnit.each(ctx, List.of(), unit -> {
            if (!managed(ctx, unit)) {
                return;
            }
            long capacity = unit.capacity();
            Gen<Range> beyond = Gens.oneOf(
                    Gens.pairs(Gens.longs(0, 4096), Gens.longs(1, 8))
                            .map(p -> new Range(capacity + p.first(), p.second())),
                    Gens.pairs(Gens.longs(0, 7), Gens.longs(0, 7))
                            .map(p -> new Range(capacity - 1 - Math.min(p.first(), capacity - 1),
                                    Math.min(p.first(), capacity - 1) + 2 + p.second())),
                    Gens.pairs(Gens.longs(0, 4096), Gens.longs(1, 8))
                            .map(p -> new Range(-1L - p.first(), p.second())));
            ctx.forAll("anUnmapDescriptorReachingPastTheLastLbaIsRejectedWithLbaOutOfRange", beyond, 100,
                    r -> Expect.checkCondition(unmap(unit, List.of(r)), SenseKey.ILLEGAL_REQUEST,
                            AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE, "SBC-4 5.32: UNMAP of LBA "
                                    + Long.toUnsignedString(r.lba()) + " + " + r.blocks() + " blocks, beyond the "
                                    + "last LBA " + (capacity - 1)));
        });
    }
}
