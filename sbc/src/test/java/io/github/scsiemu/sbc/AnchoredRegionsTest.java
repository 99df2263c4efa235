package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anchoring huge ranges (SBC-4 4.7.3.5) costs memory by the number of runs, not of chunks: wholly anchored chunks
 * have no chunk object or bitmap ({@link RegionTable}, {@link RegionRuns}).
 */
class AnchoredRegionsTest {

    private static final int BS = 512;
    private static final long TIB_BLOCKS = (1L << 40) / BS;
    private static final long HALF = 1L << 30; // 2^30 blocks, 512 GiB

    private static ProvisioningRun run(long lba, long blocks, ProvisioningState state) {
        return new ProvisioningRun(lba, blocks, state);
    }

    @Test
    void anchoringTwoToTheThirtyBlocksOfATerabyteThinDiskAllocatesNoChunk() {
        SparseMemoryBlockStore s = new SparseMemoryBlockStore(BS, TIB_BLOCKS); // 2^23 chunks of 64 KiB
        s.anchor(0, HALF);
        assertThat(s.trackedChunks()).isZero();
        assertThat(s.anchoredRuns()).isEqualTo(1);
        assertThat(s.allocatedChunks()).isZero();
        assertThat(s.provisioningStatus(0, TIB_BLOCKS)).isEqualTo(run(0, HALF, ProvisioningState.ANCHORED));
        assertThat(s.provisioningStatus(HALF, TIB_BLOCKS))
                .isEqualTo(run(HALF, TIB_BLOCKS - HALF, ProvisioningState.DEALLOCATED));
    }

    @Test
    void unalignedEndsGetBitmapsOnlyForTheTwoChunksTheyCut() {
        SparseMemoryBlockStore s = new SparseMemoryBlockStore(BS, TIB_BLOCKS);
        s.anchor(5, HALF);
        assertThat(s.trackedChunks()).isEqualTo(2);
        assertThat(s.anchoredRuns()).isEqualTo(1);
        assertThat(s.provisioningStatus(0, TIB_BLOCKS)).isEqualTo(run(0, 5, ProvisioningState.DEALLOCATED));
        assertThat(s.provisioningStatus(5, TIB_BLOCKS)).isEqualTo(run(5, HALF, ProvisioningState.ANCHORED));
        assertThat(s.provisioningStatus(HALF + 5, 1000)).isEqualTo(run(HALF + 5, 1000, ProvisioningState.DEALLOCATED));
    }

    @Test
    void writingInsideAnAnchoredRangeSplitsItAndUnmappingTheWriteRestoresIt() {
        SparseMemoryBlockStore s = new SparseMemoryBlockStore(BS, TIB_BLOCKS);
        s.write(1000, ByteBuffer.allocate(BS).put(0, (byte) 7)); // data there before anchoring
        s.anchor(0, HALF);
        assertThat(s.trackedChunks()).isZero();
        assertThat(s.allocatedChunks()).isZero();
        ByteBuffer back = ByteBuffer.allocate(BS);
        s.read(1000, back);
        assertThat(back.array()).isEqualTo(new byte[BS]); // anchoring zeroed it
        long middle = HALF / 2 + 3;
        s.write(middle, ByteBuffer.allocate(BS).put(0, (byte) 9));
        assertThat(s.trackedChunks()).isEqualTo(1);
        assertThat(s.anchoredRuns()).isEqualTo(2);
        assertThat(s.provisioningStatus(0, TIB_BLOCKS)).isEqualTo(run(0, middle, ProvisioningState.ANCHORED));
        assertThat(s.provisioningStatus(middle, TIB_BLOCKS)).isEqualTo(run(middle, 1, ProvisioningState.MAPPED));
        assertThat(s.provisioningStatus(middle + 1, TIB_BLOCKS))
                .isEqualTo(run(middle + 1, HALF - middle - 1, ProvisioningState.ANCHORED));
        s.anchor(middle, 1); // the chunk is wholly anchored again: no bitmap, one run
        assertThat(s.trackedChunks()).isZero();
        assertThat(s.anchoredRuns()).isEqualTo(1);
        assertThat(s.provisioningStatus(0, TIB_BLOCKS)).isEqualTo(run(0, HALF, ProvisioningState.ANCHORED));
    }

    @Test
    void deallocatingPartOfAnAnchoredRangeCutsTheRun() {
        SparseMemoryBlockStore s = new SparseMemoryBlockStore(BS, TIB_BLOCKS);
        s.anchor(0, HALF);
        s.deallocate(1000, 100_000); // not chunk-aligned at either end
        assertThat(s.trackedChunks()).isEqualTo(2);
        assertThat(s.provisioningStatus(0, TIB_BLOCKS)).isEqualTo(run(0, 1000, ProvisioningState.ANCHORED));
        assertThat(s.provisioningStatus(1000, TIB_BLOCKS))
                .isEqualTo(run(1000, 100_000, ProvisioningState.DEALLOCATED));
        assertThat(s.provisioningStatus(101_000, TIB_BLOCKS))
                .isEqualTo(run(101_000, HALF - 101_000, ProvisioningState.ANCHORED));
        s.deallocate(0, TIB_BLOCKS);
        assertThat(s.trackedChunks()).isZero();
        assertThat(s.anchoredRuns()).isZero();
        assertThat(s.provisioningStatus(0, TIB_BLOCKS)).isEqualTo(run(0, TIB_BLOCKS, ProvisioningState.DEALLOCATED));
    }

    @Test
    void shrinkingDropsAnchoredRunsPastTheNewCapacity() {
        SparseMemoryBlockStore s = new SparseMemoryBlockStore(BS, TIB_BLOCKS);
        s.anchor(0, HALF);
        s.resize(1000);
        s.resize(TIB_BLOCKS);
        assertThat(s.provisioningStatus(0, TIB_BLOCKS)).isEqualTo(run(0, 1000, ProvisioningState.ANCHORED));
        assertThat(s.provisioningStatus(1000, TIB_BLOCKS))
                .isEqualTo(run(1000, TIB_BLOCKS - 1000, ProvisioningState.DEALLOCATED));
        assertThat(s.anchoredRuns()).isEqualTo(1);
    }

    @Test
    void aFileStoreLogsAHugeAnchorAsOneRunAndReplaysIt(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("disk");
        try (FileBlockStore s = FileBlockStore.create(dir, BS, TIB_BLOCKS)) {
            s.write(7, ByteBuffer.allocate(BS).put(0, (byte) 1));
            s.anchor(3, HALF);
            s.synchronize(0, TIB_BLOCKS);
        }
        try (FileBlockStore s = FileBlockStore.open(dir)) {
            assertThat(s.provisioningStatus(0, TIB_BLOCKS)).isEqualTo(run(0, 3, ProvisioningState.DEALLOCATED));
            assertThat(s.provisioningStatus(3, TIB_BLOCKS)).isEqualTo(run(3, HALF, ProvisioningState.ANCHORED));
            ByteBuffer back = ByteBuffer.allocate(BS);
            s.read(7, back);
            assertThat(back.array()).isEqualTo(new byte[BS]);
        }
    }
}
