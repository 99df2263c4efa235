package io.github.scsiemu.sbc;

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
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/** A test application client on one I_T nexus: builds CDBs and sends them to a logical unit. */
final class Initiator {

    static final TargetPort TARGET_PORT = TargetPort.iscsi("iqn.2026-01.io.github.scsiemu:disk", 1, 1, 0);

    private final LogicalUnit lu;
    private final Nexus nexus;
    private final AtomicLong tags = new AtomicLong();

    private Initiator(LogicalUnit lu, Nexus nexus) {
        this.lu = lu;
        this.nexus = nexus;
    }

    /** Connects on a new nexus and consumes its POWER ON unit attention with TEST UNIT READY. */
    static Initiator connect(LogicalUnit lu, String name) {
        Initiator i = new Initiator(lu, new Nexus(InitiatorPort.named("iqn.2026-01.test:" + name), TARGET_PORT));
        ScsiResponse r = i.send(new byte[6], 0);
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense().orElseThrow()).isEqualTo(
                SenseData.unitAttention(AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED));
        assertThat(i.send(new byte[6], 0).status()).isEqualTo(Status.GOOD);
        return i;
    }

    static Initiator connect(LogicalUnit lu) {
        return connect(lu, "init");
    }

    ScsiResponse send(byte[] cdb, int expectedDataInLength) {
        return lu.execute(new ScsiRequest(nexus, Lun.of(0), cdb, TaskAttribute.SIMPLE, tags.incrementAndGet(),
                ByteBuffer.allocate(0), expectedDataInLength));
    }

    ScsiResponse send(byte[] cdb, byte[] dataOut) {
        return lu.execute(new ScsiRequest(nexus, Lun.of(0), cdb, TaskAttribute.SIMPLE, tags.incrementAndGet(),
                ByteBuffer.wrap(dataOut), 0));
    }

    /** READ(10) or READ(16) expected to succeed; returns the data. */
    byte[] read(long lba, int blocks, int blockSize) {
        ScsiResponse r = send(read16(lba, blocks), blocks * blockSize);
        assertThat(r.status()).as("READ(16) %d+%d: %s", lba, blocks, r.sense()).isEqualTo(Status.GOOD);
        assertThat(r.dataInResidual()).isZero();
        return r.dataInBytes();
    }

    /** WRITE(16) of whole blocks expected to succeed. */
    void write(long lba, byte[] data, int blockSize) {
        ScsiResponse r = send(write16(lba, data.length / blockSize), data);
        assertThat(r.status()).as("WRITE(16) %d: %s", lba, r.sense()).isEqualTo(Status.GOOD);
        assertThat(r.dataOutResidual()).isZero();
    }

    static byte[] cdb10(int opcode, long lba, int transferLength) {
        byte[] c = new byte[10];
        c[0] = (byte) opcode;
        ByteBuffer.wrap(c).putInt(2, (int) lba).putShort(7, (short) transferLength);
        return c;
    }

    static byte[] cdb16(int opcode, long lba, long transferLength) {
        byte[] c = new byte[16];
        c[0] = (byte) opcode;
        ByteBuffer.wrap(c).putLong(2, lba).putInt(10, (int) transferLength);
        return c;
    }

    static byte[] read10(long lba, int blocks) {
        return cdb10(0x28, lba, blocks);
    }

    static byte[] write10(long lba, int blocks) {
        return cdb10(0x2A, lba, blocks);
    }

    static byte[] read16(long lba, long blocks) {
        return cdb16(0x88, lba, blocks);
    }

    static byte[] write16(long lba, long blocks) {
        return cdb16(0x8A, lba, blocks);
    }

    static byte[] readCapacity10() {
        byte[] c = new byte[10];
        c[0] = 0x25;
        return c;
    }

    static byte[] readCapacity16(int allocationLength) {
        byte[] c = new byte[16];
        c[0] = (byte) 0x9E;
        c[1] = 0x10;
        ByteBuffer.wrap(c).putInt(10, allocationLength);
        return c;
    }

    /** {@code n} bytes of {@code value}. */
    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
