package io.github.scsiemu.sbc;

import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The medium of one direct-access logical unit as the SBC commands see it: its configuration, the store that holds
 * its logical blocks and their current number. It performs what every medium-access command shares: the LBA range
 * check (SBC-4 4.5), range locks that order overlapping commands, the write cache rules (SBC-4 4.15: with WCE=0 or
 * FUA a write is durable before GOOD, with WCE=1 only after SYNCHRONIZE CACHE), injected faults, and the mapping of
 * store failures to MEDIUM ERROR with the failing LBA in INFORMATION.
 */
public final class Medium {

    /** A held range lock; closing it releases it. */
    public interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /** The largest buffer {@link #writeSame} fills with copies of the block: 1 MiB. */
    public static final int WRITE_SAME_BUFFER_BYTES = 1 << 20;

    private final DiskConfig config;
    private final BlockStore store;
    private final RangeLocks locks = new RangeLocks();
    private volatile BooleanSupplier writeCacheEnabled = () -> false;
    private volatile MediumFaults faults = MediumFaults.NONE;

    /**
     * A medium over {@code store}, whose block size must be the configured one.
     *
     * @param config the geometry, limits and identity
     * @param store  the logical blocks
     */
    public Medium(DiskConfig config, BlockStore store) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        if (store.blockSize() != config.logicalBlockSize()) {
            throw new IllegalArgumentException("store has blocks of " + store.blockSize() + " bytes; configuration"
                    + " says " + config.logicalBlockSize());
        }
    }

    public DiskConfig config() {
        return config;
    }

    public BlockStore store() {
        return store;
    }

    /** The logical block length in bytes. */
    public int blockSize() {
        return config.logicalBlockSize();
    }

    /** The current number of logical blocks (it changes with a capacity change). */
    public long capacity() {
        return store.capacity();
    }

    /** The current last logical block address. */
    public long lastLogicalBlockAddress() {
        return store.capacity() - 1;
    }

    /** Where the write cache enable bit (Caching mode page, WCE) is read from; disabled until set. */
    public void writeCacheEnabled(BooleanSupplier source) {
        this.writeCacheEnabled = Objects.requireNonNull(source);
    }

    /** Whether the write cache is enabled now. */
    public boolean isWriteCacheEnabled() {
        return writeCacheEnabled.getAsBoolean();
    }

    /** Installs the fault hook. */
    public void faults(MediumFaults hook) {
        this.faults = Objects.requireNonNull(hook);
    }

    /**
     * Ends the command with ILLEGAL REQUEST, LOGICAL BLOCK ADDRESS OUT OF RANGE if blocks {@code lba} to
     * {@code lba + blocks - 1} do not all exist (SBC-4 4.5). {@code lba} is unsigned (an LBA field of 64 bits), and
     * a zero-block range is valid at every LBA up to the capacity.
     *
     * @param lba    the first logical block, unsigned
     * @param blocks the number of blocks, not negative
     */
    public void checkRange(long lba, long blocks) {
        long capacity = capacity();
        if (Long.compareUnsigned(lba, capacity) > 0 || blocks > capacity - lba) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST,
                    AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE);
        }
    }

    /** Locks a range for reading: waits for overlapping commands that change blocks. */
    public Lock lockShared(long lba, long blocks) {
        return locks.acquire(lba, blocks, false);
    }

    /** Locks a range for changing: waits for every overlapping command. */
    public Lock lockExclusive(long lba, long blocks) {
        return locks.acquire(lba, blocks, true);
    }

    /**
     * Reads logical blocks from a checked range. A store failure (or an injected unrecovered error) ends the command
     * with MEDIUM ERROR, UNRECOVERED READ ERROR, with the failing LBA in INFORMATION. A read that succeeded may
     * still have needed recovery: the returned sense data, if present, is a RECOVERED ERROR that the command reports
     * with CHECK CONDITION after transferring the data (SPC-4 4.5.6); callers that do not report recovered errors
     * ignore it.
     *
     * @param lba         the first logical block
     * @param destination where the blocks go, from its position; its remaining length is a whole number of blocks
     * @return the recovered error to report, or empty for a clean read
     */
    public Optional<SenseData> read(long lba, ByteBuffer destination) {
        long blocks = destination.remaining() / blockSize();
        faults.beforeRead(lba, blocks);
        try {
            store.read(lba, destination);
        } catch (UncheckedIOException e) {
            throw new CheckConditionException(SenseData.of(SenseKey.MEDIUM_ERROR,
                    AdditionalSense.UNRECOVERED_READ_ERROR).withInformation(lba));
        }
        return faults.afterRead(lba, blocks);
    }

    /**
     * Writes logical blocks to a checked range and, if the write cache is disabled or {@code forceUnitAccess} is
     * set, makes them durable before returning. A store failure ends the command with MEDIUM ERROR, WRITE ERROR.
     */
    public void write(long lba, ByteBuffer source, boolean forceUnitAccess) {
        long blocks = source.remaining() / blockSize();
        faults.beforeWrite(lba, blocks);
        try {
            store.write(lba, source);
            if (forceUnitAccess || !isWriteCacheEnabled()) {
                store.synchronize(lba, blocks);
            }
        } catch (UncheckedIOException e) {
            throw new CheckConditionException(SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.WRITE_ERROR)
                    .withInformation(lba));
        }
    }

    /**
     * Writes {@code oneBlock} to every logical block of a checked range (WRITE SAME, FORMAT UNIT and SANITIZE
     * patterns), through one reused buffer of at most {@value #WRITE_SAME_BUFFER_BYTES} bytes, so a huge range never
     * allocates memory in proportion to its size. The caller holds the range's exclusive lock. If the write cache is
     * disabled or {@code forceUnitAccess} is set, the range is made durable once, after the last block is written
     * (SBC-4 4.15). A store failure ends the command with MEDIUM ERROR, WRITE ERROR and the first LBA of the failing
     * piece in INFORMATION; the pieces before it stay written.
     *
     * @param lba             the first logical block
     * @param blocks          the number of blocks, at least zero
     * @param oneBlock        exactly one logical block of data, from its position (which is left unchanged)
     * @param forceUnitAccess FUA: durable before returning whatever the write cache
     */
    public void writeSame(long lba, long blocks, ByteBuffer oneBlock, boolean forceUnitAccess) {
        int size = blockSize();
        if (oneBlock.remaining() != size) {
            throw new IllegalArgumentException("one block is " + size + " bytes, not " + oneBlock.remaining());
        }
        if (blocks == 0) {
            return;
        }
        int perBuffer = (int) Math.min(blocks, Math.max(1, WRITE_SAME_BUFFER_BYTES / size));
        ByteBuffer buffer = ByteBuffer.allocate(perBuffer * size);
        for (int i = 0; i < perBuffer; i++) {
            buffer.put(oneBlock.duplicate());
        }
        for (long done = 0; done < blocks; ) {
            int n = (int) Math.min(perBuffer, blocks - done);
            buffer.clear().limit(n * size);
            long first = lba + done;
            faults.beforeWrite(first, n);
            try {
                store.write(first, buffer);
            } catch (UncheckedIOException e) {
                throw new CheckConditionException(SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.WRITE_ERROR)
                        .withInformation(first));
            }
            done += n;
        }
        if (forceUnitAccess || !isWriteCacheEnabled()) {
            synchronize(lba, blocks);
        }
    }

    /** Makes completed writes to a range durable (SYNCHRONIZE CACHE). */
    public void synchronize(long lba, long blocks) {
        try {
            store.synchronize(lba, blocks);
        } catch (UncheckedIOException e) {
            throw new CheckConditionException(SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.WRITE_ERROR)
                    .withInformation(lba));
        }
    }

    /** Deallocates a checked range (UNMAP, WRITE SAME with UNMAP), durably under the write cache rules. */
    public void deallocate(long lba, long blocks) {
        changeProvisioning(lba, blocks, false);
    }

    /** Anchors a checked range (UNMAP or WRITE SAME with ANCHOR), durably under the write cache rules. */
    public void anchor(long lba, long blocks) {
        changeProvisioning(lba, blocks, true);
    }

    private void changeProvisioning(long lba, long blocks, boolean anchor) {
        faults.beforeWrite(lba, blocks);
        try {
            if (anchor) {
                store.anchor(lba, blocks);
            } else {
                store.deallocate(lba, blocks);
            }
            if (!isWriteCacheEnabled()) {
                store.synchronize(lba, blocks);
            }
        } catch (UncheckedIOException e) {
            throw new CheckConditionException(SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.WRITE_ERROR)
                    .withInformation(lba));
        }
    }

    /** The provisioning run starting at a checked LBA (GET LBA STATUS). */
    public ProvisioningRun provisioningStatus(long lba, long maxBlocks) {
        return store.provisioningStatus(lba, maxBlocks);
    }
}
