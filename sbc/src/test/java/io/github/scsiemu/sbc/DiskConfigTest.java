package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.PeripheralDeviceType;
import org.junit.jupiter.api.Test;

class DiskConfigTest {

    @Test
    void acceptsOnly512And4096ByteBlocks() {
        for (int size : new int[] {0, 256, 520, 1024, 2048, 4160, 8192}) {
            assertThatThrownBy(() -> DiskConfig.of(10, size, "D", "S")).as("%d", size)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(DiskConfig.of(10, 512, "D", "S").logicalBlockSize()).isEqualTo(512);
        assertThat(DiskConfig.of(10, 4096, "D", "S").logicalBlockSize()).isEqualTo(4096);
    }

    @Test
    void rejectsImpossibleGeometryAndLimits() {
        DiskConfig ok = DiskConfig.of(10, 512, "D", "S");
        assertThatThrownBy(() -> DiskConfig.of(0, 512, "D", "S")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiskConfig.of(Long.MAX_VALUE / 256, 512, "D", "S"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withLogicalBlocksPerPhysicalBlockExponent(16))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withLowestAlignedLogicalBlockAddress(1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ok.withLogicalBlocksPerPhysicalBlockExponent(3).withLowestAlignedLogicalBlockAddress(7)
                .lowestAlignedLogicalBlockAddress()).isEqualTo(7);
        assertThatThrownBy(() -> ok.withLogicalBlocksPerPhysicalBlockExponent(3)
                .withLowestAlignedLogicalBlockAddress(8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withMaximumTransferLength(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiskConfig.of(10, 4096, "D", "S")
                .withMaximumTransferLength(Integer.MAX_VALUE / 4096 + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiskConfig.of(10, 512, "PRODUCT NAME IS TOO LONG", "S"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identityIsADirectAccessDeviceClaimingSbc4() {
        LogicalUnitIdentity id = DiskConfig.of(10, 512, "MEMDISK", "SN42").identity();
        assertThat(id.deviceType()).isEqualTo(PeripheralDeviceType.DIRECT_ACCESS);
        assertThat(id.removable()).isFalse();
        assertThat(id.product()).isEqualTo("MEMDISK");
        assertThat(id.serialNumber()).isEqualTo("SN42");
        assertThat(id.versionDescriptors()).containsExactly(0x00A0, 0x0460, 0x0600, 0x04C0);
        assertThat(BlockDevice.create(DiskConfig.of(10, 512, "MEMDISK", "SN42")).identity()).isEqualTo(id);
    }

    @Test
    void mediumRejectsAStoreOfAnotherBlockSizeButTakesTheStoresCapacity() {
        DiskConfig config = DiskConfig.of(10, 512, "D", "S");
        assertThatThrownBy(() -> new Medium(config, new SparseMemoryBlockStore(4096, 10)))
                .isInstanceOf(IllegalArgumentException.class);
        // a persistent store reopened after a capacity change keeps its own capacity
        assertThat(new Medium(config, new SparseMemoryBlockStore(512, 11)).capacity()).isEqualTo(11);
    }
}
