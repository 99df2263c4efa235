package io.github.scsiemu.sbc;

import static io.github.scsiemu.sbc.XcopyLists.cscd;
import static io.github.scsiemu.sbc.XcopyLists.cscds;
import static io.github.scsiemu.sbc.XcopyLists.extendedCopy;
import static io.github.scsiemu.sbc.XcopyLists.list;
import static io.github.scsiemu.sbc.XcopyLists.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sbc.copy.CopyDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ExtendedCopyConcurrencyTest {

    private static final int BS = 512;
    private static final int BLOCKS = 2100; // spans two copy chunks
    private static final int DESTINATION = 4000;

    private final CopyDomain domain = new CopyDomain();

    private Disk disk(String serial) {
        return Disk.builder(DiskConfig.of(8192, BS, "DISK", serial)).copyDomain(domain).build();
    }

    /** Every block uniform: one byte value repeated, so a torn block shows as two values within it. */
    private static byte[] uniformBlocks(int blocks, int value) {
        byte[] b = new byte[blocks * BS];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static void assertNoBlockTorn(byte[] data) {
        for (int blk = 0; blk < data.length / BS; blk++) {
            byte first = data[blk * BS];
            for (int i = 1; i < BS; i++) {
                assertThat(data[blk * BS + i]).as("block %d byte %d", blk, i).isEqualTo(first);
            }
        }
    }

    @Test
    void copyWhileAnotherNexusWritesTheDestinationNeverTearsABlock() throws Exception {
        Disk d = disk("C1");
        Initiator setup = Initiator.connect(d.logicalUnit(), "setup");
        setup.write(0, uniformBlocks(BLOCKS, 0xAA), BS);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> copier = pool.submit(() -> {
                Initiator i = Initiator.connect(d.logicalUnit(), "copier");
                for (int round = 0; round < 15; round++) {
                    ScsiResponse r = i.send(extendedCopy(76), list(round, 0,
                            cscds(cscd(d)), segment(0, 0, BLOCKS, 0, DESTINATION)));
                    assertThat(r.status()).as("%s", r.sense()).isEqualTo(Status.GOOD);
                }
                return null;
            });
            Future<?> writer = pool.submit(() -> {
                Initiator i = Initiator.connect(d.logicalUnit(), "writer");
                int v = 1;
                while (!stop.get()) {
                    int lba = DESTINATION + (v * 37) % (BLOCKS - 64);
                    i.write(lba, uniformBlocks(64, 0x10 + v % 64), BS);
                    v++;
                }
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                Initiator i = Initiator.connect(d.logicalUnit(), "reader");
                while (!stop.get()) {
                    assertNoBlockTorn(i.read(DESTINATION, BLOCKS, BS));
                }
                return null;
            });
            copier.get(60, TimeUnit.SECONDS);
            stop.set(true);
            writer.get(60, TimeUnit.SECONDS);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertNoBlockTorn(setup.read(DESTINATION, BLOCKS, BS));
    }

    @Test
    void copiesInOppositeDirectionsBetweenTwoDisksDoNotDeadlock() throws Exception {
        Disk a = disk("A");
        Disk b = disk("B");
        Initiator.connect(a.logicalUnit(), "seed").write(0, uniformBlocks(BLOCKS, 0x11), BS);
        Initiator.connect(b.logicalUnit(), "seed").write(0, uniformBlocks(BLOCKS, 0x22), BS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean forward = t % 2 == 0;
                Disk receiver = t < 2 ? a : b;
                String name = "t" + t;
                futures.add(pool.submit(() -> {
                    Initiator i = Initiator.connect(receiver.logicalUnit(), name);
                    byte[][] targets = forward ? cscds(cscd(a), cscd(b)) : cscds(cscd(b), cscd(a));
                    for (int round = 0; round < 10; round++) {
                        // each copies its source's low range onto the other's low range, and vice versa
                        ScsiResponse r = i.send(extendedCopy(16 + 64 + 28),
                                list(round, 0b11, targets, segment(0, 1, BLOCKS, 0, 0)));
                        assertThat(r.status()).as("%s", r.sense()).isEqualTo(Status.GOOD);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertNoBlockTorn(Initiator.connect(a.logicalUnit(), "check").read(0, BLOCKS, BS));
    }
}
