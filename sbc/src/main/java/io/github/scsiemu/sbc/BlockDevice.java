package io.github.scsiemu.sbc;

import io.github.scsiemu.sbc.commands.SbcCommands;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.Readiness;

/**
 * Builds a direct-access block device (peripheral device type 00h, SBC-4): the shared SPC engine with the SBC
 * commands bound to a medium. The result is a {@link io.github.scsiemu.api.LogicalUnit} any transport can serve.
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
        return create(config, new SparseMemoryBlockStore(config.logicalBlockSize(), config.capacity()));
    }

    /**
     * A disk on the given store.
     *
     * @param config the geometry, limits and identity
     * @param store  the logical blocks, with the block size and capacity of {@code config}
     */
    public static DeviceServer create(DiskConfig config, BlockStore store) {
        Medium medium = new Medium(config, store);
        return DeviceServer.builder(config.identity())
                .commands(SbcCommands.all(medium))
                .readiness(Readiness.ALWAYS_READY)
                .build();
    }
}
