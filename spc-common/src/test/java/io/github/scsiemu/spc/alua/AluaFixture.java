package io.github.scsiemu.spc.alua;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.PeripheralDeviceType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Two primary target port groups of two ports each (group 1: ports 1 and 2; group 2: ports 3 and 4), two hosts, the
 * CDBs the ALUA tests send, written here byte by byte (never with the emulator's own encoders), and a logical unit
 * with one vendor-specific medium-access-like command that no asymmetric access flag lets through.
 */
public final class AluaFixture {

    public static final String TARGET = "iqn.2026-01.io.github.scsiemu:alua";
    public static final TargetPort P1 = TargetPort.iscsi(TARGET, 1, 1, 1);
    public static final TargetPort P2 = TargetPort.iscsi(TARGET, 2, 2, 1);
    public static final TargetPort P3 = TargetPort.iscsi(TARGET, 3, 3, 2);
    public static final TargetPort P4 = TargetPort.iscsi(TARGET, 4, 4, 2);

    /** Host A on every port (four I_T nexuses: multipath), host B on ports 1 and 3. */
    public static final Nexus A1 = nexus("a", P1);
    public static final Nexus A2 = nexus("a", P2);
    public static final Nexus A3 = nexus("a", P3);
    public static final Nexus A4 = nexus("a", P4);
    public static final Nexus B1 = nexus("b", P1);
    public static final Nexus B3 = nexus("b", P3);
    public static final List<Nexus> ALL = List.of(A1, A2, A3, A4, B1, B3);

    /** Vendor-specific C1h: returns eight bytes; declared with no asymmetric access flag, like READ. */
    public static final CommandDescriptor MEDIUM_ACCESS = CommandDescriptor.builder("TEST MEDIUM ACCESS", 0xC1, 10)
            .field(CdbField.bytes("ALLOCATION LENGTH", 7, 2).as(CdbField.Role.ALLOCATION_LENGTH))
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.READ)
            .build();

    private AluaFixture() {
    }

    public static Nexus nexus(String host, TargetPort port) {
        return new Nexus(InitiatorPort.iscsi("iqn.2026-01.org.example:" + host, 0x23d000000001L), port);
    }

    /** Group 1 (ports 1, 2) active/optimized and preferred, group 2 (ports 3, 4) standby; manual time. */
    public static TargetPortGroups.Builder twoByTwo(ManualTransitionScheduler scheduler) {
        return TargetPortGroups.builder()
                .group(1, AsymmetricAccessState.ACTIVE_OPTIMIZED, P1, P2)
                .group(2, AsymmetricAccessState.STANDBY, P3, P4)
                .preferred(1)
                .scheduler(scheduler);
    }

    public static LogicalUnitIdentity identity(String serial) {
        return LogicalUnitIdentity.of(PeripheralDeviceType.DIRECT_ACCESS, "ALUA", serial, List.of(0x00A0, 0x0460));
    }

    /** A logical unit on the shared SPC engine with {@link #MEDIUM_ACCESS} and asymmetric access on {@code groups}. */
    public static DeviceServer logicalUnit(TargetPortGroups groups, String serial) {
        return DeviceServer.builder(identity(serial))
                .commands(List.of(new Command(MEDIUM_ACCESS, ctx -> CommandResult.data(new byte[8]))))
                .feature(AsymmetricAccess.of(groups))
                .build();
    }

    // ---- CDBs ---------------------------------------------------------------------------------------------------

    public static byte[] cdb(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    public static byte[] testUnitReady() {
        return cdb(0x00, 0, 0, 0, 0, 0);
    }

    public static byte[] inquiry() {
        return cdb(0x12, 0, 0, 0, 96, 0);
    }

    public static byte[] inquiryVpd(int page) {
        return cdb(0x12, 1, page, 0x01, 0x00, 0);
    }

    public static byte[] requestSense() {
        return cdb(0x03, 0, 0, 0, 252, 0);
    }

    public static byte[] reportLuns() {
        return cdb(0xA0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0);
    }

    public static byte[] modeSense6() {
        return cdb(0x1A, 0, 0x0A, 0, 0xFF, 0);
    }

    public static byte[] mediumAccess() {
        return cdb(0xC1, 0, 0, 0, 0, 0, 0, 0, 8, 0);
    }

    /** REPORT TARGET PORT GROUPS with PARAMETER DATA FORMAT {@code format} and the given allocation length. */
    public static byte[] rtpg(int format, long allocationLength) {
        return cdb(0xA3, (format << 5) | 0x0A, 0, 0, 0, 0, (int) (allocationLength >> 24) & 0xFF,
                (int) (allocationLength >> 16) & 0xFF, (int) (allocationLength >> 8) & 0xFF,
                (int) allocationLength & 0xFF, 0, 0);
    }

    /** SET TARGET PORT GROUPS with the given PARAMETER LIST LENGTH. */
    public static byte[] stpg(long parameterListLength) {
        return cdb(0xA4, 0x0A, 0, 0, 0, 0, (int) (parameterListLength >> 24) & 0xFF,
                (int) (parameterListLength >> 16) & 0xFF, (int) (parameterListLength >> 8) & 0xFF,
                (int) parameterListLength & 0xFF, 0, 0);
    }

    /** A STPG parameter list: four reserved bytes, then one descriptor per (state, group-or-port) pair. */
    public static byte[] stpgList(int... stateAndTarget) {
        byte[] b = new byte[4 + 2 * stateAndTarget.length];
        for (int i = 0; i < stateAndTarget.length; i += 2) {
            int at = 4 + 2 * i;
            b[at] = (byte) stateAndTarget[i];
            b[at + 2] = (byte) (stateAndTarget[i + 1] >> 8);
            b[at + 3] = (byte) stateAndTarget[i + 1];
        }
        return b;
    }

    // ---- sending ------------------------------------------------------------------------------------------------

    public static ScsiResponse send(LogicalUnit lu, Nexus nexus, byte[] cdb) {
        return lu.execute(ScsiRequest.of(nexus, Lun.of(0), cdb, 4096));
    }

    public static ScsiResponse send(LogicalUnit lu, Nexus nexus, byte[] cdb, int expectedIn) {
        return lu.execute(ScsiRequest.of(nexus, Lun.of(0), cdb, expectedIn));
    }

    public static ScsiResponse sendOut(LogicalUnit lu, Nexus nexus, byte[] cdb, byte[] dataOut) {
        return lu.execute(ScsiRequest.withDataOut(nexus, Lun.of(0), cdb, ByteBuffer.wrap(dataOut)));
    }

    public static ScsiResponse setTargetPortGroups(LogicalUnit lu, Nexus nexus, int... stateAndTarget) {
        byte[] list = stpgList(stateAndTarget);
        return sendOut(lu, nexus, stpg(list.length), list);
    }

    /**
     * Consumes every pending unit attention of a nexus with REQUEST SENSE and returns what was reported; through an
     * offline port, which answers nothing but LOGICAL UNIT NOT READY, OFFLINE, nothing is consumed.
     */
    public static List<AdditionalSense> drain(LogicalUnit lu, Nexus nexus) {
        List<AdditionalSense> seen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ScsiResponse r = send(lu, nexus, requestSense());
            if (r.sense().map(s -> s.additionalSense().equals(new AdditionalSense(0x04, 0x12))).orElse(false)) {
                return seen;
            }
            assertThat(r.status()).isEqualTo(Status.GOOD);
            byte[] sense = r.dataInBytes();
            if ((sense[2] & 0x0F) != SenseKey.UNIT_ATTENTION.code()) {
                return seen;
            }
            seen.add(new AdditionalSense(sense[12] & 0xFF, sense[13] & 0xFF));
        }
        throw new AssertionError("unit attentions never drained for " + nexus);
    }

    /** Drains every nexus of {@link #ALL} (power-on conditions included). */
    public static void drainAll(LogicalUnit lu) {
        for (Nexus n : ALL) {
            drain(lu, n);
        }
    }

    public static void assertGood(ScsiResponse r) {
        assertThat(r.sense()).isEmpty();
        assertThat(r.status()).isEqualTo(Status.GOOD);
    }

    public static void assertSense(ScsiResponse r, SenseKey key, AdditionalSense asc) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense()).map(SenseData::senseKey).contains(key);
        assertThat(r.sense()).map(SenseData::additionalSense).contains(asc);
    }

    public static void assertSense(ScsiResponse r, SenseData expected) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense()).contains(expected);
    }

    public static void assertNotReady(ScsiResponse r, int ascq) {
        assertSense(r, SenseKey.NOT_READY, new AdditionalSense(0x04, ascq));
    }

    /** The ASYMMETRIC ACCESS STATE, PREF and STATUS CODE of group {@code id} in RTPG parameter data. */
    public static int[] descriptorOf(byte[] rtpg, int headerLength, int id) {
        int at = headerLength;
        while (at + 8 <= rtpg.length) {
            int group = ((rtpg[at + 2] & 0xFF) << 8) | (rtpg[at + 3] & 0xFF);
            if (group == id) {
                return new int[] {rtpg[at] & 0x0F, (rtpg[at] >> 7) & 1, rtpg[at + 5] & 0xFF};
            }
            at += 8 + 4 * (rtpg[at + 7] & 0xFF);
        }
        throw new AssertionError("group " + id + " not reported");
    }
}
