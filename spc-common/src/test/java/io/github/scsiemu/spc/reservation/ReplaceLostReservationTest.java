package io.github.scsiemu.spc.reservation;

import static io.github.scsiemu.spc.reservation.PrFixture.A1;
import static io.github.scsiemu.spc.reservation.PrFixture.B1;
import static io.github.scsiemu.spc.reservation.PrFixture.B2;
import static io.github.scsiemu.spc.reservation.Session.assertConflict;
import static io.github.scsiemu.spc.reservation.Session.assertFieldPointer;
import static io.github.scsiemu.spc.reservation.Session.assertGood;
import static io.github.scsiemu.spc.reservation.Session.assertSense;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.DeviceServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REPLACE LOST RESERVATION (SPC-4 5.13.11.3) and the recoverable lost persistent reservation condition it ends
 * (SPC-4 5.13.5.3.2): DATA PROTECT, PERSISTENT RESERVATION INFORMATION LOST (44h/01h) for every command but the
 * exempt ones, table 66 note b, no unit attentions, PRgeneration zero, APTPL.
 */
class ReplaceLostReservationTest {

    static final int RLR = 0x08;
    static final long K1 = 0x11;
    static final long K2 = 0x22;
    static final long K9 = 0x99;

    final PersistentReservations pr = new PersistentReservations();
    final DeviceServer lu = PrFixture.device(pr);
    final Session a1 = PrFixture.session(lu, A1);
    final Session b1 = PrFixture.session(lu, B1);
    final Session b2 = PrFixture.session(lu, B2);

    static void assertInformationLost(ScsiResponse r) {
        assertSense(r, SenseKey.DATA_PROTECT, AdditionalSense.PERSISTENT_RESERVATION_INFORMATION_LOST);
        byte[] fixed = r.sense().get().encode(SenseFormat.FIXED);
        assertThat(fixed[0] & 0xFF).isEqualTo(0x70);
        assertThat(fixed[2] & 0x0F).isEqualTo(0x07);
        assertThat(fixed[12] & 0xFF).isEqualTo(0x44);
        assertThat(fixed[13] & 0xFF).isEqualTo(0x01);
    }

    ScsiResponse replaceLost(Session s, int type, long sark, boolean aptpl) {
        return s.prOut(RLR, 0, type, Session.params(0, sark, false, false, aptpl));
    }

    @Test
    void withoutALossReplaceLostReservationIsAnInvalidRelease() {
        assertSense(replaceLost(a1, 3, K9, false), SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
        assertGood(a1.registerAndIgnore(K1));
        assertGood(a1.reserve(K1, 1));
        int gen = a1.generation();
        assertSense(replaceLost(a1, 3, K9, false), SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
        // SPC-4 table 66: from an unregistered nexus while another holds the reservation, a conflict.
        assertConflict(replaceLost(b1, 3, K9, false));
        assertThat(a1.readReservation().get()).containsExactly(K1, 1);
        assertThat(a1.generation()).isEqualTo(gen);
    }

    @Test
    void reportCapabilitiesSetsRlrC() {
        assertThat(a1.reportCapabilities()[2] & 0x80).as("RLR_C").isEqualTo(0x80);
    }

    @Test
    void aLossFailsEveryCommandButTheExemptOnesWithPersistentReservationInformationLost() {
        assertGood(a1.registerAndIgnore(K1));
        assertGood(b1.registerAndIgnore(K2));
        assertGood(a1.reserve(K1, 1));
        pr.loseReservationInformation();
        assertThat(pr.informationLost()).isTrue();
        assertThat(pr.state()).isEqualTo(ReservationState.EMPTY);
        assertInformationLost(a1.tur());
        assertInformationLost(a1.read());
        assertInformationLost(b1.write());
        assertInformationLost(a1.prIn(0, 64));
        assertInformationLost(a1.modeSense6());
        assertInformationLost(b1.registerAndIgnore(K2));
        assertInformationLost(b1.reserve6());
        assertGood(a1.inquiry());
        assertGood(a1.send(new byte[] {0x03, 0, 0, 0, (byte) 252, 0}, new byte[0], 252)); // REQUEST SENSE
        assertGood(a1.send(new byte[] {(byte) 0xA0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0}, new byte[0], 4096));
        assertThat(ReservationGate.allowedWhileInformationLost(
                PrFixture.TEST_READ, PrFixture.cdb10(0xC8))).isFalse();
        // The condition stays until REPLACE LOST RESERVATION succeeds (SPC-4 5.13.5.3.2).
        assertInformationLost(a1.tur());
        assertThat(a1.pendingUnitAttentions()).isEmpty();
    }

    @Test
    void replaceLostReservationRegistersTheIssuerReservesAndZeroesPrGenerationWithoutUnitAttentions() {
        assertGood(a1.registerAndIgnore(K1));
        assertGood(b1.registerAndIgnore(K2));
        assertGood(a1.reserve(K1, 1));
        assertThat(a1.generation()).isEqualTo(2);
        pr.loseReservationInformation();
        // Table 66 note b: not a conflict from an unregistered nexus during the condition.
        ScsiResponse replaced = replaceLost(b2, 3, K9, false);
        assertGood(replaced);
        assertThat(pr.informationLost()).isFalse();
        assertThat(b2.generation()).isZero();
        assertThat(b2.readKeys()).containsExactly(K9);
        assertThat(b2.readReservation().get()).containsExactly(K9, 3);
        byte[] full = b2.readFullStatus();
        assertThat(full[8 + 12] & 0xFF).as("R_HOLDER, not ALL_TG_PT").isEqualTo(0x01);
        assertThat(full[8 + 13] & 0xFF).as("SCOPE, TYPE").isEqualTo(0x03);
        assertThat(full[8 + 19] & 0xFF).as("RELATIVE TARGET PORT IDENTIFIER").isEqualTo(2);
        for (Session s : new Session[] {a1, b1, b2}) {
            assertThat(s.pendingUnitAttentions()).as("no unit attention for %s", s.nexus()).isEmpty();
        }
        assertConflict(a1.read()); // Exclusive Access held by B through P2
        assertConflict(b1.read());
        assertGood(b2.write());
        assertSense(replaceLost(b2, 3, K9, false), SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
        assertThat(b2.generation()).isZero();
    }

    @Test
    void anInvalidReplaceLostReservationKeepsTheCondition() {
        pr.loseReservationInformation();
        assertFieldPointer(a1.prOut(RLR, 1, 3, Session.params(0, K9)), AdditionalSense.INVALID_FIELD_IN_CDB, true,
                2, 7);
        assertFieldPointer(a1.prOut(RLR, 0, 2, Session.params(0, K9)), AdditionalSense.INVALID_FIELD_IN_CDB, true,
                2, 3);
        assertFieldPointer(replaceLost(a1, 3, 0, false), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 8,
                7);
        assertFieldPointer(a1.prOut(RLR, 0, 3, Session.params(0, K9, true, false, false)),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, 3);
        assertSense(a1.prOut(RLR, 0, 3, new byte[23]), SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
        assertThat(pr.informationLost()).isTrue();
        assertInformationLost(a1.tur());
    }

    @Test
    void aDamagedFileAtPowerOnIsARecoverableLossAndReplaceLostReservationPersistsWithAptpl(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("pr");
        FileReservationStore store = new FileReservationStore(file);
        PersistentReservations before = new PersistentReservations(store);
        Session a = PrFixture.session(PrFixture.device(before), A1);
        assertGood(a.prOut(6, 0, 0, Session.params(0, K1, false, false, true)));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01; // the checksum no longer matches
        Files.write(file, bytes);

        PersistentReservations damaged = new PersistentReservations(store);
        assertThat(damaged.informationLost()).isTrue();
        Session b = PrFixture.session(PrFixture.device(damaged), B1);
        assertInformationLost(b.prIn(0, 64));
        assertGood(replaceLost(b, 8, K9, true));
        assertThat(b.reportCapabilities()[3] & 0x01).as("PTPL_A").isEqualTo(1);

        PersistentReservations restarted = new PersistentReservations(store);
        assertThat(restarted.informationLost()).isFalse();
        assertThat(restarted.state()).isEqualTo(damaged.state());
        Session b1Again = PrFixture.session(PrFixture.device(restarted), B1);
        assertThat(b1Again.readReservation().get()).containsExactly(0, 8);
        assertThat(b1Again.readKeys()).containsExactly(K9);
    }

    @Test
    void replaceLostReservationWithoutAptplRemovesTheDamagedFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pr");
        Files.write(file, new byte[] {1, 2, 3, 4});
        FileReservationStore store = new FileReservationStore(file);
        PersistentReservations damaged = new PersistentReservations(store);
        assertThat(damaged.informationLost()).isTrue();
        Session a = PrFixture.session(PrFixture.device(damaged), A1);
        assertGood(replaceLost(a, 1, K1, false));
        assertThat(Files.exists(file)).isFalse();
        PersistentReservations restarted = new PersistentReservations(store);
        assertThat(restarted.informationLost()).isFalse();
        assertThat(restarted.state()).isEqualTo(ReservationState.EMPTY);
        assertThat(a.send(PrFixture.cdb10(0xCA), new byte[0], 0).status()).isEqualTo(Status.GOOD);
    }
}
