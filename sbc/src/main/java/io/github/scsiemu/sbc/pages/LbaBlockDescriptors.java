package io.github.scsiemu.sbc.pages;

import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.mode.BlockDescriptors;
import io.github.scsiemu.spc.mode.PageControl;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The mode parameter block descriptor of a disk (SBC-4 6.4.2): one short LBA descriptor (NUMBER OF LOGICAL BLOCKS
 * in bytes 0-3, FFFFFFFFh if the capacity does not fit; byte 4 reserved; LOGICAL BLOCK LENGTH in bytes 5-7) or, for
 * MODE SENSE (10) with LLBAA set, one long LBA descriptor (NUMBER OF LOGICAL BLOCKS in bytes 0-7, bytes 8-11
 * reserved, LOGICAL BLOCK LENGTH in bytes 12-15), both from the medium's current capacity.
 *
 * <p>Neither field is changeable (PC 01b returns zeros): the capacity changes only through the operator's resize
 * and the block length never. MODE SELECT accepts a single descriptor whose NUMBER OF LOGICAL BLOCKS is zero
 * ("do not change") or the value MODE SENSE reports, and whose LOGICAL BLOCK LENGTH is the current one; anything
 * else ends the command with INVALID FIELD IN PARAMETER LIST pointing at the offending field (a second descriptor:
 * at its first byte; a reserved byte: at that byte). Accepted descriptors change nothing.
 */
public final class LbaBlockDescriptors implements BlockDescriptors {

    private static final int SHORT = 8;
    private static final int LONG = 16;

    private final Medium medium;

    /** The descriptors of {@code medium}. */
    public LbaBlockDescriptors(Medium medium) {
        this.medium = Objects.requireNonNull(medium, "medium");
    }

    @Override
    public List<byte[]> sense(boolean longLbaAccepted, PageControl pageControl) {
        ByteBuffer b = ByteBuffer.allocate(longLbaAccepted ? LONG : SHORT);
        if (pageControl != PageControl.CHANGEABLE) {
            if (longLbaAccepted) {
                b.putLong(medium.capacity()).putInt(0).putInt(medium.blockSize());
            } else {
                b.putInt((int) shortNumberOfBlocks()).putInt(medium.blockSize());
            }
        }
        return List.of(b.array());
    }

    /** The NUMBER OF LOGICAL BLOCKS of a short descriptor: the capacity, or FFFFFFFFh if it does not fit. */
    private long shortNumberOfBlocks() {
        return Math.min(medium.capacity(), 0xFFFF_FFFFL);
    }

    @Override
    public BooleanSupplier select(List<byte[]> descriptors, boolean longLba, int parameterListOffset) {
        int size = longLba ? LONG : SHORT;
        if (descriptors.size() > 1) {
            throw CheckConditionException.invalidParameter(parameterListOffset + size, 7);
        }
        ByteBuffer d = ByteBuffer.wrap(descriptors.get(0));
        long blocks = longLba ? d.getLong(0) : d.getInt(0) & 0xFFFF_FFFFL;
        long current = longLba ? medium.capacity() : shortNumberOfBlocks();
        if (blocks != 0 && blocks != current) {
            throw CheckConditionException.invalidParameter(parameterListOffset, 7);
        }
        int reservedStart = longLba ? 8 : 4;
        int lengthStart = longLba ? 12 : 5;
        for (int i = reservedStart; i < lengthStart; i++) {
            if (d.get(i) != 0) {
                throw CheckConditionException.invalidParameter(parameterListOffset + i,
                        31 - Integer.numberOfLeadingZeros(d.get(i) & 0xFF));
            }
        }
        int length = longLba ? d.getInt(12) : d.getInt(4) & 0xFF_FFFF;
        if (length != medium.blockSize()) {
            throw CheckConditionException.invalidParameter(parameterListOffset + lengthStart, 7);
        }
        return () -> false;
    }
}
