package io.github.scsiemu.sbc;

import java.nio.ByteBuffer;

/**
 * The medium of a direct-access block device as a service-provider interface: an array of {@link #capacity()}
 * logical blocks of {@link #blockSize()} bytes each, addressed by logical block address (SBC-4 4.5). A store knows
 * nothing of SCSI: the command layer validates CDBs and LBA ranges before it calls in.
 *
 * <p>Implementations are thread-safe. Transfers to different logical blocks may proceed in parallel; a logical
 * block is never torn: a read that overlaps a concurrent write of the same block sees the whole block either before
 * or after that write. A transfer of several blocks is not atomic as a whole (SBC-4 asks that only of atomic
 * writes). A logical block that was never written reads as zeros. I/O failures of a persistent store are reported
 * as {@link java.io.UncheckedIOException}, which the command layer turns into MEDIUM ERROR.
 *
 * <p>Durability: a write is durable (survives a crash or restart of a persistent store) once {@link #synchronize}
 * has returned for its blocks; before that it may be lost (a volatile write cache, SBC-4 4.15). A volatile store
 * treats {@link #synchronize} as a no-op. The command layer calls it after each write when the write cache is
 * disabled (WCE=0), for FUA writes, and for SYNCHRONIZE CACHE.
 *
 * <p>Provisioning: every store tracks whether each block is mapped, deallocated or anchored (SBC-4 4.7). A block
 * that was never written is deallocated. {@link #deallocate} and {@link #anchor} make blocks read as zeros (LBPRZ
 * = 1) and record their state; a write maps the blocks it writes. Persistent stores keep this map across restarts,
 * under the same durability rule as data.
 */
public interface BlockStore extends AutoCloseable {

    /** The logical block length in bytes. */
    int blockSize();

    /** The number of logical blocks; the last LBA is {@code capacity() - 1}. */
    long capacity();

    /**
     * Reads {@code destination.remaining()} bytes, a whole number of logical blocks, starting at logical block
     * {@code lba}, into {@code destination}, advancing its position.
     *
     * @param lba         the first logical block
     * @param destination where to put the data; its remaining length is a multiple of {@link #blockSize()}
     * @throws IllegalArgumentException  if the length is not a whole number of blocks
     * @throws IndexOutOfBoundsException if the range leaves the medium
     */
    void read(long lba, ByteBuffer destination);

    /**
     * Writes {@code source.remaining()} bytes, a whole number of logical blocks, starting at logical block
     * {@code lba}, advancing the position of {@code source}.
     *
     * @param lba    the first logical block
     * @param source the data; its remaining length is a multiple of {@link #blockSize()}
     * @throws IllegalArgumentException  if the length is not a whole number of blocks
     * @throws IndexOutOfBoundsException if the range leaves the medium
     */
    void write(long lba, ByteBuffer source);

    /**
     * Makes every completed write to blocks {@code lba} to {@code lba + blocks - 1} durable, together with the
     * provisioning state of those blocks. A store may synchronize more than asked (everything, say).
     *
     * @throws java.io.UncheckedIOException if the store could not make the data durable
     */
    void synchronize(long lba, long blocks);

    /**
     * Deallocates blocks: afterwards they read as zeros and report {@link ProvisioningState#DEALLOCATED}; a
     * store may release their storage.
     */
    void deallocate(long lba, long blocks);

    /** Anchors blocks: afterwards they read as zeros and report {@link ProvisioningState#ANCHORED}. */
    void anchor(long lba, long blocks);

    /**
     * The provisioning state of block {@code lba} and how many blocks after it, up to {@code maxBlocks} in all and
     * not past the end of the medium, share it.
     */
    ProvisioningRun provisioningStatus(long lba, long maxBlocks);

    /**
     * Changes the number of logical blocks (a capacity change, SBC-4 4.6). Blocks kept keep their data; blocks
     * added are deallocated.
     *
     * @param newCapacity at least one block
     */
    void resize(long newCapacity);

    /** Whether written data survives the store being closed and opened again. */
    boolean isPersistent();

    /** Synchronizes everything and releases the store's resources. */
    @Override
    void close();

    /**
     * Checks a transfer's arguments against the medium; a helper for implementations.
     *
     * @param store  the store
     * @param lba    the first logical block
     * @param length the transfer length in bytes
     * @return the number of logical blocks
     */
    static long checkTransfer(BlockStore store, long lba, int length) {
        int size = store.blockSize();
        if (length % size != 0) {
            throw new IllegalArgumentException(length + " bytes is not a whole number of " + size + "-byte blocks");
        }
        long blocks = length / size;
        if (lba < 0 || lba > store.capacity() - blocks) {
            throw new IndexOutOfBoundsException("blocks " + Long.toUnsignedString(lba) + "+" + blocks
                    + " outside a medium of " + store.capacity() + " blocks");
        }
        return blocks;
    }
}
