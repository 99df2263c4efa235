package io.github.scsiemu.sbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link BlockStore} contract for {@link FileBlockStore} with its default 1024-block lock regions; a restart is
 * a close and an open of the same directory.
 */
class FileBlockStoreContractTest extends BlockStoreContract {

    @TempDir
    Path directory;
    private int stores;
    private final List<BlockStore> reopened = new ArrayList<>();

    @Override
    protected BlockStore newStore(long capacity) throws Exception {
        return FileBlockStore.create(directory.resolve("store" + stores++), BS, capacity);
    }

    @Override
    protected int regionBlocks() {
        return FileBlockStore.BLOCKS_PER_REGION;
    }

    @Override
    protected BlockStore reopen(BlockStore store) throws Exception {
        store.close();
        BlockStore again = FileBlockStore.open(((FileBlockStore) store).directory());
        reopened.add(again);
        return again;
    }

    @AfterEach
    void closeReopened() {
        reopened.forEach(BlockStore::close);
    }
}
