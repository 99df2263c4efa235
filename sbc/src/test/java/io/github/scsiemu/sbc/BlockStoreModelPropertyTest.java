package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.proptest.Property;
import io.github.scsiemu.proptest.Weighted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model-based: random sequences of write, deallocate, anchor, resize (and, for the file store, synchronize and
 * restart) against a reference model that holds each block's state and data in an array.
 */
class BlockStoreModelPropertyTest {

    private static final int BS = 512;
    private static final int REGION = 8;
    private static final int MAX_CAPACITY = 5 * REGION + 3;

    enum Kind { WRITE, DEALLOCATE, ANCHOR, RESIZE, SYNCHRONIZE, RESTART }

    /** One operation; {@code lba} and {@code blocks} are clipped to the capacity when it runs. */
    record Op(Kind kind, int lba, int blocks, byte seed) {
    }

    /** The reference: an array of states and one of block contents. */
    static final class Model {
        ProvisioningState[] states;
        byte[][] data;

        Model(int capacity) {
            states = new ProvisioningState[capacity];
            Arrays.fill(states, ProvisioningState.DEALLOCATED);
            data = new byte[capacity][];
        }

        void set(int lba, int blocks, ProvisioningState state, byte seed) {
            for (int k = lba; k < lba + blocks; k++) {
                states[k] = state;
                data[k] = state == ProvisioningState.MAPPED ? block(k, seed) : null;
            }
        }

        void resize(int capacity) {
            ProvisioningState[] s = Arrays.copyOf(states, capacity);
            for (int k = states.length; k < capacity; k++) {
                s[k] = ProvisioningState.DEALLOCATED;
            }
            states = s;
            data = Arrays.copyOf(data, capacity);
        }

        List<ProvisioningRun> runs() {
            List<ProvisioningRun> runs = new ArrayList<>();
            int start = 0;
            for (int k = 1; k <= states.length; k++) {
                if (k == states.length || states[k] != states[start]) {
                    runs.add(new ProvisioningRun(start, k - start, states[start]));
                    start = k;
                }
            }
            return runs;
        }
    }

    static byte[] block(int lba, byte seed) {
        byte[] b = new byte[BS];
        for (int i = 0; i < BS; i++) {
            b[i] = (byte) (seed * 37 + lba * 11 + i + 1);
        }
        return b;
    }

    private static final Gen<Integer> LBA = Gens.integers(0, MAX_CAPACITY - 1);
    private static final Gen<Integer> BLOCKS = Gens.integers(1, 2 * REGION + 2);
    private static final Gen<Op> RANGE_OP = Gens.pairs(Gens.elements(Kind.WRITE, Kind.DEALLOCATE, Kind.ANCHOR),
            Gens.pairs(Gens.pairs(LBA, BLOCKS), Gens.bytes()))
            .map(p -> new Op(p.first(), p.second().first().first(), p.second().first().second(),
                    p.second().second()));
    private static final Gen<Op> RESIZE = Gens.integers(1, MAX_CAPACITY).map(c -> new Op(Kind.RESIZE, c, 0,
            (byte) 0));
    private static final Gen<Op> SYNC = Gens.constant(new Op(Kind.SYNCHRONIZE, 0, 0, (byte) 0));
    private static final Gen<Op> RESTART = Gens.constant(new Op(Kind.RESTART, 0, 0, (byte) 0));
    private static final Gen<Op> VOLATILE_OP = Gens.frequency(List.of(new Weighted<>(12, RANGE_OP),
            new Weighted<>(1, RESIZE)));
    private static final Gen<Op> PERSISTENT_OP = Gens.frequency(List.of(new Weighted<>(12, RANGE_OP),
            new Weighted<>(1, RESIZE), new Weighted<>(2, SYNC), new Weighted<>(1, RESTART)));

    @TempDir
    Path tmp;
    private final AtomicInteger dirs = new AtomicInteger();

    @Test
    void sparseStoreReadsAndProvisioningStatusEqualTheModel() {
        Property.forAll("after any sequence of write/deallocate/anchor/resize, reads and provisioningStatus equal"
                + " a simple reference model", Gens.lists(VOLATILE_OP, 1, 60))
                .tries(200)
                .check(ops -> {
                    BlockStore store = new SparseMemoryBlockStore(BS, MAX_CAPACITY, REGION * BS);
                    run(ops, store, () -> store);
                });
    }

    @Test
    void fileStoreReadsAndProvisioningStatusEqualTheModelAlsoAfterRestarts() {
        Property.forAll("after any sequence of write/deallocate/anchor/resize/synchronize/restart, reads and"
                + " provisioningStatus equal a simple reference model, also after close and open",
                Gens.lists(PERSISTENT_OP, 1, 60))
                .tries(100)
                .check(ops -> {
                    Path dir = tmp.resolve("s" + dirs.incrementAndGet());
                    try {
                        // a tiny compaction threshold so that compaction happens within the sequences
                        BlockStore[] store = {FileBlockStore.create(dir, BS, MAX_CAPACITY, REGION, 6)};
                        try {
                            store[0] = run(ops, store[0], () -> {
                                store[0].close();
                                store[0] = open(dir);
                                return store[0];
                            });
                            store[0].close();
                            store[0] = open(dir);
                            checkAgainst(modelOf(ops), store[0], "after the final close and open");
                        } finally {
                            store[0].close();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static BlockStore open(Path dir) {
        try {
            return FileBlockStore.open(dir, REGION, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code ops}, checking the store against the model after each; returns the store in use at the end. */
    private static BlockStore run(List<Op> ops, BlockStore store, java.util.function.Supplier<BlockStore> restart) {
        Model model = new Model(MAX_CAPACITY);
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            apply(op, model, store);
            if (op.kind() == Kind.RESTART) {
                store = restart.get();
            }
            checkAgainst(model, store, "after op " + i + " " + op);
        }
        return store;
    }

    private static Model modelOf(List<Op> ops) {
        Model model = new Model(MAX_CAPACITY);
        for (Op op : ops) {
            apply(op, model, null);
        }
        return model;
    }

    /** Applies {@code op} to the model and, if given, the store. */
    private static void apply(Op op, Model model, BlockStore store) {
        int capacity = model.states.length;
        int lba = Math.min(op.lba(), capacity - 1);
        int blocks = Math.min(op.blocks(), capacity - lba);
        switch (op.kind()) {
            case WRITE -> {
                model.set(lba, blocks, ProvisioningState.MAPPED, op.seed());
                if (store != null) {
                    ByteBuffer src = ByteBuffer.allocate(blocks * BS);
                    for (int k = 0; k < blocks; k++) {
                        src.put(block(lba + k, op.seed()));
                    }
                    store.write(lba, src.flip());
                }
            }
            case DEALLOCATE -> {
                model.set(lba, blocks, ProvisioningState.DEALLOCATED, op.seed());
                if (store != null) {
                    store.deallocate(lba, blocks);
                }
            }
            case ANCHOR -> {
                model.set(lba, blocks, ProvisioningState.ANCHORED, op.seed());
                if (store != null) {
                    store.anchor(lba, blocks);
                }
            }
            case RESIZE -> {
                model.resize(op.lba());
                if (store != null) {
                    store.resize(op.lba());
                }
            }
            case SYNCHRONIZE -> {
                if (store != null) {
                    store.synchronize(0, capacity);
                }
            }
            case RESTART -> {
                // the caller restarts the store; the model is unchanged
            }
        }
    }

    private static void checkAgainst(Model model, BlockStore store, String when) {
        assertThat(store.capacity()).as(when).isEqualTo(model.states.length);
        assertThat(BlockStoreContract.runs(store)).as(when).isEqualTo(model.runs());
        ByteBuffer all = ByteBuffer.allocate(model.states.length * BS);
        store.read(0, all);
        for (int k = 0; k < model.states.length; k++) {
            byte[] expected = model.data[k] == null ? new byte[BS] : model.data[k];
            assertThat(Arrays.copyOfRange(all.array(), k * BS, (k + 1) * BS)).as("%s: LBA %d", when, k)
                    .isEqualTo(expected);
        }
    }
}
