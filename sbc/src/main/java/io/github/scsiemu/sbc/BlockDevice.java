package io.github.scsiemu.sbc;

import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.reservation.PersistentReservations;

/**
 * Shortcuts for the common case: a direct-access logical unit (peripheral device type 00h, SBC-4) to serve or to
 * send CDBs to, without keeping the operator's {@link Disk} handle. Use {@link Disk#builder} for a capacity
 * change, medium removal, fault injection, a file-backed store or logical unit features.
 *
 * <pre>{@code
 * DeviceServer disk = BlockDevice.create(DiskConfig.of(1L << 31, 512, "MEMDISK", "0001"));
 * }</pre>
 */
public final class BlockDevice {

    private BlockDevice() {
    }

    /** A disk on a {@link SparseMemoryBlockStore}: storage is allocated only where it is written. */
    public static DeviceServer create(DiskConfig config) {
        return Disk.builder(config).feature(new PersistentReservations()).build().logicalUnit();
    }

    /**
     * A disk on the given store.
     *
     * @param config the geometry, limits and identity
     * @param store  the logical blocks, with the block size of {@code config}
     */
    public static DeviceServer create(DiskConfig config, BlockStore store) {
        return Disk.builder(config).store(store).feature(new PersistentReservations()).build().logicalUnit();
    }
}
