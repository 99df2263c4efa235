package io.github.scsiemu.spc.reservation;

import static io.github.scsiemu.spc.reservation.PrFixture.A1;
import static io.github.scsiemu.spc.reservation.PrFixture.A1_PRIME;
import static io.github.scsiemu.spc.reservation.PrFixture.B1;
import static io.github.scsiemu.spc.reservation.PrFixture.B2;
import static io.github.scsiemu.spc.reservation.Session.assertConflict;
import static io.github.scsiemu.spc.reservation.Session.assertFieldPointer;
import static io.github.scsiemu.spc.reservation.Session.assertGood;
import static io.github.scsiemu.spc.reservation.Session.assertSense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.TransportId;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.DeviceServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC_I_PT, REGISTER AND MOVE, REPORT CAPABILITIES and the APTPL file, byte by byte. */
class ServiceActionDetailsTest {

    final DeviceServer lu = PrFixture.device();
    final Session a1 = PrFixture.session(lu, A1);
    final Session a1p = PrFixture.session(lu, A1_PRIME);
    final Session b1 = PrFixture.session(lu, B1);
    final Session b2 = PrFixture.session(lu, B2);

    /** A SPEC_I_PT parameter list naming {@code ids}. */
    static byte[] specIPt(long sark, byte[]... ids) {
        int length = 0;
        for (byte[] id : ids) {
            length += id.length;
        }
        ByteBuffer b = ByteBuffer.allocate(28 + length).put(Session.params(0, sark, true, false, false))
                .putInt(length);
        for (byte[] id : ids) {
            b.put(id);
        }
        return b.array();
    }

    static byte[] iscsiId(String portName) {
        byte[] text = portName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int additional = Math.max(20, (text.length + 1 + 3) & ~3);
        ByteBuffer b = ByteBuffer.allocate(4 + additional).put((byte) 0x45).put((byte) 0).putShort((short) additional);
        b.put(text);
        return b.array();
    }

    @Test
    void specifyInitiatorPortsRegistersEveryNamedPortAllOrNothing() {
        byte[] b = iscsiId("iqn.2026-01.test:b,i,0x000000000001");
        byte[] ap = iscsiId("iqn.2026-01.test:a,i,0x2"); // short ISID: the same port as A'
        assertGood(a1.prOut(0, 0, 0, specIPt(0x77, b, ap)));
        assertThat(b1.readKeys()).containsExactly(0x77, 0x77, 0x77);
        assertGood(b1.reserve(0x77, 1)); // B registered through P1 by A's command
        assertConflict(b2.reserve(0x77, 1)); // but not through P2
        assertGood(b1.release(0x77, 1));
        // Already registered: INVALID FIELD IN PARAMETER LIST at the TransportID, nothing registered.
        assertGood(a1.register(0x77, 0));
        assertFieldPointer(a1.prOut(0, 0, 0, specIPt(0x88, iscsiId("iqn.x,i,0x1"), b)),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 28 + 24, 7);
        assertThat(b2.readKeys()).containsExactly(0x77, 0x77);
        // Unsupported protocol (SRP, 4h) points at PROTOCOL IDENTIFIER; a truncated list is a length error.
        byte[] srp = new byte[24];
        srp[0] = 0x04;
        assertFieldPointer(b2.prOut(0, 0, 0, specIPt(0x99, srp)), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST,
                false, 28, 3);
        byte[] bad = specIPt(0x99, iscsiId("iqn.y,i,0x1"));
        ByteBuffer.wrap(bad).putInt(24, 200);
        assertSense(b2.prOut(0, 0, 0, bad), SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
        // Registered issuer with SPEC_I_PT.
        byte[] own = specIPt(0, iscsiId("iqn.y,i,0x1"));
        ByteBuffer.wrap(own).putLong(0, 0x77); // RESERVATION KEY = its key (table 67 note c)
        assertFieldPointer(b1.prOut(0, 0, 0, own),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, 3);
    }

    static byte[] move(long rk, long sark, boolean unreg, int rtpi, byte[] id) {
        return ByteBuffer.allocate(24 + id.length).putLong(rk).putLong(sark).put(16, (byte) 0)
                .put(17, (byte) (unreg ? 2 : 0)).putShort(18, (short) rtpi).putInt(20, id.length).put(24, id)
                .array();
    }

    @Test
    void registerAndMoveHandsTheReservationToAnotherNexus() {
        byte[] toB = PrFixture.B.transportId().encode();
        assertGood(a1.registerAndIgnore(0x11));
        assertSense(a1.prOut(7, 0, 0, move(0x11, 0x22, false, 2, toB)), SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.INVALID_FIELD_IN_CDB); // no reservation
        assertGood(a1.reserve(0x11, 5));
        int gen = a1.generation();
        assertFieldPointer(a1.prOut(7, 0, 0, move(0x11, 0, false, 2, toB)),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 8, 7);
        assertFieldPointer(a1.prOut(7, 0, 0, move(0x11, 0x22, false, 9, toB)),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 18, 7);
        assertFieldPointer(a1.prOut(7, 0, 0, move(0x11, 0x22, false, 2, PrFixture.A.transportId().encode())),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 24, 7);
        assertConflict(a1.prOut(7, 0, 0, move(0x12, 0x22, false, 2, toB)));
        assertGood(a1.prOut(7, 0, 0, move(0x11, 0x22, true, 2, toB)));
        assertThat(b2.readKeys()).containsExactly(0x22);
        assertThat(b2.readReservation().get()).containsExactly(0x22, 5);
        assertThat(b2.generation()).isEqualTo(gen + 1);
        assertConflict(b1.write()); // moved to B through P2 only
        assertGood(b2.write());
        assertThat(a1.pendingUnitAttentions()).isEmpty(); // no unit attention is specified
    }

    @Test
    void reportCapabilitiesIsTruthful() {
        assertThat(a1.reportCapabilities()).containsExactly(0x00, 0x08, 0x9D, 0xB0, 0xEA, 0x01, 0x00, 0x00);
        assertGood(a1.prOut(6, 0, 0, Session.params(0, 1, false, false, true)));
        assertThat(a1.reportCapabilities()[3]).as("PTPL_A").isEqualTo((byte) 0xB1);
        assertThat(a1.prIn(2, 4).dataInBytes()).containsExactly(0x00, 0x08, 0x9D, 0xB1);
    }

    @Test
    void readKeysAndFullStatusKeepTheirLengthsWhenTruncated() {
        assertGood(a1.registerAndIgnore(5));
        assertGood(a1p.registerAndIgnore(5));
        assertThat(a1.prIn(0, 8).dataInBytes()).containsExactly(0, 0, 0, 2, 0, 0, 0, 16);
        byte[] full = a1.readFullStatus();
        byte[] tid = PrFixture.A_PRIME.transportId().encode();
        assertThat(ByteBuffer.wrap(full).getInt(4)).isEqualTo(24 + 40 + 24 + tid.length);
        assertThat(ByteBuffer.wrap(full).getShort(8 + 18)).isEqualTo((short) 1);
        assertThat(TransportId.decode(full, 8 + 64 + 24, tid.length)).contains(PrFixture.A_PRIME.transportId());
    }

    @Test
    void aCorruptedFileIsDetectedAndATemporaryFileNeverRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pr");
        FileReservationStore store = new FileReservationStore(file);
        ReservationState s = new ReservationState(List.of(new Registration(Registrant.of(A1), 7),
                new Registration(Registrant.allTargetPorts(PrFixture.B), 8)),
                Optional.of(Reservation.of(ReservationType.EXCLUSIVE_ACCESS, Registrant.of(A1))), 12, true);
        store.save(s);
        assertThat(store.load()).contains(s.afterPowerOn());
        Files.write(dir.resolve("pr.tmp"), new byte[] {1, 2, 3}); // a crash before the rename
        assertThat(store.load()).contains(s.afterPowerOn());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(store::load).isInstanceOf(IOException.class).hasMessageContaining("checksum");
        PersistentReservations poweredOn = new PersistentReservations(store);
        assertThat(poweredOn.informationLost()).as("a recoverable lost persistent reservation").isTrue();
        assertThat(poweredOn.state()).isEqualTo(ReservationState.EMPTY);
        store.clear();
        assertThat(store.load()).isEmpty();
    }
}
