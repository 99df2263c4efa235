package io.github.scsiemu.sbc.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.proptest.Property;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.sbc.ProvisioningState;
import io.github.scsiemu.sbc.copy.CopyDomain;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Model-based test of two small thin disks of one copy domain (SBC-4 4.7, 5.3, 5.4, 5.32, 5.42, 5.50; SPC-4 6.4):
 * random sequences of WRITE, WRITE SAME with and without UNMAP, UNMAP (with and without ANCHOR), COMPARE AND WRITE
 * (matching and not), EXTENDED COPY within a disk and to the other disk, and FORMAT UNIT, issued from three I_T
 * nexuses per disk; after every step, READ of every block and GET LBA STATUS of both disks equal a reference model.
 */
class DiskModelPropertyTest {

    private static final int BLOCKS = 64;
    private static final int BS = 512;
    private static final int NEXUSES = 3;
    private static final int MAX_RANGE = 8;

    /** One command of a sequence; {@code nexus} picks the initiator, {@code disk} 0 or 1. */
    sealed interface Step permits Write, WriteSame, Unmap, CompareAndWrite, Copy, Format {
    }

    record Write(int nexus, int disk, int lba, int blocks, int seed, boolean fua) implements Step {
    }

    /** {@code seed} -1 writes a block of zeros. */
    record WriteSame(int nexus, int disk, int lba, int blocks, int seed, boolean unmap) implements Step {
    }

    record Unmap(int nexus, int disk, int lba, int blocks, boolean anchor) implements Step {
    }

    /** {@code differ} -1: the verify instance is the current data; otherwise it differs at that byte. */
    record CompareAndWrite(int nexus, int disk, int lba, int blocks, int seed, int differ) implements Step {
    }

    record Copy(int nexus, int from, int to, int sourceLba, int destinationLba, int blocks) implements Step {
    }

    record Format(int nexus, int disk) implements Step {
    }

    /** The system under test: two disks of one copy domain, three clients on each, and their models. */
    private static final class World {
        final CopyDomain domain = new CopyDomain();
        final Disk[] disks = new Disk[2];
        final ModelClient[][] clients = new ModelClient[2][NEXUSES];
        final BlockModel[] models = {new BlockModel(BLOCKS, BS), new BlockModel(BLOCKS, BS)};

        World() {
            for (int d = 0; d < 2; d++) {
                disks[d] = Disk.builder(DiskConfig.builder(BLOCKS, BS).thin().serialNumber("MODEL" + d).build())
                        .copyDomain(domain).build();
                disks[d].state().minimumOperationTime(java.time.Duration.ZERO); // FORMAT UNIT at full speed
                for (int n = 0; n < NEXUSES; n++) {
                    clients[d][n] = new ModelClient(disks[d].logicalUnit(), "model-" + d + "-" + n);
                }
            }
        }
    }

    private static byte[] pattern(int seed, int blocks) {
        byte[] data = new byte[blocks * BS];
        int x = seed * 0x9E3779B1 + 0x7F4A7C15;
        for (int i = 0; i < data.length; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            data[i] = (byte) x;
        }
        return data;
    }

    private static Gen<int[]> range() {
        return Gens.pairs(Gens.integers(0, BLOCKS - 1), Gens.integers(1, MAX_RANGE))
                .map(p -> new int[] {p.first(), Math.min(p.second(), BLOCKS - p.first())});
    }

    private static Gen<Integer> nexus() {
        return Gens.integers(0, NEXUSES - 1);
    }

    private static Gen<Integer> disk() {
        return Gens.integers(0, 1);
    }

    private static Gen<Step> steps() {
        Gen<Step> write = Gens.pairs(Gens.pairs(nexus(), disk()), Gens.pairs(range(),
                Gens.pairs(Gens.integers(0, 1000), Gens.booleans()))).map(p -> new Write(p.first().first(),
                        p.first().second(), p.second().first()[0], p.second().first()[1],
                        p.second().second().first(), p.second().second().second()));
        Gen<Step> writeSame = Gens.pairs(Gens.pairs(nexus(), disk()), Gens.pairs(range(),
                Gens.pairs(Gens.integers(-1, 1000), Gens.booleans()))).map(p -> new WriteSame(p.first().first(),
                        p.first().second(), p.second().first()[0], p.second().first()[1],
                        p.second().second().first(), p.second().second().second()));
        Gen<Step> unmap = Gens.pairs(Gens.pairs(nexus(), disk()), Gens.pairs(range(), Gens.booleans()))
                .map(p -> new Unmap(p.first().first(), p.first().second(), p.second().first()[0],
                        p.second().first()[1], p.second().second()));
        Gen<Step> caw = Gens.pairs(Gens.pairs(nexus(), disk()), Gens.pairs(range(),
                Gens.pairs(Gens.integers(0, 1000), Gens.integers(-1, MAX_RANGE * BS - 1)))).map(p -> {
                    int blocks = p.second().first()[1];
                    int differ = p.second().second().second();
                    return new CompareAndWrite(p.first().first(), p.first().second(), p.second().first()[0], blocks,
                            p.second().second().first(), differ < 0 ? -1 : differ % (blocks * BS));
                });
        Gen<Step> copy = Gens.pairs(Gens.pairs(nexus(), Gens.pairs(disk(), disk())),
                Gens.pairs(range(), Gens.integers(0, BLOCKS - 1))).map(p -> {
                    int source = p.second().first()[0];
                    int destination = p.second().second();
                    int blocks = Math.min(p.second().first()[1], BLOCKS - destination);
                    return new Copy(p.first().first(), p.first().second().first(), p.first().second().second(),
                            source, destination, blocks);
                });
        Gen<Step> format = Gens.pairs(nexus(), disk()).map(p -> new Format(p.first(), p.second()));
        return Gens.frequency(List.of(new io.github.scsiemu.proptest.Weighted<>(4, write),
                new io.github.scsiemu.proptest.Weighted<>(3, writeSame),
                new io.github.scsiemu.proptest.Weighted<>(3, unmap),
                new io.github.scsiemu.proptest.Weighted<>(3, caw),
                new io.github.scsiemu.proptest.Weighted<>(3, copy),
                new io.github.scsiemu.proptest.Weighted<>(1, format)));
    }

    @Test
    void everyReadAndGetLbaStatusEqualsTheModelAfterEveryStep() {
        Property.forAll("readsAndLbaStatusEqualTheReferenceModelAfterEveryStep", Gens.lists(steps(), 1, 50))
                .tries(150).check(steps -> {
                    World world = new World();
                    check(world, "the fresh disks");
                    int i = 0;
                    for (Step step : steps) {
                        apply(world, step);
                        check(world, "step " + i++ + " " + step);
                    }
                });
    }

    private static void apply(World w, Step step) {
        if (step instanceof Write s) {
            byte[] data = pattern(s.seed(), s.blocks());
            w.clients[s.disk()][s.nexus()].write(s.lba(), data, BS, s.fua());
            w.models[s.disk()].write(s.lba(), data);
        } else if (step instanceof WriteSame s) {
            byte[] block = s.seed() < 0 ? new byte[BS] : pattern(s.seed(), 1);
            w.clients[s.disk()][s.nexus()].writeSame(s.lba(), s.blocks(), block, s.unmap());
            if (s.unmap()) {
                w.models[s.disk()].release(s.lba(), s.blocks(), ProvisioningState.DEALLOCATED);
            } else {
                byte[] all = new byte[s.blocks() * BS];
                for (int b = 0; b < s.blocks(); b++) {
                    System.arraycopy(block, 0, all, b * BS, BS);
                }
                w.models[s.disk()].write(s.lba(), all);
            }
        } else if (step instanceof Unmap s) {
            w.clients[s.disk()][s.nexus()].unmap(s.lba(), s.blocks(), s.anchor());
            w.models[s.disk()].release(s.lba(), s.blocks(),
                    s.anchor() ? ProvisioningState.ANCHORED : ProvisioningState.DEALLOCATED);
        } else if (step instanceof CompareAndWrite s) {
            BlockModel model = w.models[s.disk()];
            byte[] verify = model.read(s.lba(), s.blocks());
            byte[] data = pattern(s.seed(), s.blocks());
            if (s.differ() >= 0) {
                verify[s.differ()] ^= 0x20;
            }
            ScsiResponse r = w.clients[s.disk()][s.nexus()].compareAndWrite(s.lba(), verify, data, BS);
            if (s.differ() < 0) {
                assertThat(r.status()).as("matching %s: %s", s, r.sense()).isEqualTo(Status.GOOD);
                model.write(s.lba(), data);
            } else {
                assertThat(r.status()).as("mismatching %s", s).isEqualTo(Status.CHECK_CONDITION);
                assertThat(r.sense().orElseThrow()).isEqualTo(SenseData.of(SenseKey.MISCOMPARE,
                        AdditionalSense.MISCOMPARE_DURING_VERIFY_OPERATION).withInformation(s.differ()));
            }
        } else if (step instanceof Copy s) {
            byte[] source = w.models[s.from()].read(s.sourceLba(), s.blocks());
            w.clients[s.from()][s.nexus()].extendedCopy(w.disks[s.from()], s.sourceLba(), w.disks[s.to()],
                    s.destinationLba(), s.blocks());
            w.models[s.to()].write(s.destinationLba(), source);
        } else if (step instanceof Format s) {
            w.clients[s.disk()][s.nexus()].formatUnit();
            w.models[s.disk()].format();
        }
    }

    /** READ of every block and GET LBA STATUS of both disks equal the models. */
    private static void check(World w, String after) {
        for (int d = 0; d < 2; d++) {
            BlockModel model = w.models[d];
            ModelClient reader = w.clients[d][d % NEXUSES];
            byte[] actual = reader.read(0, BLOCKS, BS);
            byte[] expected = model.read(0, BLOCKS);
            int at = Arrays.mismatch(actual, expected);
            assertThat(at).as("after %s, disk %d block %d differs from the model", after, d, at / BS).isEqualTo(-1);
            assertThat(lbaStatus(reader)).as("after %s, GET LBA STATUS of disk %d", after, d)
                    .isEqualTo(expectedRuns(model));
        }
    }

    /** The descriptors of GET LBA STATUS from LBA 0 as (lba, blocks, status) triples. */
    private static List<List<Long>> lbaStatus(ModelClient client) {
        ByteBuffer d = ByteBuffer.wrap(client.getLbaStatus(0, 8 + 16 * BLOCKS));
        int count = (d.getInt(0) - 4) / 16;
        List<List<Long>> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = 8 + 16 * i;
            runs.add(List.of(d.getLong(at), (long) d.getInt(at + 8), (long) (d.get(at + 12) & 0x0F)));
        }
        return runs;
    }

    private static List<List<Long>> expectedRuns(BlockModel model) {
        List<List<Long>> runs = new ArrayList<>();
        int start = 0;
        for (int b = 1; b <= model.capacity(); b++) {
            if (b == model.capacity() || model.state(b) != model.state(start)) {
                runs.add(List.of((long) start, (long) (b - start), (long) model.state(start).code()));
                start = b;
            }
        }
        return runs;
    }
}
