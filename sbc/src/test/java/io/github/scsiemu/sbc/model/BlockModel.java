package io.github.scsiemu.sbc.model;

import io.github.scsiemu.sbc.ProvisioningState;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference model of one thin provisioned disk with LBPRZ=1 (SBC-4 4.7): the contents of every mapped block
 * and the provisioning state of every block. A deallocated or anchored block has no contents and reads as zeros.
 */
final class BlockModel {

    private final int blockSize;
    private final Map<Long, byte[]> contents = new HashMap<>();
    private final ProvisioningState[] states;

    BlockModel(int capacity, int blockSize) {
        this.blockSize = blockSize;
        this.states = new ProvisioningState[capacity];
        Arrays.fill(states, ProvisioningState.DEALLOCATED);
    }

    int capacity() {
        return states.length;
    }

    /** What READ returns for a block. */
    byte[] read(long lba) {
        byte[] b = contents.get(lba);
        return b == null ? new byte[blockSize] : b.clone();
    }

    /** What READ returns for a range. */
    byte[] read(long lba, int blocks) {
        byte[] data = new byte[blocks * blockSize];
        for (int i = 0; i < blocks; i++) {
            System.arraycopy(read(lba + i), 0, data, i * blockSize, blockSize);
        }
        return data;
    }

    ProvisioningState state(long lba) {
        return states[(int) lba];
    }

    /** A write: the blocks hold the data and are mapped. */
    void write(long lba, byte[] data) {
        for (int i = 0; i < data.length / blockSize; i++) {
            contents.put(lba + i, Arrays.copyOfRange(data, i * blockSize, (i + 1) * blockSize));
            states[(int) (lba + i)] = ProvisioningState.MAPPED;
        }
    }

    /** UNMAP or WRITE SAME with UNMAP (whatever its data block): the blocks are deallocated (or anchored) and read as zeros. */
    void release(long lba, long blocks, ProvisioningState state) {
        for (long b = lba; b < lba + blocks; b++) {
            contents.remove(b);
            states[(int) b] = state;
        }
    }

    /** FORMAT UNIT without an initialization pattern on a thin disk: every block deallocated. */
    void format() {
        release(0, states.length, ProvisioningState.DEALLOCATED);
    }
}
