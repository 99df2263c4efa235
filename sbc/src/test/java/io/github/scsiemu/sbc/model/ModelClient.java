package io.github.scsiemu.sbc.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.api.TaskAttribute;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sense.SenseKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test application client on one I_T nexus to one disk: the SBC-4 and SPC-4 CDBs the model-based tests send,
 * laid out as the standards define them. A command preempted by a unit attention (SAM-5 5.14) was not executed and
 * is sent again.
 */
final class ModelClient {

    private static final TargetPort PORT = TargetPort.iscsi("iqn.2026-01.io.github.scsiemu:model", 1, 1, 0);
    private static final int UNIT_ATTENTION_RETRIES = 4;

    private final LogicalUnit lu;
    private final Nexus nexus;
    private final AtomicLong tags = new AtomicLong();

    ModelClient(LogicalUnit lu, String name) {
        this.lu = lu;
        this.nexus = new Nexus(InitiatorPort.named("iqn.2026-01.test:" + name), PORT);
    }

    /** Sends a command; again if a unit attention preempted it. */
    ScsiResponse send(byte[] cdb, byte[] dataOut, int dataIn) {
        ScsiResponse r = null;
        for (int i = 0; i < UNIT_ATTENTION_RETRIES; i++) {
            r = lu.execute(new ScsiRequest(nexus, Lun.of(0), cdb, TaskAttribute.SIMPLE, tags.incrementAndGet(),
                    ByteBuffer.wrap(dataOut), dataIn));
            if (r.status() != Status.CHECK_CONDITION
                    || r.sense().orElseThrow().senseKey() != SenseKey.UNIT_ATTENTION) {
                return r;
            }
        }
        return r;
    }

    /** Sends a command that must complete with GOOD. */
    ScsiResponse good(byte[] cdb, byte[] dataOut, int dataIn) {
        ScsiResponse r = send(cdb, dataOut, dataIn);
        assertThat(r.status()).as("%s: %s", hex(cdb), r.sense().map(Object::toString).orElse("")).isEqualTo(
                Status.GOOD);
        return r;
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02X ", x & 0xFF));
        }
        return s.toString().trim();
    }

    static byte[] cdb16(int opcode, long lba, long length) {
        byte[] c = new byte[16];
        c[0] = (byte) opcode;
        ByteBuffer.wrap(c).putLong(2, lba).putInt(10, (int) length);
        return c;
    }

    /** READ(16) (SBC-4 5.18). */
    byte[] read(long lba, int blocks, int blockSize) {
        return good(cdb16(0x88, lba, blocks), new byte[0], blocks * blockSize).dataInBytes();
    }

    /** WRITE(16) (SBC-4 5.42), FUA in byte 1 bit 3. */
    void write(long lba, byte[] data, int blockSize, boolean fua) {
        byte[] cdb = cdb16(0x8A, lba, data.length / blockSize);
        if (fua) {
            cdb[1] |= 0x08;
        }
        good(cdb, data, 0);
    }

    /** WRITE SAME(16) (SBC-4 5.50): UNMAP in byte 1 bit 3. */
    void writeSame(long lba, long blocks, byte[] block, boolean unmap) {
        byte[] cdb = cdb16(0x93, lba, blocks);
        if (unmap) {
            cdb[1] |= 0x08;
        }
        good(cdb, block, 0);
    }

    /** UNMAP (SBC-4 5.32) of one range; ANCHOR in byte 1 bit 0. */
    void unmap(long lba, long blocks, boolean anchor) {
        ByteBuffer list = ByteBuffer.allocate(24);
        list.putShort(0, (short) 22).putShort(2, (short) 16).putLong(8, lba).putInt(16, (int) blocks);
        byte[] cdb = new byte[10];
        cdb[0] = 0x42;
        cdb[1] = (byte) (anchor ? 1 : 0);
        cdb[8] = 24;
        good(cdb, list.array(), 0);
    }

    /** COMPARE AND WRITE (SBC-4 5.3); returns the response. */
    ScsiResponse compareAndWrite(long lba, byte[] verify, byte[] write, int blockSize) {
        byte[] cdb = new byte[16];
        cdb[0] = (byte) 0x89;
        ByteBuffer.wrap(cdb).putLong(2, lba);
        cdb[13] = (byte) (verify.length / blockSize);
        byte[] both = new byte[verify.length + write.length];
        System.arraycopy(verify, 0, both, 0, verify.length);
        System.arraycopy(write, 0, both, verify.length, write.length);
        return send(cdb, both, 0);
    }

    /** FORMAT UNIT (SBC-4 5.4) without a parameter list. */
    void formatUnit() {
        good(new byte[] {0x04, 0, 0, 0, 0, 0}, new byte[0], 0);
    }

    /** SYNCHRONIZE CACHE(10) (SBC-4 5.32) of the whole medium. */
    void synchronizeCache() {
        byte[] cdb = new byte[10];
        cdb[0] = 0x35;
        good(cdb, new byte[0], 0);
    }

    /** GET LBA STATUS (SBC-4 5.8) from {@code lba}, the whole parameter data. */
    byte[] getLbaStatus(long lba, int allocation) {
        byte[] cdb = cdb16(0x9E, lba, allocation);
        cdb[1] = 0x12;
        return good(cdb, new byte[0], allocation).dataInBytes();
    }

    /** MODE SELECT(6) of the Caching mode page (SBC-4 6.5.5) with the given WCE, every other field zero. */
    void writeCacheEnabled(boolean wce) {
        byte[] list = new byte[4 + 20];
        list[4] = 0x08;
        list[5] = 0x12;
        list[6] = (byte) (wce ? 0x04 : 0);
        good(new byte[] {0x15, 0x10, 0, 0, (byte) list.length, 0}, list, 0);
    }

    /**
     * EXTENDED COPY (LID1, SPC-4 6.4) of one block device to block device segment (02h) from {@code source} to
     * {@code destination}, each named by an identification CSCD descriptor (E4h) with its NAA designator; LIST ID
     * USAGE 11b (no list identifier).
     */
    void extendedCopy(Disk source, long sourceLba, Disk destination, long destinationLba, int blocks) {
        ByteArrayOutputStream cscds = new ByteArrayOutputStream();
        cscds.writeBytes(cscd(source));
        cscds.writeBytes(cscd(destination));
        ByteBuffer segment = ByteBuffer.allocate(28);
        segment.put(0, (byte) 0x02).putShort(2, (short) 0x18).putShort(4, (short) 0).putShort(6, (short) 1)
                .putShort(10, (short) blocks).putLong(12, sourceLba).putLong(20, destinationLba);
        ByteBuffer header = ByteBuffer.allocate(16);
        header.put(1, (byte) (0b11 << 3)).putShort(2, (short) cscds.size()).putInt(8, 28);
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        list.writeBytes(header.array());
        list.writeBytes(cscds.toByteArray());
        list.writeBytes(segment.array());
        byte[] cdb = new byte[16];
        cdb[0] = (byte) 0x83;
        ByteBuffer.wrap(cdb).putInt(10, list.size());
        good(cdb, list.toByteArray(), 0);
    }

    private static byte[] cscd(Disk disk) {
        byte[] naa = disk.config().identity().naaRegisteredExtended();
        byte[] d = new byte[32];
        d[0] = (byte) 0xE4;
        d[4] = 0x01; // code set binary
        d[5] = 0x03; // association logical unit, designator type NAA
        d[7] = (byte) naa.length;
        System.arraycopy(naa, 0, d, 8, naa.length);
        int blockLength = disk.config().logicalBlockSize();
        d[29] = (byte) (blockLength >> 16);
        d[30] = (byte) (blockLength >> 8);
        d[31] = (byte) blockLength;
        return d;
    }
}
