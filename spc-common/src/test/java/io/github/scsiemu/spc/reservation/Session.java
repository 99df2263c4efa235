package io.github.scsiemu.spc.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TaskAttribute;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test application client on one I_T nexus that speaks PERSISTENT RESERVE IN/OUT and RESERVE/RELEASE with its own
 * encoders (sg_persist layouts, SPC-4 6.15/6.16), independent of the emulator's codecs.
 */
public final class Session {

    /** How a logical unit's medium is read and written, for the access checks. */
    public record DataProbe(byte[] readCdb, int readLength, byte[] writeCdb, int writeLength) {
    }

    private static final AtomicLong TAGS = new AtomicLong();

    private final LogicalUnit lu;
    private final Nexus nexus;
    private final DataProbe probe;

    public Session(LogicalUnit lu, Nexus nexus, DataProbe probe) {
        this.lu = lu;
        this.nexus = nexus;
        this.probe = probe;
    }

    public Nexus nexus() {
        return nexus;
    }

    public ScsiResponse send(byte[] cdb, byte[] dataOut, int expectedIn) {
        return lu.execute(new ScsiRequest(nexus, Lun.of(0), cdb, TaskAttribute.SIMPLE, TAGS.incrementAndGet(),
                ByteBuffer.wrap(dataOut), expectedIn));
    }

    /** TEST UNIT READY until it reports no unit attention; returns the conditions it consumed, in order. */
    public List<AdditionalSense> drainUnitAttentions() {
        List<AdditionalSense> seen = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ScsiResponse r = tur();
            Optional<SenseData> s = r.sense();
            if (r.status() != Status.CHECK_CONDITION || s.get().senseKey() != SenseKey.UNIT_ATTENTION) {
                return seen;
            }
            seen.add(s.get().additionalSense());
        }
        throw new AssertionError("unit attentions never end");
    }

    /** REQUEST SENSE until NO SENSE: the pending unit attentions, in order (no reservation check applies). */
    public List<AdditionalSense> pendingUnitAttentions() {
        List<AdditionalSense> seen = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ScsiResponse r = send(new byte[] {0x03, 0, 0, 0, (byte) 252, 0}, new byte[0], 252);
            assertThat(r.status()).isEqualTo(Status.GOOD);
            byte[] d = r.dataInBytes();
            if ((d[2] & 0x0F) != SenseKey.UNIT_ATTENTION.code()) {
                return seen;
            }
            seen.add(new AdditionalSense(d[12] & 0xFF, d[13] & 0xFF));
        }
        throw new AssertionError("unit attentions never end");
    }

    public ScsiResponse tur() {
        return send(new byte[6], new byte[0], 0);
    }

    public ScsiResponse read() {
        return send(probe.readCdb().clone(), new byte[0], probe.readLength());
    }

    public ScsiResponse write() {
        return send(probe.writeCdb().clone(), new byte[probe.writeLength()], 0);
    }

    public ScsiResponse modeSense6() {
        return send(new byte[] {0x1A, 0, 0x3F, 0, (byte) 255, 0}, new byte[0], 255);
    }

    public ScsiResponse inquiry() {
        return send(new byte[] {0x12, 0, 0, 0, 96, 0}, new byte[0], 96);
    }

    public ScsiResponse reserve6() {
        return send(new byte[] {0x16, 0, 0, 0, 0, 0}, new byte[0], 0);
    }

    public ScsiResponse release6() {
        return send(new byte[] {0x17, 0, 0, 0, 0, 0}, new byte[0], 0);
    }

    public ScsiResponse reserve10() {
        return send(new byte[] {0x56, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new byte[0], 0);
    }

    public ScsiResponse release10() {
        return send(new byte[] {0x57, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new byte[0], 0);
    }

    // PERSISTENT RESERVE OUT

    /** A basic parameter list (SPC-4 table 215). */
    public static byte[] params(long rk, long sark, boolean specIPt, boolean allTgPt, boolean aptpl) {
        ByteBuffer b = ByteBuffer.allocate(24).putLong(rk).putLong(sark);
        b.put(20, (byte) ((specIPt ? 8 : 0) | (allTgPt ? 4 : 0) | (aptpl ? 1 : 0)));
        return b.array();
    }

    public static byte[] params(long rk, long sark) {
        return params(rk, sark, false, false, false);
    }

    public static byte[] prOutCdb(int sa, int scope, int type, int length) {
        byte[] c = new byte[10];
        c[0] = 0x5F;
        c[1] = (byte) sa;
        c[2] = (byte) (scope << 4 | type);
        ByteBuffer.wrap(c).putInt(5, length);
        return c;
    }

    public ScsiResponse prOut(int sa, int scope, int type, byte[] params) {
        return send(prOutCdb(sa, scope, type, params.length), params, 0);
    }

    public ScsiResponse register(long rk, long sark) {
        return prOut(0, 0, 0, params(rk, sark));
    }

    public ScsiResponse registerAndIgnore(long sark) {
        return prOut(6, 0, 0, params(0, sark));
    }

    public ScsiResponse reserve(long rk, int type) {
        return prOut(1, 0, type, params(rk, 0));
    }

    public ScsiResponse release(long rk, int type) {
        return prOut(2, 0, type, params(rk, 0));
    }

    public ScsiResponse clear(long rk) {
        return prOut(3, 0, 0, params(rk, 0));
    }

    public ScsiResponse preempt(long rk, long sark, int type) {
        return prOut(4, 0, type, params(rk, sark));
    }

    public ScsiResponse preemptAndAbort(long rk, long sark, int type) {
        return prOut(5, 0, type, params(rk, sark));
    }

    // PERSISTENT RESERVE IN

    public ScsiResponse prIn(int sa, int allocation) {
        byte[] c = new byte[10];
        c[0] = 0x5E;
        c[1] = (byte) sa;
        ByteBuffer.wrap(c).putShort(7, (short) allocation);
        return send(c, new byte[0], allocation);
    }

    private byte[] prInData(int sa) {
        ScsiResponse r = prIn(sa, 8192);
        assertThat(r.status()).as("PR IN %d from %s: %s", sa, nexus, r.sense()).isEqualTo(Status.GOOD);
        return r.dataInBytes();
    }

    /** READ KEYS: the keys, in the order reported, checking ADDITIONAL LENGTH. */
    public long[] readKeys() {
        ByteBuffer b = ByteBuffer.wrap(prInData(0));
        int length = b.getInt(4);
        assertThat(b.remaining()).isEqualTo(8 + length);
        long[] keys = new long[length / 8];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = b.getLong(8 + 8 * i);
        }
        return keys;
    }

    public long[] sortedKeys() {
        long[] k = readKeys();
        Arrays.sort(k);
        return k;
    }

    public int generation() {
        return ByteBuffer.wrap(prInData(0)).getInt(0);
    }

    /** The reservation as (key, type), or empty. */
    public Optional<long[]> readReservation() {
        byte[] d = prInData(1);
        int length = ByteBuffer.wrap(d).getInt(4);
        if (length == 0) {
            assertThat(d).hasSize(8);
            return Optional.empty();
        }
        assertThat(length).isEqualTo(16);
        assertThat(d).hasSize(24);
        assertThat(d[21] & 0xF0).as("SCOPE").isZero();
        return Optional.of(new long[] {ByteBuffer.wrap(d).getLong(8), d[21] & 0x0F});
    }

    public byte[] reportCapabilities() {
        return prInData(2);
    }

    public byte[] readFullStatus() {
        return prInData(3);
    }

    // Task management

    public void logicalUnitReset() {
        lu.manage(TaskManagementRequest.of(nexus, Lun.of(0), TaskManagementFunction.LOGICAL_UNIT_RESET));
    }

    public void nexusLoss() {
        lu.nexusLost(nexus);
    }

    // Assertions

    public static void assertGood(ScsiResponse r) {
        assertThat(r.status()).as("%s", r.sense().map(SenseData::describe)).isEqualTo(Status.GOOD);
    }

    public static void assertConflict(ScsiResponse r) {
        assertThat(r.status()).as("%s", r.sense().map(SenseData::describe)).isEqualTo(Status.RESERVATION_CONFLICT);
        assertThat(r.sense()).isEmpty();
    }

    public static void assertSense(ScsiResponse r, SenseKey key, AdditionalSense asc) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense().get().senseKey()).isEqualTo(key);
        assertThat(r.sense().get().additionalSense()).isEqualTo(asc);
    }

    /** ILLEGAL REQUEST with a field pointer into the CDB ({@code cd}) or parameter list. */
    public static void assertFieldPointer(ScsiResponse r, AdditionalSense asc, boolean cd, int byteOffset, int bit) {
        assertSense(r, SenseKey.ILLEGAL_REQUEST, asc);
        byte[] fixed = r.sense().get().encode(io.github.scsiemu.sense.SenseFormat.FIXED);
        assertThat(fixed[15] & 0x80).as("SKSV").isNotZero();
        assertThat((fixed[15] & 0x40) != 0).as("C/D").isEqualTo(cd);
        assertThat(fixed[15] & 0x08).as("BPV").isEqualTo(0x08);
        assertThat(fixed[15] & 0x07).as("BIT POINTER").isEqualTo(bit);
        assertThat((fixed[16] & 0xFF) << 8 | fixed[17] & 0xFF).as("FIELD POINTER").isEqualTo(byteOffset);
    }
}
