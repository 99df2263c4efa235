package io.github.scsiemu.sbc;

import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.PeripheralDeviceType;
import java.util.List;

/**
 * What a direct-access block device is made of: its capacity and logical block length (the READ CAPACITY parameter
 * data, SBC-4 5.20 and 5.21), the physical block geometry, the largest transfer it accepts (the MAXIMUM TRANSFER
 * LENGTH the Block Limits VPD page reports, SBC-4 6.6.4), and its identity.
 *
 * @param capacity                          the number of logical blocks (the last LBA plus one), at least one
 * @param logicalBlockSize                  the LOGICAL BLOCK LENGTH IN BYTES: 512 or 4096
 * @param logicalBlocksPerPhysicalBlockExponent the LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT, 0-15 (0: one
 *                                          logical block per physical block)
 * @param lowestAlignedLogicalBlockAddress  the LOWEST ALIGNED LOGICAL BLOCK ADDRESS, 0-3FFFh and less than the
 *                                          number of logical blocks per physical block
 * @param maximumTransferLength             the largest TRANSFER LENGTH, in logical blocks, of one READ or WRITE;
 *                                          at least one, and its byte count must fit one buffer (2 GiB - 1)
 * @param product                           the PRODUCT IDENTIFICATION, at most 16 printable ASCII characters
 * @param serialNumber                      the PRODUCT SERIAL NUMBER, printable ASCII
 */
public record DiskConfig(long capacity, int logicalBlockSize, int logicalBlocksPerPhysicalBlockExponent,
        int lowestAlignedLogicalBlockAddress, long maximumTransferLength, String product, String serialNumber) {

    /** The MAXIMUM TRANSFER LENGTH used unless another is given, in logical blocks. */
    public static final long DEFAULT_MAXIMUM_TRANSFER_LENGTH = 65_535;

    /** SAM-5, SPC-4 and SBC-4, each "no version claimed" (SPC-4 table 144). */
    public static final List<Integer> VERSION_DESCRIPTORS = List.of(0x00A0, 0x0460, 0x0600);

    public DiskConfig {
        if (logicalBlockSize != 512 && logicalBlockSize != 4096) {
            throw new IllegalArgumentException("logical block length must be 512 or 4096: " + logicalBlockSize);
        }
        if (capacity < 1 || capacity > Long.MAX_VALUE / logicalBlockSize) {
            throw new IllegalArgumentException("capacity out of range: " + capacity + " blocks");
        }
        if (logicalBlocksPerPhysicalBlockExponent < 0 || logicalBlocksPerPhysicalBlockExponent > 15) {
            throw new IllegalArgumentException("logical blocks per physical block exponent is 4 bits: "
                    + logicalBlocksPerPhysicalBlockExponent);
        }
        if (lowestAlignedLogicalBlockAddress < 0 || lowestAlignedLogicalBlockAddress > 0x3FFF
                || lowestAlignedLogicalBlockAddress >= 1 << logicalBlocksPerPhysicalBlockExponent) {
            throw new IllegalArgumentException("lowest aligned LBA must be below the logical blocks per physical"
                    + " block: " + lowestAlignedLogicalBlockAddress);
        }
        if (maximumTransferLength < 1 || maximumTransferLength > Integer.MAX_VALUE / logicalBlockSize) {
            throw new IllegalArgumentException("maximum transfer length out of range: " + maximumTransferLength);
        }
        LogicalUnitIdentity.of(PeripheralDeviceType.DIRECT_ACCESS, product, serialNumber, VERSION_DESCRIPTORS);
    }

    /** A disk of {@code capacity} blocks of {@code logicalBlockSize} bytes with default geometry and limits. */
    public static DiskConfig of(long capacity, int logicalBlockSize, String product, String serialNumber) {
        return new DiskConfig(capacity, logicalBlockSize, 0, 0, DEFAULT_MAXIMUM_TRANSFER_LENGTH, product,
                serialNumber);
    }

    /** This configuration with {@code 2^exponent} logical blocks per physical block, the first one aligned. */
    public DiskConfig withLogicalBlocksPerPhysicalBlockExponent(int exponent) {
        return new DiskConfig(capacity, logicalBlockSize, exponent, 0, maximumTransferLength, product,
                serialNumber);
    }

    /** This configuration with another LOWEST ALIGNED LOGICAL BLOCK ADDRESS. */
    public DiskConfig withLowestAlignedLogicalBlockAddress(int lba) {
        return new DiskConfig(capacity, logicalBlockSize, logicalBlocksPerPhysicalBlockExponent, lba,
                maximumTransferLength, product, serialNumber);
    }

    /** This configuration with another MAXIMUM TRANSFER LENGTH, in logical blocks. */
    public DiskConfig withMaximumTransferLength(long blocks) {
        return new DiskConfig(capacity, logicalBlockSize, logicalBlocksPerPhysicalBlockExponent,
                lowestAlignedLogicalBlockAddress, blocks, product, serialNumber);
    }

    /** The address of the last logical block. */
    public long lastLogicalBlockAddress() {
        return capacity - 1;
    }

    /** The INQUIRY and VPD identity: peripheral device type 00h, not removable. */
    public LogicalUnitIdentity identity() {
        return LogicalUnitIdentity.of(PeripheralDeviceType.DIRECT_ACCESS, product, serialNumber,
                VERSION_DESCRIPTORS);
    }
}
