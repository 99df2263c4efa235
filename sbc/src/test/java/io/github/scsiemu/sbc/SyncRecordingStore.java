package io.github.scsiemu.sbc;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sparse memory store that records every {@link #synchronize} call, to check when writes are made durable, and the
 * length of every write, to check how data reaches the store.
 */
final class SyncRecordingStore implements BlockStore {

    /** One synchronize call. */
    record Sync(long lba, long blocks) {
    }

    private final SparseMemoryBlockStore delegate;
    private final List<Sync> syncs = new CopyOnWriteArrayList<>();
    private final List<Integer> writeLengths = new CopyOnWriteArrayList<>();

    SyncRecordingStore(int blockSize, long capacity) {
        this.delegate = new SparseMemoryBlockStore(blockSize, capacity);
    }

    /** The synchronize calls so far, oldest first. */
    List<Sync> syncs() {
        return List.copyOf(syncs);
    }

    /** The byte count of every write so far, oldest first. */
    List<Integer> writeLengths() {
        return List.copyOf(writeLengths);
    }

    void clearSyncs() {
        syncs.clear();
    }

    @Override
    public int blockSize() {
        return delegate.blockSize();
    }

    @Override
    public long capacity() {
        return delegate.capacity();
    }

    @Override
    public void read(long lba, ByteBuffer destination) {
        delegate.read(lba, destination);
    }

    @Override
    public void write(long lba, ByteBuffer source) {
        writeLengths.add(source.remaining());
        delegate.write(lba, source);
    }

    @Override
    public void synchronize(long lba, long blocks) {
        syncs.add(new Sync(lba, blocks));
        delegate.synchronize(lba, blocks);
    }

    @Override
    public void deallocate(long lba, long blocks) {
        delegate.deallocate(lba, blocks);
    }

    @Override
    public void anchor(long lba, long blocks) {
        delegate.anchor(lba, blocks);
    }

    @Override
    public ProvisioningRun provisioningStatus(long lba, long maxBlocks) {
        return delegate.provisioningStatus(lba, maxBlocks);
    }

    @Override
    public void resize(long newCapacity) {
        delegate.resize(newCapacity);
    }

    @Override
    public boolean isPersistent() {
        return false;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
