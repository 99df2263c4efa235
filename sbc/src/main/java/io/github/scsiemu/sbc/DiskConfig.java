package io.github.scsiemu.sbc;

import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.PeripheralDeviceType;
import java.util.List;
import java.util.Objects;

/**
 * What a direct-access block device is made of: its initial capacity and logical block length (the READ CAPACITY
 * parameter data, SBC-4 5.20 and 5.21), the physical block geometry, how it is provisioned (SBC-4 4.7), whether
 * its medium is removable or write-protected, the limits of the Block Limits VPD page (SBC-4 6.6.4) and its
 * identity (INQUIRY, VPD 80h and 83h). Build one with {@link #builder(long, int)} or {@link #of}.
 *
 * @param capacity                          the initial number of logical blocks, at least one
 * @param logicalBlockSize                  the LOGICAL BLOCK LENGTH IN BYTES: 512 or 4096
 * @param logicalBlocksPerPhysicalBlockExponent the LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT, 0-15
 * @param lowestAlignedLogicalBlockAddress  the LOWEST ALIGNED LOGICAL BLOCK ADDRESS, below 2^exponent
 * @param provisioning                      full or thin provisioning
 * @param lbprz                             LBPRZ: unmapped blocks read as zeros (our stores always do; this says
 *                                          whether the disk promises it)
 * @param removable                         RMB: the medium can be ejected and loaded (START STOP UNIT LOEJ)
 * @param readOnly                          the medium is write-protected (DATA PROTECT, WRITE PROTECTED)
 * @param limits                            the Block Limits
 * @param identity                          vendor, product, revision, serial number and NAA designator
 */
public record DiskConfig(long capacity, int logicalBlockSize, int logicalBlocksPerPhysicalBlockExponent,
        int lowestAlignedLogicalBlockAddress, Provisioning provisioning, boolean lbprz, boolean removable,
        boolean readOnly, BlockLimits limits, LogicalUnitIdentity identity) {

    /** The MAXIMUM TRANSFER LENGTH used unless another is given, in logical blocks. */
    public static final long DEFAULT_MAXIMUM_TRANSFER_LENGTH = BlockLimits.DEFAULT.maximumTransferLength();

    /**
     * SAM-5, SPC-4, SBC-4 and SBC-3, each "no version claimed" (SPC-4 7.8.3, version descriptor codes). The disk
     * implements SBC-4, whose command set and Block Limits VPD page (3Ch page length) include SBC-3's, so it claims
     * both; initiators that know only SBC-3 (libiscsi looks for 04C0h) then recognise the SBC-3 features it reports.
     */
    public static final List<Integer> VERSION_DESCRIPTORS = List.of(0x00A0, 0x0460, 0x0600, 0x04C0);

    public DiskConfig {
        Objects.requireNonNull(provisioning, "provisioning");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(identity, "identity");
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
        if (limits.maximumTransferLength() > Integer.MAX_VALUE / logicalBlockSize) {
            throw new IllegalArgumentException("maximum transfer length must fit one buffer: "
                    + limits.maximumTransferLength());
        }
        if (identity.deviceType() != PeripheralDeviceType.DIRECT_ACCESS || identity.removable() != removable) {
            throw new IllegalArgumentException("identity must be a direct-access device with RMB = removable");
        }
    }

    /** A fully provisioned, fixed, writable disk of {@code capacity} blocks with default geometry and limits. */
    public static DiskConfig of(long capacity, int logicalBlockSize, String product, String serialNumber) {
        return builder(capacity, logicalBlockSize).product(product).serialNumber(serialNumber).build();
    }

    /** Starts a configuration: fully provisioned, fixed, writable, default limits, product {@code DISK}. */
    public static Builder builder(long capacity, int logicalBlockSize) {
        return new Builder(capacity, logicalBlockSize);
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder toBuilder() {
        Builder b = new Builder(capacity, logicalBlockSize);
        b.exponent = logicalBlocksPerPhysicalBlockExponent;
        b.lowestAligned = lowestAlignedLogicalBlockAddress;
        b.provisioning = provisioning;
        b.lbprz = lbprz;
        b.removable = removable;
        b.readOnly = readOnly;
        b.limits = limits;
        b.vendor = identity.vendor();
        b.product = identity.product();
        b.revision = identity.revision();
        b.serialNumber = identity.serialNumber();
        b.identity = identity;
        b.explicitIdentity = true;
        return b;
    }

    /** The initial last logical block address. */
    public long lastLogicalBlockAddress() {
        return capacity - 1;
    }

    /** The largest TRANSFER LENGTH of one READ or WRITE, in logical blocks. */
    public long maximumTransferLength() {
        return limits.maximumTransferLength();
    }

    /** The PRODUCT IDENTIFICATION. */
    public String product() {
        return identity.product();
    }

    /** The PRODUCT SERIAL NUMBER. */
    public String serialNumber() {
        return identity.serialNumber();
    }

    /** This configuration with {@code 2^exponent} logical blocks per physical block, the first one aligned. */
    public DiskConfig withLogicalBlocksPerPhysicalBlockExponent(int exponent) {
        return toBuilder().physicalBlockExponent(exponent).lowestAlignedLogicalBlockAddress(0).build();
    }

    /** This configuration with another LOWEST ALIGNED LOGICAL BLOCK ADDRESS. */
    public DiskConfig withLowestAlignedLogicalBlockAddress(int lba) {
        return toBuilder().lowestAlignedLogicalBlockAddress(lba).build();
    }

    /** This configuration with another MAXIMUM TRANSFER LENGTH, in logical blocks. */
    public DiskConfig withMaximumTransferLength(long blocks) {
        return toBuilder().limits(limits.withMaximumTransferLength(blocks)).build();
    }

    /** Assembles a {@link DiskConfig}. */
    public static final class Builder {
        private final long capacity;
        private final int logicalBlockSize;
        private int exponent;
        private int lowestAligned;
        private Provisioning provisioning = Provisioning.FULL;
        private boolean lbprz = true;
        private boolean removable;
        private boolean readOnly;
        private BlockLimits limits = BlockLimits.DEFAULT;
        private String vendor = "SCSIEMU";
        private String product = "DISK";
        private String revision = "0001";
        private String serialNumber = "0000000001";
        private LogicalUnitIdentity identity;
        private boolean explicitIdentity;

        private Builder(long capacity, int logicalBlockSize) {
            this.capacity = capacity;
            this.logicalBlockSize = logicalBlockSize;
        }

        public Builder physicalBlockExponent(int value) {
            this.exponent = value;
            return this;
        }

        public Builder lowestAlignedLogicalBlockAddress(int value) {
            this.lowestAligned = value;
            return this;
        }

        public Builder provisioning(Provisioning value) {
            this.provisioning = Objects.requireNonNull(value);
            return this;
        }

        /** Thin provisioning with logical block provisioning management. */
        public Builder thin() {
            return provisioning(Provisioning.THIN);
        }

        public Builder lbprz(boolean value) {
            this.lbprz = value;
            return this;
        }

        public Builder removable(boolean value) {
            this.removable = value;
            return this;
        }

        public Builder readOnly(boolean value) {
            this.readOnly = value;
            return this;
        }

        public Builder limits(BlockLimits value) {
            this.limits = Objects.requireNonNull(value);
            return this;
        }

        public Builder vendor(String value) {
            this.vendor = value;
            explicitIdentity = false;
            return this;
        }

        public Builder product(String value) {
            this.product = value;
            explicitIdentity = false;
            return this;
        }

        public Builder revision(String value) {
            this.revision = value;
            explicitIdentity = false;
            return this;
        }

        public Builder serialNumber(String value) {
            this.serialNumber = value;
            explicitIdentity = false;
            return this;
        }

        /** A complete identity (vendor, product, revision, serial, NAA); its RMB bit follows {@link #removable}. */
        public Builder identity(LogicalUnitIdentity value) {
            this.identity = Objects.requireNonNull(value);
            explicitIdentity = true;
            return this;
        }

        public DiskConfig build() {
            LogicalUnitIdentity id;
            if (explicitIdentity && identity != null) {
                id = identity;
            } else {
                LogicalUnitIdentity derived = LogicalUnitIdentity.of(PeripheralDeviceType.DIRECT_ACCESS, product,
                        serialNumber, VERSION_DESCRIPTORS);
                id = new LogicalUnitIdentity(derived.deviceType(), false, vendor, product, revision, serialNumber,
                        derived.ieeeCompanyId(), derived.vendorSpecificId(), derived.vendorSpecificIdExtension(),
                        derived.versionDescriptors());
            }
            return new DiskConfig(capacity, logicalBlockSize, exponent, lowestAligned, provisioning, lbprz,
                    removable, readOnly, limits, id.withRemovable(removable));
        }
    }
}
