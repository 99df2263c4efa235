package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.conformance.Check;
import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.ConformanceViolation;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Suite;
import io.github.scsiemu.conformance.catalog.CdbBit;
import io.github.scsiemu.conformance.scsi.Bytes;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.conformance.scsi.Commands;
import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Direct-access block devices (SBC-4): the commands that move logical blocks and report the capacity. Logical block
 * addresses outside the medium are rejected by every command that takes one (SBC-4 4.5); a read returns what the
 * last write wrote, whatever the CDB sizes; VERIFY with BYTCHK=01b and COMPARE AND WRITE compare byte for byte and
 * report the first difference; SYNCHRONIZE CACHE of the whole medium succeeds; READ CAPACITY (10) and (16) agree;
 * the Block Limits VPD page's maximums are enforced; FORMAT UNIT leaves the medium reading its initialization
 * pattern. Each check is unsupported for a logical unit that is not a direct-access device or does not list the
 * commands it needs in REPORT SUPPORTED OPERATION CODES. The laws write to the first
 * 64 blocks, and FORMAT UNIT to all of them: point the suite at a scratch disk.
 */
public final class BlockDeviceSuite implements Suite {

    /** The most blocks one command of a law transfers. */
    private static final int MAX_BLOCKS = 8;
    /** How far beyond the capacity, or below the top of the LBA field, the range law reaches. */
    private static final long REACH = 4096;
    /** The largest data-out the limits check sends. */
    private static final long MAX_LIMIT_BYTES = 16L << 20;
    /** How many TEST UNIT READYs a format in progress may take. */
    private static final int FORMAT_POLLS = 600;
    private static final int FORMAT_UNIT = 0x04;

    @Override
    public String name() {
        return "Direct-access block devices (SBC-4)";
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.of("readCapacity10And16Agree", "SBC-4 5.20, 5.21", BlockDeviceSuite::readCapacities),
                Check.of("logicalBlockAddressesOutsideTheMediumAreRejected",
                        "SBC-4 4.5 and the clause of each command", BlockDeviceSuite::outOfRange),
                Check.of("aReadReturnsWhatTheLastWriteWrote", "SBC-4 5.15-5.18, 5.39-5.42",
                        BlockDeviceSuite::readAfterWrite),
                Check.of("verifyWithByteCheckOfWhatWasWrittenIsGoodAndADifferenceIsAMiscompare",
                        "SBC-4 5.37-5.39", BlockDeviceSuite::verify),
                Check.of("compareAndWriteWritesOnlyWhenTheVerifyInstanceMatches", "SBC-4 5.3",
                        BlockDeviceSuite::compareAndWrite),
                Check.of("synchronizeCacheOfTheWholeMediumIsGood", "SBC-4 5.32, 5.33",
                        BlockDeviceSuite::synchronizeCache),
                Check.of("transfersBeyondTheBlockLimitsAreRejectedAtTheLengthField", "SBC-4 6.6.4",
                        BlockDeviceSuite::blockLimits),
                Check.of("formatUnitLeavesTheMediumReadingTheInitializationPattern", "SBC-4 5.4",
                        BlockDeviceSuite::formatUnit));
    }

    // ---- READ CAPACITY ----

    private static void readCapacities(CheckContext ctx) {
        DirectAccessUnit.each(ctx, List.of(DirectAccessUnit.READ_CAPACITY_16), unit -> {
            if (unit.catalog().find(Cdbs.READ_CAPACITY_10).isEmpty()) {
                ctx.note(unit.lun() + " lists READ CAPACITY(16) only");
                return;
            }
            Exchange ten = Expect.good(unit.sendIn(Cdbs.readCapacity10(), 8), "READ CAPACITY(10)");
            Exchange sixteen = Expect.good(unit.sendIn(DirectAccessUnit.readCapacity16(32), 32),
                    "READ CAPACITY(16)");
            byte[] t = ten.data();
            byte[] s = sixteen.data();
            Expect.that(t.length == 8, ten, "SBC-4 5.20: the READ CAPACITY(10) parameter data is 8 bytes");
            Expect.that(s.length == 32, sixteen, "SBC-4 5.21: the READ CAPACITY(16) parameter data is 32 bytes");
            long last = (Bytes.u32(s, 0) << 32) | Bytes.u32(s, 4);
            long expected = Long.compareUnsigned(last, 0xFFFF_FFFFL) > 0 ? 0xFFFF_FFFFL : last;
            Expect.that(Bytes.u32(t, 0) == expected, ten, "SBC-4 5.20: RETURNED LOGICAL BLOCK ADDRESS must be "
                    + "the last LBA reported by READ CAPACITY(16) (" + Long.toUnsignedString(last) + "), or "
                    + "FFFFFFFFh if that does not fit; it is " + Bytes.u32(t, 0));
            Expect.that(Bytes.u32(t, 4) == Bytes.u32(s, 8), ten, "SBC-4 5.20, 5.21: LOGICAL BLOCK LENGTH IN BYTES "
                    + "must be the same in both (READ CAPACITY(16) reports " + Bytes.u32(s, 8) + ")");
        });
    }

    // ---- LBA range ----

    /**
     * One command addressing blocks outside the medium.
     *
     * @param layout the command
     * @param lba    the LOGICAL BLOCK ADDRESS, unsigned
     * @param blocks the length field
     */
    record OutOfRange(SbcCdbLayout layout, long lba, long blocks) {
        @Override
        public String toString() {
            return layout.name() + " LBA " + Long.toUnsignedString(lba) + " length " + blocks;
        }
    }

    private static void outOfRange(CheckContext ctx) {
        DirectAccessUnit.each(ctx, List.of(), unit -> {
            List<SbcCdbLayout> eligible = new ArrayList<>();
            for (SbcCdbLayout layout : unit.listedOf(SbcCdbLayout.ALL)) {
                if (Long.compareUnsigned(unit.capacity(), layout.maximumLba()) > 0) {
                    ctx.note(unit.lun() + ": " + layout.name() + " cannot address beyond the capacity");
                } else if (layout == SbcCdbLayout.WRITE_ATOMIC_16 && (!unit.limitsReported()
                        || unit.limits().atomicAlignment() > 1 || unit.limits().atomicTransferLengthGranularity() > 1)) {
                    ctx.note(unit.lun() + ": WRITE ATOMIC(16) skipped: atomic alignment or granularity above one");
                } else {
                    eligible.add(layout);
                }
            }
            if (eligible.isEmpty()) {
                return;
            }
            for (SbcCdbLayout layout : eligible) {
                long cap = lengthCap(unit, layout);
                rejectedAsOutOfRange(unit, new OutOfRange(layout, unit.capacity(), Math.min(1, cap)));
                rejectedAsOutOfRange(unit, new OutOfRange(layout, layout.maximumLba(), Math.min(cap, 2)));
                if (cap >= 2) {
                    rejectedAsOutOfRange(unit, new OutOfRange(layout, unit.capacity() - 1, 2));
                }
            }
            ctx.note(unit.lun() + ": range checked for " + eligible);
            Gen<OutOfRange> gen = Gens.elements(eligible).flatMap(layout -> outOfRange(unit, layout));
            ctx.forAll("everyLbaRangeReachingPastTheLastLbaIsRejectedWithLbaOutOfRange", gen, 300,
                    r -> rejectedAsOutOfRange(unit, r));
        });
    }

    /** The largest length field the range law uses for a command: small, and within the command's maximum. */
    private static long lengthCap(DirectAccessUnit unit, SbcCdbLayout layout) {
        BlockLimitsVpd limits = unit.limits();
        long cap = layout == SbcCdbLayout.GET_LBA_STATUS ? 0 : Math.min(MAX_BLOCKS, layout.maximumLength());
        if (layout == SbcCdbLayout.COMPARE_AND_WRITE) {
            cap = Math.min(cap, Math.max(1, limits.maximumCompareAndWriteLength()));
        } else if (layout == SbcCdbLayout.WRITE_ATOMIC_16) {
            cap = Math.min(cap, Math.max(1, limits.maximumAtomicTransferLength()));
        } else if (layout == SbcCdbLayout.WRITE_SAME_10 || layout == SbcCdbLayout.WRITE_SAME_16) {
            cap = limits.maximumWriteSameLength() == 0 ? cap : Math.min(cap, limits.maximumWriteSameLength());
        } else if (layout != SbcCdbLayout.GET_LBA_STATUS && limits.maximumTransferLength() > 0) {
            cap = Math.min(cap, limits.maximumTransferLength());
        }
        return cap;
    }

    private static Gen<OutOfRange> outOfRange(DirectAccessUnit unit, SbcCdbLayout layout) {
        long cap = lengthCap(unit, layout);
        long min = Math.min(1, cap);
        long room = layout.maximumLba() - unit.capacity(); // unsigned, at least 0
        long reach = Long.compareUnsigned(room, REACH) < 0 ? room : REACH;
        Gen<Long> lengths = Gens.longs(min, cap);
        Gen<OutOfRange> pastTheEnd = Gens.pairs(Gens.longs(0, reach), lengths)
                .map(p -> new OutOfRange(layout, unit.capacity() + p.first(), p.second()));
        Gen<OutOfRange> nearTheTop = Gens.pairs(Gens.longs(0, reach), lengths)
                .map(p -> new OutOfRange(layout, layout.maximumLba() - p.first(), p.second()));
        if (cap < 2) {
            return Gens.oneOf(pastTheEnd, nearTheTop);
        }
        long back = Math.min(cap - 2, unit.capacity() - 1);
        Gen<OutOfRange> acrossTheEnd = Gens.pairs(Gens.longs(0, back), Gens.longs(0, cap - 2)).map(p -> {
            long lba = unit.capacity() - 1 - p.first();
            return new OutOfRange(layout, lba, Math.min(cap, p.first() + 2 + p.second()));
        });
        return Gens.oneOf(pastTheEnd, nearTheTop, acrossTheEnd);
    }

    private static void rejectedAsOutOfRange(DirectAccessUnit unit, OutOfRange r) {
        SbcCdbLayout layout = r.layout();
        byte[] dataOut = new byte[layout.dataOutLength(r.blocks(), unit.blockLength())];
        Exchange e = unit.send(layout.cdb(r.lba(), r.blocks()), layout, r.blocks(), dataOut);
        Expect.checkCondition(e, SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE,
                layout.clause() + ", SBC-4 4.5: " + r + " addresses blocks beyond the last LBA ("
                        + Long.toUnsignedString(unit.capacity() - 1) + ")");
    }

    // ---- read after write ----

    /** One step of a read/write sequence. */
    sealed interface Step permits Write, Read {
    }

    /**
     * A WRITE of pattern data.
     *
     * @param layout the WRITE command
     * @param lba    the first block
     * @param blocks the number of blocks
     * @param seed   the pattern's seed
     */
    record Write(SbcCdbLayout layout, int lba, int blocks, int seed) implements Step {
        @Override
        public String toString() {
            return layout.name() + " " + lba + "+" + blocks + " seed " + seed;
        }
    }

    /**
     * A READ.
     *
     * @param layout the READ command
     * @param lba    the first block
     * @param blocks the number of blocks
     */
    record Read(SbcCdbLayout layout, int lba, int blocks) implements Step {
        @Override
        public String toString() {
            return layout.name() + " " + lba + "+" + blocks;
        }
    }

    private static void readAfterWrite(CheckContext ctx) {
        DirectAccessUnit.each(ctx, List.of(), unit -> {
            List<SbcCdbLayout> reads = unit.listedOf(SbcCdbLayout.READS);
            List<SbcCdbLayout> writes = unit.listedOf(SbcCdbLayout.WRITES);
            if (reads.isEmpty() || writes.isEmpty()) {
                ctx.note(unit.lun() + " lists no READ or no WRITE");
                return;
            }
            int window = unit.window();
            int cap = unit.transferCap(MAX_BLOCKS);
            Gen<int[]> range = Gens.pairs(Gens.integers(0, window - 1), Gens.integers(1, cap))
                    .map(p -> new int[] {p.first(), Math.min(p.second(), window - p.first())});
            Gen<Step> write = Gens.pairs(Gens.elements(writes), Gens.pairs(range, Gens.integers(0, 1 << 20)))
                    .map(p -> new Write(p.first(), p.second().first()[0], p.second().first()[1],
                            p.second().second()));
            Gen<Step> read = Gens.pairs(Gens.elements(reads), range)
                    .map(p -> new Read(p.first(), p.second()[0], p.second()[1]));
            ctx.note(unit.lun() + ": " + writes + " and " + reads + " over " + window + " blocks");
            ctx.forAll("everyReadReturnsTheDataOfTheLastWriteToEachBlock", Gens.lists(Gens.oneOf(write, read), 1, 24),
                    40, steps -> {
                        byte[] model = unit.read(0, window);
                        int bl = unit.blockLength();
                        for (Step step : steps) {
                            if (step instanceof Write w) {
                                byte[] data = unit.pattern(w.seed(), w.blocks());
                                Expect.good(unit.sendOut(w.layout().cdb(w.lba(), w.blocks()), data),
                                        w.layout().clause() + ": " + w);
                                System.arraycopy(data, 0, model, w.lba() * bl, data.length);
                            } else if (step instanceof Read r) {
                                byte[] expected = java.util.Arrays.copyOfRange(model, r.lba() * bl,
                                        (r.lba() + r.blocks()) * bl);
                                unit.requireBlocks(unit.read(r.layout(), r.lba(), r.blocks()), expected, r.lba(),
                                        r.layout().clause() + ": " + r + " must return what the last writes wrote");
                            }
                        }
                        unit.requireBlocks(unit.read(0, window), model, 0, "after " + steps.size()
                                + " steps, the window must hold what the last writes wrote");
                    });
        });
    }

    // ---- VERIFY ----

    /**
     * A VERIFY of freshly written blocks, with the data-out changed at one byte for the miscompare.
     *
     * @param layout the VERIFY command
     * @param lba    the first block
     * @param blocks the number of blocks
     * @param seed   the pattern's seed
     * @param differ the byte (modulo the transfer) that differs in the second VERIFY
     */
    record Verification(SbcCdbLayout layout, int lba, int blocks, int seed, int differ) {
    }

    private static void verify(CheckContext ctx) {
        DirectAccessUnit.each(ctx, List.of(), unit -> {
            List<SbcCdbLayout> verifies = unit.listedOf(SbcCdbLayout.VERIFIES).stream()
                    .filter(l -> unit.listed(l).orElseThrow().uses(new CdbBit(1, 1))).toList();
            if (verifies.isEmpty() || unit.listedOf(SbcCdbLayout.WRITES).isEmpty()) {
                ctx.note(unit.lun() + " lists no VERIFY with BYTCHK, or no WRITE");
                return;
            }
            int window = unit.window();
            int cap = unit.transferCap(4);
            Gen<Verification> gen = Gens.pairs(Gens.pairs(Gens.elements(verifies), Gens.integers(0, window - 1)),
                    Gens.pairs(Gens.integers(1, cap), Gens.pairs(Gens.integers(0, 1 << 20),
                            Gens.integers(0, Integer.MAX_VALUE)))).map(p -> {
                                int lba = p.first().second();
                                int blocks = Math.min(p.second().first(), window - lba);
                                return new Verification(p.first().first(), lba, blocks,
                                        p.second().second().first(), p.second().second().second());
                            });
            ctx.forAll("verifyOfTheWrittenDataIsGoodAndOneChangedByteIsAMiscompareAtItsOffset", gen, 40, v -> {
                byte[] data = unit.pattern(v.seed(), v.blocks());
                unit.write(v.lba(), data);
                byte[] cdb = v.layout().cdb(v.lba(), v.blocks());
                cdb[1] |= 0x02; // BYTCHK = 01b
                Expect.good(unit.sendOut(cdb, data), v.layout().clause() + ": " + v.layout().name()
                        + " with BYTCHK=01b of the data just written");
                int offset = v.differ() % data.length;
                byte[] changed = data.clone();
                changed[offset] ^= 0x5A;
                requireMiscompareAt(unit.sendOut(cdb, changed), offset, v.layout().clause() + ": "
                        + v.layout().name() + " with BYTCHK=01b and data differing at byte " + offset);
            });
        });
    }

    /** Requires MISCOMPARE, MISCOMPARE DURING VERIFY OPERATION with INFORMATION = the offset. */
    private static void requireMiscompareAt(Exchange e, long offset, String what) {
        SenseData sense = Expect.checkCondition(e, SenseKey.MISCOMPARE,
                AdditionalSense.MISCOMPARE_DURING_VERIFY_OPERATION, what);
        Expect.that(sense.information().isPresent() && sense.information().getAsLong() == offset, e, what
                + ": VALID=1 with INFORMATION = " + offset + ", the offset in the data-out buffer of the first byte "
                + "that differs");
    }

    // ---- COMPARE AND WRITE ----

    /**
     * A COMPARE AND WRITE that matches, then one that differs at one byte.
     *
     * @param lba    the first block
     * @param blocks NUMBER OF LOGICAL BLOCKS
     * @param before the seed of the data written first
     * @param after  the seed of the write instance
     * @param differ the byte (modulo the verify instance) that differs in the second command
     */
    record CompareWrite(int lba, int blocks, int before, int after, int differ) {
    }

    private static void compareAndWrite(CheckContext ctx) {
        DirectAccessUnit.each(ctx, List.of(SbcCdbLayout.COMPARE_AND_WRITE), unit -> {
            if (unit.listedOf(SbcCdbLayout.WRITES).isEmpty() || unit.listedOf(SbcCdbLayout.READS).isEmpty()) {
                ctx.note(unit.lun() + " lists no READ or no WRITE");
                return;
            }
            int window = unit.window();
            int cap = Math.max(1, Math.min(4, unit.limits().maximumCompareAndWriteLength()));
            Gen<CompareWrite> gen = Gens.pairs(Gens.pairs(Gens.integers(0, window - 1), Gens.integers(1, cap)),
                    Gens.pairs(Gens.pairs(Gens.integers(0, 1 << 20), Gens.integers(0, 1 << 20)),
                            Gens.integers(0, Integer.MAX_VALUE))).map(p -> {
                                int lba = p.first().first();
                                return new CompareWrite(lba, Math.min(p.first().second(), window - lba),
                                        p.second().first().first(), p.second().first().second(), p.second().second());
                            });
            SbcCdbLayout caw = SbcCdbLayout.COMPARE_AND_WRITE;
            ctx.forAll("compareAndWriteOfTheCurrentDataWritesAndOfOtherDataIsAMiscompareThatWritesNothing", gen, 40,
                    c -> {
                        byte[] current = unit.pattern(c.before(), c.blocks());
                        byte[] next = unit.pattern(c.after() + 7, c.blocks());
                        unit.write(c.lba(), current);
                        Expect.good(unit.sendOut(caw.cdb(c.lba(), c.blocks()), concat(current, next)),
                                "SBC-4 5.3: COMPARE AND WRITE whose verify instance is the current data");
                        unit.requireBlocks(unit.read(c.lba(), c.blocks()), next, c.lba(), "SBC-4 5.3: after a "
                                + "matching COMPARE AND WRITE the blocks hold the write instance");
                        int offset = c.differ() % next.length;
                        byte[] wrong = next.clone();
                        wrong[offset] ^= 0x01;
                        requireMiscompareAt(unit.sendOut(caw.cdb(c.lba(), c.blocks()), concat(wrong, current)),
                                offset, "SBC-4 5.3: COMPARE AND WRITE whose verify instance differs at byte " + offset);
                        unit.requireBlocks(unit.read(c.lba(), c.blocks()), next, c.lba(), "SBC-4 5.3: a COMPARE AND "
                                + "WRITE that miscompares must write nothing");
                    });
        });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    // ---- SYNCHRONIZE CACHE ----

    private static void synchronizeCache(CheckContext ctx) {
        DirectAccessUnit.each(ctx, List.of(), unit -> {
            List<SbcCdbLayout> syncs = unit.listedOf(List.of(SbcCdbLayout.SYNCHRONIZE_CACHE_10,
                    SbcCdbLayout.SYNCHRONIZE_CACHE_16));
            if (syncs.isEmpty()) {
                ctx.note(unit.lun() + " lists no SYNCHRONIZE CACHE");
                return;
            }
            if (!unit.listedOf(SbcCdbLayout.WRITES).isEmpty()) {
                unit.write(0, unit.pattern(1, 1));
            }
            for (SbcCdbLayout sync : syncs) {
                Expect.good(unit.sendIn(sync.cdb(0, 0), 0), sync.clause() + ": " + sync.name()
                        + " with LBA 0 and NUMBER OF LOGICAL BLOCKS 0 (the whole medium)");
            }
        });
    }

    // ---- Block Limits ----

    private static void blockLimits(CheckContext ctx) {
        DirectAccessUnit.each(ctx, List.of(), unit -> {
            if (!unit.limitsReported()) {
                ctx.note(unit.lun() + " does not report the Block Limits VPD page");
                return;
            }
            BlockLimitsVpd limits = unit.limits();
            List<String> tested = new ArrayList<>();
            List<SbcCdbLayout> transfers = new ArrayList<>(SbcCdbLayout.READS);
            transfers.addAll(SbcCdbLayout.WRITES);
            transfers.addAll(SbcCdbLayout.VERIFIES);
            transfers.addAll(List.of(SbcCdbLayout.WRITE_AND_VERIFY_10, SbcCdbLayout.WRITE_AND_VERIFY_12,
                    SbcCdbLayout.WRITE_AND_VERIFY_16, SbcCdbLayout.ORWRITE_16));
            for (SbcCdbLayout layout : unit.listedOf(transfers)) {
                beyond(unit, layout, limits.maximumTransferLength(), "MAXIMUM TRANSFER LENGTH", tested);
            }
            if (unit.listed(SbcCdbLayout.COMPARE_AND_WRITE).isPresent()) {
                beyond(unit, SbcCdbLayout.COMPARE_AND_WRITE, limits.maximumCompareAndWriteLength(),
                        "MAXIMUM COMPARE AND WRITE LENGTH", tested);
            }
            for (SbcCdbLayout layout : unit.listedOf(List.of(SbcCdbLayout.WRITE_SAME_10,
                    SbcCdbLayout.WRITE_SAME_16))) {
                beyond(unit, layout, limits.maximumWriteSameLength(), "MAXIMUM WRITE SAME LENGTH", tested);
            }
            ctx.note(unit.lun() + ": limits enforced for " + tested);
        });
    }

    /**
     * Sends a command one block beyond a limit at LBA 0, when the length field can say it and the medium holds
     * it (so that no LBA range error competes), and requires INVALID FIELD IN CDB at the length field.
     */
    private static void beyond(DirectAccessUnit unit, SbcCdbLayout layout, long limit, String limitName,
            List<String> tested) {
        long blocks = limit + 1;
        if (limit == 0 || blocks > layout.maximumLength() || blocks > unit.capacity()
                || blocks * unit.blockLength() * 2 > MAX_LIMIT_BYTES) {
            return;
        }
        byte[] dataOut = new byte[layout.dataOutLength(blocks, unit.blockLength())];
        Exchange e = unit.send(layout.cdb(0, blocks), layout, blocks, dataOut);
        Expect.invalidFieldInCdb(e, layout.lengthOffset(), OptionalInt.empty(), "SBC-4 6.6.4, " + layout.clause()
                + ": " + layout.name() + " of " + blocks + " blocks exceeds the " + limitName + " (" + limit + ")");
        tested.add(layout.name());
    }

    // ---- FORMAT UNIT ----

    private static void formatUnit(CheckContext ctx) {
        DirectAccessUnit.each(ctx, List.of(), unit -> {
            if (unit.catalog().find(FORMAT_UNIT).isEmpty() || unit.listedOf(SbcCdbLayout.READS).isEmpty()) {
                ctx.note(unit.lun() + " lists no FORMAT UNIT or no READ");
                return;
            }
            if (!unit.catalog().find(FORMAT_UNIT).orElseThrow().uses(new CdbBit(1, 4))) {
                ctx.note(unit.lun() + ": FORMAT UNIT does not take a parameter list (FMTDATA)");
                return;
            }
            int window = unit.window();
            if (!unit.listedOf(SbcCdbLayout.WRITES).isEmpty()) {
                unit.write(0, unit.pattern(3, window));
                unit.write(unit.capacity() - 1, unit.pattern(4, 1));
            }
            byte[] cdb = new byte[6];
            cdb[0] = FORMAT_UNIT;
            cdb[1] = 0x10; // FMTDATA=1, LONGLIST=0, CMPLST=0, DEFECT LIST FORMAT 000b
            byte[] list = {
                0x00, (byte) 0x88, 0x00, 0x00, // short header: FOV=1, IP=1, DEFECT LIST LENGTH 0
                0x00, 0x01, 0x00, 0x04, // initialization pattern descriptor: repeat, 4 bytes
                0x00, 0x00, 0x00, 0x00};
            Exchange format = unit.sendOut(cdb, list);
            Expect.good(format, "SBC-4 5.4: FORMAT UNIT with an initialization pattern of zeros");
            awaitReady(unit);
            byte[] zeros = new byte[window * unit.blockLength()];
            unit.requireBlocks(unit.read(0, window), zeros, 0, "SBC-4 5.4: after FORMAT UNIT with an "
                    + "initialization pattern of zeros every block reads zeros");
            unit.requireBlocks(unit.read(unit.capacity() - 1, 1), new byte[unit.blockLength()],
                    unit.capacity() - 1, "SBC-4 5.4: after FORMAT UNIT the last block reads zeros too");
        });
    }

    /** Waits while TEST UNIT READY reports FORMAT IN PROGRESS (SBC-4 5.4: a format may complete after GOOD). */
    private static void awaitReady(DirectAccessUnit unit) {
        for (int i = 0; i < FORMAT_POLLS; i++) {
            Exchange tur = Commands.send(unit.session(), unit.lun(), Cdbs.testUnitReady(), 0);
            if (!tur.isCheckCondition(SenseKey.NOT_READY,
                    AdditionalSense.LOGICAL_UNIT_NOT_READY_FORMAT_IN_PROGRESS)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConformanceViolation("interrupted while FORMAT UNIT was in progress");
            }
        }
        throw new ConformanceViolation("SBC-4 5.4: FORMAT UNIT still in progress after " + FORMAT_POLLS
                + " TEST UNIT READY commands");
    }
}
