package io.github.scsiemu.sbc.pages;

import io.github.scsiemu.sbc.BlockLimits;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.sbc.Provisioning;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.inquiry.VpdPage;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The Block Limits VPD page (B0h, SBC-4 6.6.4), PAGE LENGTH 003Ch: the limits a disk enforces, from its
 * {@link BlockLimits}.
 *
 * <p>WSNZ is 0: a WRITE SAME with NUMBER OF LOGICAL BLOCKS zero covers every block to the end of the medium. The
 * unmap fields (MAXIMUM UNMAP LBA COUNT, MAXIMUM UNMAP BLOCK DESCRIPTOR COUNT, OPTIMAL UNMAP GRANULARITY and
 * UGAVALID with UNMAP GRANULARITY ALIGNMENT) are reported only when the disk has UNMAP; a fully provisioned disk
 * reports them as zero, as libiscsi's Inquiry.BlockLimits requires without LBPU. UGAVALID is set when the
 * alignment is non-zero. MAXIMUM PREFETCH LENGTH is 0 (not reported). MAXIMUM ATOMIC TRANSFER LENGTH, ATOMIC
 * ALIGNMENT and ATOMIC TRANSFER LENGTH GRANULARITY come from the limits; MAXIMUM ATOMIC TRANSFER LENGTH WITH ATOMIC
 * BOUNDARY and MAXIMUM ATOMIC BOUNDARY SIZE (bytes 56-63) are always 0: atomic boundaries are not supported, and
 * {@link io.github.scsiemu.sbc.commands.WriteAtomic16} rejects a non-zero ATOMIC BOUNDARY accordingly.
 *
 * @param limits the limits
 * @param unmap  whether the disk has UNMAP (LBPU = 1)
 */
public record BlockLimitsPage(BlockLimits limits, boolean unmap) implements VpdPage {

    public static final int PAGE_CODE = 0xB0;
    /** The PAGE LENGTH. */
    public static final int PAGE_LENGTH = 0x3C;

    public BlockLimitsPage {
        Objects.requireNonNull(limits, "limits");
    }

    /** The page of a disk with this configuration. */
    public static BlockLimitsPage of(DiskConfig config) {
        return new BlockLimitsPage(config.limits(), config.provisioning() == Provisioning.THIN);
    }

    @Override
    public int pageCode() {
        return PAGE_CODE;
    }

    @Override
    public byte[] content(CommandContext context) {
        // b's index n is byte n+4 of the page.
        ByteBuffer b = ByteBuffer.allocate(PAGE_LENGTH);
        b.put((byte) 0); // WSNZ 0
        b.put((byte) limits.maximumCompareAndWriteLength());
        b.putShort((short) limits.optimalTransferLengthGranularity());
        b.putInt((int) limits.maximumTransferLength());
        b.putInt((int) limits.optimalTransferLength());
        b.putInt(0); // MAXIMUM PREFETCH LENGTH
        if (unmap) {
            b.putInt((int) limits.maximumUnmapLbaCount());
            b.putInt((int) limits.maximumUnmapBlockDescriptorCount());
            b.putInt((int) limits.optimalUnmapGranularity());
            long alignment = limits.unmapGranularityAlignment();
            b.putInt((int) (alignment == 0 ? 0 : 0x8000_0000L | alignment));
        } else {
            b.putInt(0).putInt(0).putInt(0).putInt(0);
        }
        b.putLong(limits.maximumWriteSameLength());
        b.putInt((int) limits.maximumAtomicTransferLength());
        b.putInt((int) limits.atomicAlignment());
        b.putInt((int) limits.atomicTransferLengthGranularity());
        b.putInt(0); // MAXIMUM ATOMIC TRANSFER LENGTH WITH ATOMIC BOUNDARY
        b.putInt(0); // MAXIMUM ATOMIC BOUNDARY SIZE
        return b.array();
    }
}
