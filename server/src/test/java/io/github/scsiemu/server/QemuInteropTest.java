package io.github.scsiemu.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scsiemu.server.RecordingRelay.Exchange;
import io.github.scsiemu.server.config.DefaultConfig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * QEMU's iSCSI block driver (libiscsi, Debian packages qemu-utils and qemu-block-extra) against LUN 1 of the default
 * server, a thin 128 MiB disk of 512-byte blocks with LBPRZ=1: {@code qemu-img info} and {@code qemu-io} writing
 * patterns, write-zeroes, discard and flush. QEMU reaches the server through a {@link RecordingRelay}, so each test
 * also checks which commands QEMU sent and that our target ended them GOOD; where QEMU could answer from its own
 * allocation map, our own initiator reads the blocks back from the server. Skipped when the tools are absent,
 * except on CI (CI=true), where their absence fails.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QemuInteropTest {

    private static final long MIB = 1 << 20;
    private static final long CAPACITY = 128 * MIB;
    private static final int BLOCK = 512;
    private static final Duration QEMU_TIMEOUT = Duration.ofSeconds(60);

    private static final int TEST_UNIT_READY = 0x00;
    private static final int WRITE_10 = 0x2A;
    private static final int READ_10 = 0x28;
    private static final int SYNCHRONIZE_CACHE_10 = 0x35;
    private static final int WRITE_SAME_10 = 0x41;
    private static final int UNMAP = 0x42;
    private static final int WRITE_SAME_16 = 0x93;
    private static final int CHECK_CONDITION = 0x02;

    /** qemu-io's timing line after each read/write/discard, e.g. "1 MiB, 1 ops; 00.01 sec (...)". */
    private static final Pattern TIMING = Pattern.compile("[0-9.]+ (bytes|KiB|MiB|GiB), \\d+ ops; .*");

    private static EmulatorServer server;
    private static RecordingRelay relay;
    private static Initiator initiator;
    private static String url;

    /**
     * One run of a QEMU tool.
     *
     * @param exit      its exit status
     * @param output    stdout and stderr, merged
     * @param exchanges the SCSI commands it sent, with their status
     */
    private record Run(int exit, String output, List<Exchange> exchanges) {
        /** The output lines without qemu-io's timing lines. */
        List<String> results() {
            return output.lines().filter(l -> !TIMING.matcher(l).matches()).toList();
        }

        List<Integer> opcodes() {
            return exchanges.stream().map(Exchange::opcode).toList();
        }

        List<Exchange> withOpcode(int... opcodes) {
            List<Exchange> found = new ArrayList<>();
            for (Exchange e : exchanges) {
                for (int op : opcodes) {
                    if (e.opcode() == op) {
                        found.add(e);
                    }
                }
            }
            return found;
        }

        String describe() {
            return "exit " + exit + ", output:\n" + output + "commands:\n" + RecordingRelay.describe(exchanges);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        boolean present = ExternalTool.onPath("qemu-img") && ExternalTool.onPath("qemu-io");
        server = EmulatorServer.start(DefaultConfig.get().withPortalAddress(Optional.empty(), Optional.of(0)));
        relay = RecordingRelay.start(server.portalAddresses().get(0));
        url = "iscsi://127.0.0.1:" + relay.port() + "/" + DefaultConfig.TARGET_NAME + "/1";
        if (present) {
            String info = run("qemu-img", "info", url).output();
            present = !info.contains("Unknown protocol") && !info.contains("Unknown driver");
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("qemu-utils/qemu-block-extra (qemu-img, qemu-io with the iscsi driver) are not"
                    + " installed but CI=true: .ci/run must install them");
        }
        assumeTrue(present, "qemu-img/qemu-io with the iscsi block driver are not installed; skipped");
        initiator = Initiator.login(server.portalAddresses().get(0), DefaultConfig.TARGET_NAME, 0x80_0000_0051L);
        initiator.ready(1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (initiator != null) {
            initiator.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.shutdown();
        }
    }

    @Test
    void qemuImgInfoReportsARawImageOf134217728Bytes() throws Exception {
        Run r = run("qemu-img", "info", url);
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.output().lines()).as(r.describe())
                .contains("file format: raw", "virtual size: 128 MiB (134217728 bytes)");
        assertThat(r.opcodes()).as(r.describe()).contains(0x9E); // READ CAPACITY(16)
        assertEveryCommandButTestUnitReadyGood(r);
    }

    @Test
    void patternsWrittenAtAlignedUnalignedAndLastOffsetsReadBackVerified() throws Exception {
        long region = 8 * MIB;
        long unaligned = region + 12345; // not even sector-aligned: QEMU read-modify-writes around it
        long sectorNot4K = 5 * MIB + BLOCK; // 512-aligned, not 4 KiB-aligned
        long lastMiB = CAPACITY - MIB;
        long lastSector = CAPACITY - BLOCK;
        Run r = qemuIo(
                "write -P 0xab 0 1M", "read -P 0xab 0 1M",
                "write -P 0xcd " + region + " 1M",
                "write -P 0x5a " + unaligned + " 7777",
                "read -P 0xcd " + region + " 12345",
                "read -P 0x5a " + unaligned + " 7777",
                "read -P 0xcd " + (unaligned + 7777) + " " + (region + MIB - unaligned - 7777),
                "write -P 0x3c " + sectorNot4K + " 7680", "read -P 0x3c " + sectorNot4K + " 7680",
                "write -P 0xc3 " + lastMiB + " 1M", "read -P 0xc3 " + lastMiB + " 1M",
                "write -P 0x96 " + lastSector + " 512", "read -P 0x96 " + lastSector + " 512");
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.results()).as(r.describe()).containsExactly(
                "wrote 1048576/1048576 bytes at offset 0",
                "read 1048576/1048576 bytes at offset 0",
                "wrote 1048576/1048576 bytes at offset 8388608",
                "wrote 7777/7777 bytes at offset 8400953",
                "read 12345/12345 bytes at offset 8388608",
                "read 7777/7777 bytes at offset 8400953",
                "read 1028454/1028454 bytes at offset 8408730",
                "wrote 7680/7680 bytes at offset 5243392",
                "read 7680/7680 bytes at offset 5243392",
                "wrote 1048576/1048576 bytes at offset 133169152",
                "read 1048576/1048576 bytes at offset 133169152",
                "wrote 512/512 bytes at offset 134217216",
                "read 512/512 bytes at offset 134217216");
        assertThat(r.opcodes()).as(r.describe()).contains(WRITE_10, READ_10);
        assertEveryCommandButTestUnitReadyGood(r);
        // the server itself holds the pattern, byte for byte around the unaligned write
        byte[] expected = new byte[(int) MIB];
        Arrays.fill(expected, (byte) 0xcd);
        Arrays.fill(expected, 12345, 12345 + 7777, (byte) 0x5a);
        assertThat(readFromServer(region, (int) MIB)).isEqualTo(expected);
        assertThat(readFromServer(lastSector, BLOCK)).containsOnly((byte) 0x96);
    }

    @Test
    void writeZeroesIsAWriteSameWithoutUnmapAndReadsBackZeros() throws Exception {
        long at = 16 * MIB;
        Run r = qemuIo("write -P 0x77 " + at + " 1M", "write -z " + at + " 1M", "read -P 0 " + at + " 1M");
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.results()).as(r.describe()).containsExactly(
                "wrote 1048576/1048576 bytes at offset 16777216",
                "wrote 1048576/1048576 bytes at offset 16777216",
                "read 1048576/1048576 bytes at offset 16777216");
        List<Exchange> writeSame = r.withOpcode(WRITE_SAME_10, WRITE_SAME_16);
        assertThat(writeSame).as(r.describe()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.cdb()[1] & 0x08).as("UNMAP bit of %s", e).isZero());
        assertThat(r.withOpcode(WRITE_10)).as("only the pattern is written with WRITE(10): %s", r.describe())
                .hasSize(1);
        assertEveryCommandButTestUnitReadyGood(r);
        assertThat(readFromServer(at, (int) MIB)).containsOnly((byte) 0);
    }

    @Test
    void writeZeroesMayUnmapIsAWriteSameWithUnmapThatDeallocates() throws Exception {
        long at = 20 * MIB;
        Run r = qemuIo("write -P 0x78 " + at + " 1M", "write -z -u " + at + " 1M", "read -P 0 " + at + " 1M");
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.results()).as(r.describe()).containsExactly(
                "wrote 1048576/1048576 bytes at offset 20971520",
                "wrote 1048576/1048576 bytes at offset 20971520",
                "read 1048576/1048576 bytes at offset 20971520");
        List<Exchange> writeSame = r.withOpcode(WRITE_SAME_10, WRITE_SAME_16);
        assertThat(writeSame).as(r.describe()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.cdb()[1] & 0x08).as("UNMAP bit of %s", e).isEqualTo(0x08));
        assertEveryCommandButTestUnitReadyGood(r);
        assertThat(readFromServer(at, (int) MIB)).containsOnly((byte) 0);
        assertDeallocated(at, MIB);
    }

    @Test
    void discardIsAnUnmapAndTheRangeReadsBackAsZeros() throws Exception {
        long at = 24 * MIB;
        Run r = qemuIo("write -P 0x11 " + at + " 1M", "discard " + at + " 1M", "read -P 0 " + at + " 1M");
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.results()).as(r.describe()).containsExactly(
                "wrote 1048576/1048576 bytes at offset 25165824",
                "discard 1048576/1048576 bytes at offset 25165824",
                "read 1048576/1048576 bytes at offset 25165824");
        assertThat(r.withOpcode(UNMAP)).as(r.describe()).hasSize(1);
        assertEveryCommandButTestUnitReadyGood(r);
        // LBPRZ=1: the server itself reads the unmapped blocks as zeros and reports them deallocated
        assertThat(readFromServer(at, (int) MIB)).containsOnly((byte) 0);
        assertDeallocated(at, MIB);
    }

    @Test
    void flushIsASynchronizeCacheBetweenTheWriteAndTheNextRead() throws Exception {
        long at = 32 * MIB;
        Run r = qemuIo("write -P 0x22 " + at + " 4k", "flush", "read -P 0x22 " + at + " 4k");
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.results()).as(r.describe()).containsExactly(
                "wrote 4096/4096 bytes at offset 33554432",
                "read 4096/4096 bytes at offset 33554432");
        List<Integer> io = r.opcodes().stream()
                .filter(op -> op == WRITE_10 || op == SYNCHRONIZE_CACHE_10 || op == READ_10).toList();
        assertThat(io).as(r.describe()).containsSubsequence(WRITE_10, SYNCHRONIZE_CACHE_10, READ_10);
        assertEveryCommandButTestUnitReadyGood(r);
    }

    @Test
    void aSecondQemuIoRunReadsBackWhatTheFirstWrote() throws Exception {
        long at = 44 * MIB;
        long tail = at + MIB + 4096 + 1000; // unaligned, in the next MiB
        Run first = qemuIo("write -P 0xe1 " + at + " 1M", "write -P 0x1e " + tail + " 3000", "flush");
        assertThat(first.exit()).as(first.describe()).isZero();
        assertThat(first.results()).as(first.describe()).containsExactly(
                "wrote 1048576/1048576 bytes at offset 46137344",
                "wrote 3000/3000 bytes at offset 47191016");
        Run second = qemuIo("read -P 0xe1 " + at + " 1M", "read -P 0x1e " + tail + " 3000",
                "read -P 0 " + (at + MIB) + " " + (tail - at - MIB));
        assertThat(second.exit()).as(second.describe()).isZero();
        assertThat(second.results()).as(second.describe()).containsExactly(
                "read 1048576/1048576 bytes at offset 46137344",
                "read 3000/3000 bytes at offset 47191016",
                "read 5096/5096 bytes at offset 47185920");
        assertThat(second.opcodes()).as(second.describe()).contains(READ_10).doesNotContain(WRITE_10);
        assertEveryCommandButTestUnitReadyGood(first);
        assertEveryCommandButTestUnitReadyGood(second);
    }

    @Test
    void qemuImgMapAsksGetLbaStatusAndSeesWrittenBlocksAsDataAndDiscardedOnesAsZeros() throws Exception {
        long at = 48 * MIB;
        Run write = qemuIo("write -P 0x33 " + at + " 1M", "write -P 0x44 " + (at + 2 * MIB) + " 1M",
                "discard " + (at + 2 * MIB) + " 1M");
        assertThat(write.exit()).as(write.describe()).isZero();
        Run map = run("qemu-img", "map", "-f", "raw", "--output=json", "--start-offset=" + at,
                "--max-length=" + 4 * MIB, url);
        assertThat(map.exit()).as(map.describe()).isZero();
        assertThat(map.output().lines()).as(map.describe()).containsExactly(
                "[{ \"start\": 50331648, \"length\": 1048576, \"depth\": 0, \"present\": true, \"zero\": false,"
                        + " \"data\": true, \"offset\": 50331648},",
                "{ \"start\": 51380224, \"length\": 3145728, \"depth\": 0, \"present\": true, \"zero\": true,"
                        + " \"data\": false, \"offset\": 51380224}]");
        assertThat(map.withOpcode(0x9E)).as(map.describe())
                .anySatisfy(e -> assertThat(e.cdb()[1] & 0x1F).as("GET LBA STATUS service action").isEqualTo(0x12));
        assertEveryCommandButTestUnitReadyGood(write);
        assertEveryCommandButTestUnitReadyGood(map);
    }

    /** QEMU's connect reads past the power-on unit attention with TEST UNIT READY; everything else must be GOOD. */
    private static void assertEveryCommandButTestUnitReadyGood(Run r) {
        assertThat(r.exchanges()).as(r.describe()).isNotEmpty();
        for (Exchange e : r.exchanges()) {
            if (e.opcode() == TEST_UNIT_READY) {
                assertThat(e.status()).as("%s", e).isIn(0, CHECK_CONDITION);
            } else {
                assertThat(e.status()).as("status of %s in%n%s", e, r.describe()).isZero();
            }
        }
    }

    /** READ(10)s of the blocks, straight from the server through our own initiator. */
    private static byte[] readFromServer(long offset, int length) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(length);
        for (int done = 0; done < length; done += 256 * BLOCK) {
            int bytes = Math.min(256 * BLOCK, length - done);
            out.put(initiator.good(1, Initiator.rw10(READ_10, (int) ((offset + done) / BLOCK), bytes / BLOCK),
                    bytes));
        }
        return out.array();
    }

    /** GET LBA STATUS (SBC-4 5.7) at the range's first LBA: one deallocated extent covering the range. */
    private static void assertDeallocated(long offset, long length) throws Exception {
        long lba = offset / BLOCK;
        ByteBuffer cdb = ByteBuffer.allocate(16).put(0, (byte) 0x9E).put(1, (byte) 0x12).putLong(2, lba)
                .putInt(10, 24);
        ByteBuffer d = ByteBuffer.wrap(initiator.good(1, cdb.array(), 24));
        assertThat(d.getLong(8)).as("first descriptor's LBA").isEqualTo(lba);
        assertThat(d.getInt(16) & 0xFFFF_FFFFL).as("extent length").isGreaterThanOrEqualTo(length / BLOCK);
        assertThat(d.get(20) & 0x0F).as("PROVISIONING STATUS").isEqualTo(1); // deallocated
    }

    private static Run qemuIo(String... commands) throws Exception {
        List<String> argv = new ArrayList<>(List.of("qemu-io", "-f", "raw"));
        for (String c : commands) {
            argv.add("-c");
            argv.add(c);
        }
        argv.add(url);
        return run(argv.toArray(String[]::new));
    }

    private static Run run(String... argv) throws Exception {
        relay.drain();
        ExternalTool.Run r = ExternalTool.run(QEMU_TIMEOUT, Map.of(), List.of(argv));
        return new Run(r.exit(), r.output(), relay.drain());
    }
}
