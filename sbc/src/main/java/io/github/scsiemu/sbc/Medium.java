package io.github.scsiemu.sbc;

import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The medium of one direct-access logical unit as the SBC commands see it: its configuration and the store that
 * holds its logical blocks. It performs the checks every medium-access command shares (the LBA range, SBC-4
 * 4.5) and turns store failures into sense data (MEDIUM ERROR).
 *
 * @param config the geometry, limits and identity
 * @param store  the logical blocks; its block size and capacity match {@code config}
 */
public record Medium(DiskConfig config, BlockStore store) {

    public Medium {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        if (store.blockSize() != config.logicalBlockSize() || store.capacity() != config.capacity()) {
            throw new IllegalArgumentException("store has " + store.capacity() + " blocks of " + store.blockSize()
                    + " bytes; configuration says " + config.capacity() + " of " + config.logicalBlockSize());
        }
    }

    /** The logical block length in bytes. */
    public int blockSize() {
        return config.logicalBlockSize();
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
        long capacity = config.capacity();
        if (Long.compareUnsigned(lba, capacity) > 0 || blocks > capacity - lba) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST,
                    AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE);
        }
    }

    /** Reads logical blocks from a checked range; a store failure ends the command with UNRECOVERED READ ERROR. */
    public void read(long lba, ByteBuffer destination) {
        try {
            store.read(lba, destination);
        } catch (UncheckedIOException e) {
            throw CheckConditionException.of(SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR);
        }
    }

    /** Writes logical blocks to a checked range; a store failure ends the command with WRITE ERROR. */
    public void write(long lba, ByteBuffer source) {
        try {
            store.write(lba, source);
        } catch (UncheckedIOException e) {
            throw CheckConditionException.of(SenseKey.MEDIUM_ERROR, AdditionalSense.WRITE_ERROR);
        }
    }
}
