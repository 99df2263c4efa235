package io.github.scsiemu.sbc.copy;

import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.Task;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * One block device to block device segment with its copy source and destination found (SPC-4 6.4), and its
 * execution: READs from the source's medium and WRITEs to the destination's, a chunk at a time.
 *
 * <p>Concurrency: each chunk holds a shared range lock on its source blocks and an exclusive one on its destination
 * blocks from before the read until after the write, so no other command sees or leaves a block half copied; when
 * both ranges are on one medium and overlap, the union is locked exclusively. Locks are always taken in one global
 * order (disk designator, then LBA), so two copies in opposite directions cannot deadlock. Overlapping ranges on one
 * medium are copied as if the whole source were read first: from the end when the destination lies above the source.
 *
 * @param segment     the segment descriptor
 * @param source      the copy source
 * @param destination the copy destination
 * @param bytes       the number of bytes to copy, a whole number of blocks on both sides
 */
record SegmentCopy(BlockToBlockSegment segment, Disk source, Disk destination, long bytes) {

    /** The largest piece copied under one pair of locks: 1 MiB, a whole number of 512- and 4096-byte blocks. */
    static final int CHUNK_BYTES = 1 << 20;

    /**
     * Finds the segment's copy source and destination and checks the segment against them, before any data moves.
     * A CSCD DESCRIPTOR ID beyond the CSCD descriptors, or a CSCD descriptor naming no ready logical unit of the copy
     * domain, ends the command with COPY ABORTED, COPY TARGET DEVICE NOT REACHABLE (as libiscsi expects; the segment
     * pointer locates the index or the designator); a DISK BLOCK LENGTH other than the logical unit's, or a NUMBER OF
     * BLOCKS that is not a whole number of blocks on both sides or exceeds the MAXIMUM SEGMENT LENGTH, with ILLEGAL
     * REQUEST, INVALID FIELD IN PARAMETER LIST at the field; a write-protected destination with the sense of
     * {@link io.github.scsiemu.sbc.DiskState#writeProtection()} (DATA PROTECT, WRITE PROTECTED if configured
     * read-only, LOGICAL UNIT SOFTWARE WRITE PROTECTED if the Control mode page's SWP is set).
     */
    static SegmentCopy resolve(BlockToBlockSegment segment, ExtendedCopyParameterList list, CopyDomain domain,
            OperatingParameters limits) {
        List<IdentificationDescriptor> cscds = list.cscdDescriptors();
        if (segment.sourceIndex() >= cscds.size()) {
            throw CopyAborted.notReachable(segment, true, BlockToBlockSegment.SOURCE_INDEX_FIELD);
        }
        if (segment.destinationIndex() >= cscds.size()) {
            throw CopyAborted.notReachable(segment, true, BlockToBlockSegment.DESTINATION_INDEX_FIELD);
        }
        IdentificationDescriptor src = cscds.get(segment.sourceIndex());
        IdentificationDescriptor dst = cscds.get(segment.destinationIndex());
        Disk source = reach(src, segment, domain);
        Disk destination = reach(dst, segment, domain);
        int sourceBlock = blockLength(src, source);
        int destinationBlock = blockLength(dst, destination);
        long bytes = (long) segment.numberOfBlocks() * (segment.destinationCount() ? destinationBlock : sourceBlock);
        if (bytes % sourceBlock != 0 || bytes % destinationBlock != 0 || bytes > limits.maximumSegmentLength()) {
            throw CheckConditionException.invalidParameter(
                    segment.offset() + BlockToBlockSegment.NUMBER_OF_BLOCKS_FIELD, 7);
        }
        destination.state().writeProtection().ifPresent(sense -> {
            throw new CheckConditionException(sense);
        });
        return new SegmentCopy(segment, source, destination, bytes);
    }

    private static Disk reach(IdentificationDescriptor cscd, BlockToBlockSegment segment, CopyDomain domain) {
        Optional<Disk> disk = cscd.isNaaRegisteredExtended() ? domain.find(cscd.designator()) : Optional.empty();
        if (disk.isEmpty() || disk.get().state().readiness().notReadyReason().isPresent()) {
            throw CopyAborted.notReachable(segment, false, cscd.offset() + IdentificationDescriptor.DESIGNATOR_OFFSET);
        }
        return disk.get();
    }

    private static int blockLength(IdentificationDescriptor cscd, Disk disk) {
        if (cscd.diskBlockLength() != disk.medium().blockSize()) {
            throw CheckConditionException.invalidParameter(
                    cscd.offset() + IdentificationDescriptor.DISK_BLOCK_LENGTH_OFFSET, 7);
        }
        return cscd.diskBlockLength();
    }

    /**
     * Copies the segment. Blocks outside either medium, and any CHECK CONDITION from the source's READ or the
     * destination's WRITE (a medium error, an injected fault), end the command with COPY ABORTED, NO ADDITIONAL SENSE
     * INFORMATION and a segment pointer at that side's LOGICAL BLOCK ADDRESS field; chunks already copied stay
     * copied. Writes follow the destination's write cache rules (SBC-4 4.15).
     *
     * @param task        the EXTENDED COPY's task: an abort stops the copy between chunks
     * @param transferred told the byte count of each chunk written
     * @return false if the task was aborted before the segment completed
     */
    boolean execute(Task task, LongConsumer transferred) {
        Medium src = source.medium();
        Medium dst = destination.medium();
        long sourceLba = segment.sourceLba();
        long destinationLba = segment.destinationLba();
        checkRange(src, sourceLba, bytes / src.blockSize(), BlockToBlockSegment.SOURCE_LBA_FIELD);
        checkRange(dst, destinationLba, bytes / dst.blockSize(), BlockToBlockSegment.DESTINATION_LBA_FIELD);
        boolean backward = src == dst && destinationLba > sourceLba
                && destinationLba < sourceLba + bytes / src.blockSize();
        long done = 0;
        while (done < bytes) {
            if (task.isAborted()) {
                return false;
            }
            int n = (int) Math.min(CHUNK_BYTES, bytes - done);
            long offset = backward ? bytes - done - n : done;
            long sl = sourceLba + offset / src.blockSize();
            long dl = destinationLba + offset / dst.blockSize();
            ByteBuffer data = ByteBuffer.allocate(n);
            try (Medium.Lock lock = lock(sl, n / src.blockSize(), dl, n / dst.blockSize())) {
                try {
                    src.read(sl, data);
                } catch (CheckConditionException e) {
                    throw CopyAborted.copyTargetFailed(segment, BlockToBlockSegment.SOURCE_LBA_FIELD);
                }
                data.flip();
                try {
                    dst.write(dl, data, false);
                } catch (CheckConditionException e) {
                    throw CopyAborted.copyTargetFailed(segment, BlockToBlockSegment.DESTINATION_LBA_FIELD);
                }
            }
            done += n;
            transferred.accept(n);
        }
        return true;
    }

    private void checkRange(Medium medium, long lba, long blocks, int field) {
        try {
            medium.checkRange(lba, blocks);
        } catch (CheckConditionException e) {
            throw CopyAborted.copyTargetFailed(segment, field);
        }
    }

    /** Locks one chunk: shared on the source blocks, exclusive on the destination blocks, in the global order. */
    private Medium.Lock lock(long sl, long sn, long dl, long dn) {
        Medium src = source.medium();
        Medium dst = destination.medium();
        boolean sourceFirst;
        if (src == dst) {
            if (sl < dl + dn && dl < sl + sn) {
                long low = Math.min(sl, dl);
                return dst.lockExclusive(low, Math.max(sl + sn, dl + dn) - low);
            }
            sourceFirst = sl < dl;
        } else {
            sourceFirst = CopyDomain.key(source).compareTo(CopyDomain.key(destination)) < 0;
        }
        Medium.Lock first = sourceFirst ? src.lockShared(sl, sn) : dst.lockExclusive(dl, dn);
        Medium.Lock second = sourceFirst ? dst.lockExclusive(dl, dn) : src.lockShared(sl, sn);
        return () -> {
            second.close();
            first.close();
        };
    }
}
