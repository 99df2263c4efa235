package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.ConformanceViolation;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.UnsupportedFeature;
import io.github.scsiemu.conformance.catalog.CommandCatalog;
import io.github.scsiemu.conformance.catalog.SupportedCommand;
import io.github.scsiemu.conformance.scsi.Bytes;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.conformance.scsi.Commands;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One direct-access block device (SBC-4 4.1, peripheral device type 00h) as the block suites test it: a session
 * without pending unit attention, what it lists in REPORT SUPPORTED OPERATION CODES, its capacity and logical block
 * length from READ CAPACITY (SBC-4 5.20, 5.21), whether it has logical block provisioning management (LBPME) and
 * reads deallocated blocks as zeros (LBPRZ), and its Block Limits (SBC-4 6.6.4). The suites write only to the first
 * {@link #WINDOW} blocks (and, for range checks, send commands that must be rejected).
 */
final class DirectAccessUnit {

    /** The most blocks at the start of the medium that the laws write. */
    static final int WINDOW = 64;

    private static final int READ_CAPACITY_16_LENGTH = 32;

    private final Session session;
    private final Lun lun;
    private final CommandCatalog catalog;
    private final long capacity;
    private final int blockLength;
    private final boolean lbpme;
    private final boolean lbprz;
    private final BlockLimitsVpd limits;
    private final boolean limitsReported;

    private DirectAccessUnit(Session session, Lun lun, CommandCatalog catalog, long capacity, int blockLength,
            boolean lbpme, boolean lbprz, BlockLimitsVpd limits, boolean limitsReported) {
        this.session = session;
        this.lun = lun;
        this.catalog = catalog;
        this.capacity = capacity;
        this.blockLength = blockLength;
        this.lbpme = lbpme;
        this.lbprz = lbprz;
        this.limits = limits;
        this.limitsReported = limitsReported;
    }

    /**
     * Runs {@code body} on every logical unit of the target that is a direct-access block device and lists every
     * command in {@code needed}; the others are noted. The check is unsupported if no logical unit qualifies.
     *
     * @param ctx    the check's context
     * @param needed the commands the check needs (by SBC-4 layout)
     * @param body   the verification of one logical unit
     */
    static void each(CheckContext ctx, List<SbcCdbLayout> needed, Consumer<DirectAccessUnit> body) {
        List<String> skipped = new ArrayList<>();
        int tested = 0;
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            Exchange inquiry = Commands.send(session, lun, Cdbs.inquiry(false, 0, 96), 96);
            if (!inquiry.isGood() || inquiry.data().length < 1 || (inquiry.data()[0] & 0xFF) != 0x00) {
                skipped.add(lun + " is not a direct-access block device (peripheral device type 00h)");
                continue;
            }
            CommandCatalog catalog = ctx.catalog(session, lun);
            List<String> missing = needed.stream().filter(l -> find(catalog, l).isEmpty())
                    .map(SbcCdbLayout::name).toList();
            if (catalog.find(Cdbs.READ_CAPACITY_10).isEmpty() && find(catalog, READ_CAPACITY_16).isEmpty()) {
                skipped.add(lun + " lists neither READ CAPACITY(10) nor READ CAPACITY(16)");
                continue;
            }
            if (!missing.isEmpty()) {
                skipped.add(lun + " does not list " + missing);
                continue;
            }
            body.accept(open(session, lun, catalog));
            tested++;
        }
        skipped.forEach(ctx::note);
        if (tested == 0) {
            throw new UnsupportedFeature("no logical unit is a direct-access block device listing " + needed
                    + " in REPORT SUPPORTED OPERATION CODES: " + skipped);
        }
    }

    /** READ CAPACITY(16): SERVICE ACTION IN(16) 9Eh, service action 10h (SBC-4 5.21). */
    static final SbcCdbLayout READ_CAPACITY_16 = new SbcCdbLayout("READ CAPACITY(16)", "SBC-4 5.21", 0x9E,
            java.util.OptionalInt.of(0x10), 16, 2, 64, -1, 0, SbcCdbLayout.DataOut.NONE);

    private static Optional<SupportedCommand> find(CommandCatalog catalog, SbcCdbLayout layout) {
        return layout.serviceAction().isPresent()
                ? catalog.find(layout.operationCode(), layout.serviceAction().getAsInt())
                : catalog.find(layout.operationCode());
    }

    private static DirectAccessUnit open(Session session, Lun lun, CommandCatalog catalog) {
        long capacity;
        int blockLength;
        boolean lbpme = false;
        boolean lbprz = false;
        if (find(catalog, READ_CAPACITY_16).isPresent()) {
            Exchange e = Expect.good(Commands.send(session, lun, readCapacity16(READ_CAPACITY_16_LENGTH),
                    READ_CAPACITY_16_LENGTH), "READ CAPACITY(16) (SBC-4 5.21)");
            byte[] d = e.data();
            Expect.that(d.length >= 16, e, "SBC-4 5.21: the READ CAPACITY(16) parameter data is 32 bytes");
            capacity = ((Bytes.u32(d, 0) << 32) | Bytes.u32(d, 4)) + 1;
            blockLength = (int) Bytes.u32(d, 8);
            lbpme = (d[14] & 0x80) != 0;
            lbprz = (d[14] & 0x40) != 0;
        } else {
            Exchange e = Expect.good(Commands.send(session, lun, Cdbs.readCapacity10(), 8),
                    "READ CAPACITY(10) (SBC-4 5.20)");
            capacity = Bytes.u32(e.data(), 0) + 1;
            blockLength = (int) Bytes.u32(e.data(), 4);
        }
        Expect.that(blockLength > 0 && blockLength <= 1 << 20 && capacity != 0, null, "SBC-4 5.20: a usable "
                + "capacity and LOGICAL BLOCK LENGTH IN BYTES; got " + Long.toUnsignedString(capacity) + " blocks of "
                + blockLength + " bytes");
        BlockLimitsVpd limits = BlockLimitsVpd.NONE;
        boolean reported = false;
        if (catalog.find(Cdbs.INQUIRY).isPresent() && InquirySuite.supportedPages(session, lun)
                .contains(BlockLimitsVpd.PAGE_CODE)) {
            limits = BlockLimitsVpd.decode(Expect.good(InquirySuite.inquiry(session, lun, true,
                    BlockLimitsVpd.PAGE_CODE, 0xFFFF), "INQUIRY, Block Limits VPD page (SBC-4 6.6.4)").data());
            reported = true;
        }
        return new DirectAccessUnit(session, lun, catalog, capacity, blockLength, lbpme, lbprz, limits, reported);
    }

    /** READ CAPACITY(16) with the given allocation length. */
    static byte[] readCapacity16(int allocationLength) {
        byte[] cdb = READ_CAPACITY_16.cdb(0, 0);
        Bytes.put(cdb, 10, 4, allocationLength);
        return cdb;
    }

    Session session() {
        return session;
    }

    Lun lun() {
        return lun;
    }

    CommandCatalog catalog() {
        return catalog;
    }

    /** The number of logical blocks (RETURNED LOGICAL BLOCK ADDRESS + 1). */
    long capacity() {
        return capacity;
    }

    /** The LOGICAL BLOCK LENGTH IN BYTES. */
    int blockLength() {
        return blockLength;
    }

    /** LBPME of READ CAPACITY(16): logical block provisioning management. */
    boolean lbpme() {
        return lbpme;
    }

    /** LBPRZ of READ CAPACITY(16): deallocated blocks read as zeros. */
    boolean lbprz() {
        return lbprz;
    }

    /** The Block Limits ({@link BlockLimitsVpd#NONE} if the page is not reported). */
    BlockLimitsVpd limits() {
        return limits;
    }

    /** Whether the Block Limits VPD page is reported. */
    boolean limitsReported() {
        return limitsReported;
    }

    /** The number of blocks the laws write to: the first {@link #WINDOW}, or all of a smaller medium. */
    int window() {
        return (int) Math.min(WINDOW, capacity);
    }

    /** The listed command of a layout, if the logical unit lists it. */
    Optional<SupportedCommand> listed(SbcCdbLayout layout) {
        return find(catalog, layout);
    }

    /** The layouts of {@code candidates} that the logical unit lists. */
    List<SbcCdbLayout> listedOf(List<SbcCdbLayout> candidates) {
        return candidates.stream().filter(l -> listed(l).isPresent()).toList();
    }

    /** The largest transfer the laws may ask of one command: {@code wanted} within MAXIMUM TRANSFER LENGTH. */
    int transferCap(int wanted) {
        long max = limits.maximumTransferLength();
        return (int) (max == 0 ? wanted : Math.min(wanted, max));
    }

    /**
     * Sends a command of the table: data-in for reads and GET LBA STATUS, {@code dataOut} otherwise.
     *
     * @param cdb     the CDB
     * @param layout  its layout
     * @param blocks  the blocks it addresses (for the data-in length)
     * @param dataOut the data-out, empty for none
     * @return the exchange
     */
    Exchange send(byte[] cdb, SbcCdbLayout layout, long blocks, byte[] dataOut) {
        if (dataOut.length > 0) {
            return session.send(lun, cdb, dataOut);
        }
        return session.send(lun, cdb, layout.dataInLength(blocks, blockLength));
    }

    /** Sends a CDB with data-out. */
    Exchange sendOut(byte[] cdb, byte[] dataOut) {
        return session.send(lun, cdb, dataOut);
    }

    /** Sends a CDB with a data-in buffer. */
    Exchange sendIn(byte[] cdb, int dataInLength) {
        return session.send(lun, cdb, dataInLength);
    }

    /** Reads blocks with the longest READ the logical unit lists; requires GOOD and the whole data. */
    byte[] read(long lba, int blocks) {
        return read(preferred(SbcCdbLayout.READS), lba, blocks);
    }

    /** Reads blocks with a given READ; requires GOOD and the whole data. */
    byte[] read(SbcCdbLayout layout, long lba, int blocks) {
        Exchange e = Expect.good(session.send(lun, layout.cdb(lba, blocks), blocks * blockLength),
                layout.name() + " of " + blocks + " blocks at LBA " + lba + " (" + layout.clause() + ")");
        Expect.that(e.data().length == blocks * blockLength, e, layout.clause() + ": " + layout.name() + " of "
                + blocks + " blocks must return " + blocks * blockLength + " bytes");
        return e.data();
    }

    /** Writes whole blocks with the longest WRITE the logical unit lists; requires GOOD. */
    void write(long lba, byte[] data) {
        SbcCdbLayout layout = preferred(SbcCdbLayout.WRITES);
        Expect.good(session.send(lun, layout.cdb(lba, data.length / blockLength), data), layout.name() + " at LBA "
                + lba + " (" + layout.clause() + ")");
    }

    /** The last listed layout of {@code candidates} (the longest CDB, given shortest first). */
    SbcCdbLayout preferred(List<SbcCdbLayout> candidates) {
        List<SbcCdbLayout> listed = listedOf(candidates);
        if (listed.isEmpty()) {
            throw new UnsupportedFeature(lun + " lists none of " + candidates);
        }
        return listed.get(listed.size() - 1);
    }

    /**
     * Deterministic block data for a seed: {@code blocks} blocks, each byte derived from the seed, the block and
     * the offset, so that different seeds or blocks differ.
     *
     * @param seed   the seed
     * @param blocks the number of blocks
     * @return the data
     */
    byte[] pattern(int seed, int blocks) {
        byte[] data = new byte[blocks * blockLength];
        int x = seed * 0x9E3779B1 + 1;
        for (int i = 0; i < data.length; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            data[i] = (byte) x;
        }
        return data;
    }

    /**
     * Requires {@code actual} (read from {@code lba}) to equal {@code expected}, naming the first differing block.
     *
     * @param actual   what the logical unit returned
     * @param expected what the law says it must return
     * @param lba      the first block
     * @param law      the law and clause, for the message
     */
    void requireBlocks(byte[] actual, byte[] expected, long lba, String law) {
        int at = Arrays.mismatch(actual, expected);
        if (at >= 0) {
            long block = lba + at / blockLength;
            throw new ConformanceViolation(law + ": block " + block + " differs at byte " + at % blockLength
                    + " (expected " + String.format("%02Xh", expected.length > at ? expected[at] & 0xFF : 0)
                    + ", read " + String.format("%02Xh", actual.length > at ? actual[at] & 0xFF : 0) + ")");
        }
    }

    @Override
    public String toString() {
        return lun + " (" + Long.toUnsignedString(capacity) + " blocks of " + blockLength + " bytes)";
    }
}
