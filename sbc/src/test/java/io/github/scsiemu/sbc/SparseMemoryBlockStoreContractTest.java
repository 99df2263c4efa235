package io.github.scsiemu.sbc;

/** The {@link BlockStore} contract for {@link SparseMemoryBlockStore} with 8-block chunks. */
class SparseMemoryBlockStoreContractTest extends BlockStoreContract {

    @Override
    protected BlockStore newStore(long capacity) {
        return new SparseMemoryBlockStore(BS, capacity, 8 * BS);
    }

    @Override
    protected int regionBlocks() {
        return 8;
    }
}
