package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.api.Status;
import io.github.scsiemu.conformance.Check;
import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Suite;
import io.github.scsiemu.conformance.catalog.CdbBit;
import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import java.util.List;
import java.util.OptionalInt;

/**
 * The SBC-4 commands that write in another way than WRITE, and PRE-FETCH: ORWRITE (16) stores the bitwise OR of
 * the old and the new data; WRITE ATOMIC (16) writes like WRITE and rejects a transfer above the MAXIMUM ATOMIC
 * TRANSFER LENGTH of the Block Limits VPD page at its TRANSFER LENGTH; WRITE AND VERIFY (10), (12) and (16) write
 * what a READ then returns, with BYTCHK=00b and 01b alike (the verification of data just written cannot miscompare);
 * PRE-FETCH (10) and (16) end with GOOD or CONDITION MET and reject blocks beyond the medium. Each check runs on
 * the direct-access units that list the command and are not write-protected, and is unsupported if there is none.
 * The laws write to the first 64 blocks: point the suite at a scratch disk.
 */
public final class WriteVariantsSuite implements Suite {

    private static final int MAX_BLOCKS = 8;
    private static final List<SbcCdbLayout> WRITE_AND_VERIFY = List.of(SbcCdbLayout.WRITE_AND_VERIFY_10,
            SbcCdbLayout.WRITE_AND_VERIFY_12, SbcCdbLayout.WRITE_AND_VERIFY_16);
    private static final List<SbcCdbLayout> PRE_FETCH = List.of(SbcCdbLayout.PRE_FETCH_10, SbcCdbLayout.PRE_FETCH_16);

    @Override
    public String name() {
        return "ORWRITE, WRITE ATOMIC, WRITE AND VERIFY and PRE-FETCH (SBC-4)";
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.of("orWriteStoresTheBitwiseOrOfTheOldAndTheNewData", "SBC-4 5.7 ORWRITE(16)",
                        WriteVariantsSuite::orWrite),
                Check.of("writeAtomicWritesLikeWriteAndRejectsMoreThanTheMaximumAtomicTransferLength",
                        "SBC-4 5.48 WRITE ATOMIC(16), 6.6.4", WriteVariantsSuite::writeAtomic),
                Check.of("writeAndVerifyWritesWhatAReadReturnsWithEitherByteCheck",
                        "SBC-4 5.43-5.45 WRITE AND VERIFY(10)/(12)/(16)", WriteVariantsSuite::writeAndVerify),
                Check.of("preFetchIsGoodOrConditionMetAndRejectsBlocksBeyondTheMedium",
                        "SBC-4 5.10-5.11 PRE-FETCH(10)/(16)", WriteVariantsSuite::preFetch));
    }

    /**
     * A write of pattern data over pattern data.
     *
     * @param layout the command
     * @param lba    the first block
     * @param blocks the number of blocks
     * @param old    the seed of the data written first
     * @param data   the seed of the command's data-out
     * @param bytchk the BYTCHK field (WRITE AND VERIFY only)
     */
    record Overwrite(SbcCdbLayout layout, int lba, int blocks, int old, int data, int bytchk) {
    }

    private static Gen<Overwrite> overwrites(DirectAccessUnit unit, List<SbcCdbLayout> layouts, int cap,
            Gen<Integer> bytchk) {
        int window = unit.window();
        return Gens.pairs(Gens.pairs(Gens.elements(layouts), Gens.pairs(Gens.integers(0, window - 1),
                Gens.integers(1, cap))), Gens.pairs(Gens.pairs(Gens.integers(0, 1 << 20), Gens.integers(0, 1 << 20)),
                        bytchk)).map(p -> {
                            int lba = p.first().second().first();
                            return new Overwrite(p.first().first(), lba,
                                    Math.min(p.first().second().second(), window - lba),
                                    p.second().first().first(), p.second().first().second(), p.second().second());
                        });
    }

    // ---- ORWRITE ----

    private static void orWrite(CheckContext ctx) {
        UnitSelection.writable(ctx, List.of(SbcCdbLayout.ORWRITE_16), unit -> {
            Gen<Overwrite> gen = overwrites(unit, List.of(SbcCdbLayout.ORWRITE_16), unit.transferCap(MAX_BLOCKS),
                    Gens.constant(0));
            ctx.forAll("everyBlockAfterOrWriteIsTheOldBlockOrTheDataOutBlock", gen, 30, o -> {
                byte[] old = unit.pattern(o.old(), o.blocks());
                byte[] data = unit.pattern(o.data() + 1, o.blocks());
                unit.write(o.lba(), old);
                Expect.good(unit.sendOut(o.layout().cdb(o.lba(), o.blocks()), data), "SBC-4 5.7: " + o);
                byte[] expected = new byte[old.length];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (byte) (old[i] | data[i]);
                }
                unit.requireBlocks(unit.read(o.lba(), o.blocks()), expected, o.lba(), "SBC-4 5.7: after " + o
                        + " each byte must be the OR of the old byte and the data-out byte");
            });
        });
    }

    // ---- WRITE ATOMIC ----

    private static void writeAtomic(CheckContext ctx) {
        SbcCdbLayout atomic = SbcCdbLayout.WRITE_ATOMIC_16;
        UnitSelection.writable(ctx, List.of(atomic), unit -> {
            BlockLimitsVpd limits = unit.limits();
            long maximum = limits.maximumAtomicTransferLength();
            Expect.that(unit.limitsReported() && maximum > 0, null, "SBC-4 6.6.4: a unit that lists WRITE ATOMIC(16) "
                    + "reports a MAXIMUM ATOMIC TRANSFER LENGTH above zero in the Block Limits VPD page");
            long alignment = Math.max(1, limits.atomicAlignment());
            long granularity = Math.max(1, limits.atomicTransferLengthGranularity());
            int window = unit.window();
            long maxBlocks = Math.min(Math.min(MAX_BLOCKS, maximum), window) / granularity * granularity;
            if (maxBlocks < 1 || alignment >= window) {
                ctx.note(unit.lun() + ": atomic alignment or granularity beyond the window; law skipped");
            } else {
                Gen<Overwrite> gen = Gens.pairs(Gens.pairs(Gens.longs(0, (window - maxBlocks) / alignment),
                        Gens.longs(1, maxBlocks / granularity)), Gens.integers(0, 1 << 20)).map(p ->
                                new Overwrite(atomic, (int) (p.first().first() * alignment),
                                        (int) (p.first().second() * granularity), 0, p.second(), 0));
                ctx.forAll("anAtomicWriteWithinTheLimitsReadsBackAsWritten", gen, 30, o -> {
                    byte[] data = unit.pattern(o.data(), o.blocks());
                    Expect.good(unit.sendOut(atomic.cdb(o.lba(), o.blocks()), data), "SBC-4 5.48: " + o);
                    unit.requireBlocks(unit.read(o.lba(), o.blocks()), data, o.lba(), "SBC-4 5.48: after " + o
                            + " a READ returns the data written");
                });
            }
            long beyond = maximum + 1;
            if (beyond > atomic.maximumLength() || beyond > unit.capacity()
                    || (limits.maximumTransferLength() > 0 && beyond > limits.maximumTransferLength())) {
                ctx.note(unit.lun() + ": MAXIMUM ATOMIC TRANSFER LENGTH + 1 cannot be sent on its own");
                return;
            }
            byte[] before = unit.read(0, window);
            byte[] data = unit.pattern(99, (int) beyond);
            Exchange e = unit.sendOut(atomic.cdb(0, beyond), data);
            Expect.invalidFieldInCdb(e, atomic.lengthOffset(), OptionalInt.empty(), "SBC-4 5.48, 6.6.4: WRITE "
                    + "ATOMIC(16) of " + beyond + " blocks exceeds the MAXIMUM ATOMIC TRANSFER LENGTH (" + maximum
                    + ")");
            unit.requireBlocks(unit.read(0, window), before, 0, "SBC-4 5.48: a rejected WRITE ATOMIC(16) writes "
                    + "nothing");
        });
    }

    // ---- WRITE AND VERIFY ----

    private static void writeAndVerify(CheckContext ctx) {
        UnitSelection.writable(ctx, WRITE_AND_VERIFY, unit -> {
            List<SbcCdbLayout> layouts = unit.listedOf(WRITE_AND_VERIFY);
            boolean byteCheck = layouts.stream().allMatch(l -> unit.listed(l).orElseThrow().uses(new CdbBit(1, 1)));
            Gen<Overwrite> gen = overwrites(unit, layouts, unit.transferCap(MAX_BLOCKS),
                    byteCheck ? Gens.integers(0, 1) : Gens.constant(0));
            ctx.forAll("writeAndVerifyIsGoodAndAReadReturnsItsData", gen, 30, o -> {
                unit.write(o.lba(), unit.pattern(o.old(), o.blocks()));
                byte[] data = unit.pattern(o.data() + 3, o.blocks());
                byte[] cdb = o.layout().cdb(o.lba(), o.blocks());
                cdb[1] |= (byte) (o.bytchk() << 1);
                Expect.good(unit.sendOut(cdb, data), o.layout().clause() + ": " + o + " (with BYTCHK=01b the "
                        + "data-out is compared with the blocks just written from it, so it cannot miscompare)");
                unit.requireBlocks(unit.read(o.lba(), o.blocks()), data, o.lba(), o.layout().clause() + ": after "
                        + o + " a READ returns the data written");
            });
        });
    }

    // ---- PRE-FETCH ----

    private static void preFetch(CheckContext ctx) {
        UnitSelection.each(ctx, "listing PRE-FETCH", unit -> !unit.listedOf(PRE_FETCH).isEmpty(), unit -> {
            List<SbcCdbLayout> layouts = unit.listedOf(PRE_FETCH);
            for (SbcCdbLayout layout : layouts) {
                requireGoodOrConditionMet(unit.sendIn(layout.cdb(0, 0), 0), layout.clause() + ": " + layout.name()
                        + " of every block from LBA 0 (PREFETCH LENGTH 0)");
                if (unit.listed(layout).orElseThrow().uses(new CdbBit(1, 1))) {
                    byte[] immediate = layout.cdb(unit.capacity() - 1, 1);
                    immediate[1] |= 0x02;
                    requireGoodOrConditionMet(unit.sendIn(immediate, 0), layout.clause() + ": " + layout.name()
                            + " of the last block with IMMED=1");
                }
                if (Long.compareUnsigned(unit.capacity(), layout.maximumLba()) <= 0) {
                    Exchange e = unit.sendIn(layout.cdb(unit.capacity(), 1), 0);
                    Expect.checkCondition(e, SenseKey.ILLEGAL_REQUEST,
                            AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE, layout.clause() + ": "
                                    + layout.name() + " of the block after the last LBA");
                }
            }
            int window = unit.window();
            Gen<int[]> ranges = Gens.pairs(Gens.elements(layouts.size() > 1 ? List.of(0, 1) : List.of(0)),
                    Gens.pairs(Gens.integers(0, window - 1), Gens.integers(1, MAX_BLOCKS)))
                    .map(p -> new int[] {p.first(), p.second().first(),
                        Math.min(p.second().second(), window - p.second().first())});
            ctx.forAll("preFetchOfBlocksOnTheMediumIsGoodOrConditionMet", ranges, 30, r -> {
                SbcCdbLayout layout = layouts.get(r[0]);
                requireGoodOrConditionMet(unit.sendIn(layout.cdb(r[1], r[2]), 0), layout.clause() + ": "
                        + layout.name() + " of " + r[2] + " blocks at LBA " + r[1]);
            });
        });
    }

    private static void requireGoodOrConditionMet(Exchange e, String what) {
        Expect.that(e.status() == Status.GOOD || e.status() == Status.CONDITION_MET, e, what
                + ": expected GOOD (the blocks do not fit in the cache) or CONDITION MET (they do)");
        Expect.that(e.data().length == 0, e, what + ": PRE-FETCH transfers no data");
    }
}
