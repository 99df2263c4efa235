package io.github.scsiemu.spc.reservation;

import static io.github.scsiemu.spc.reservation.PrFixture.A1;
import static io.github.scsiemu.spc.reservation.PrFixture.A1_PRIME;
import static io.github.scsiemu.spc.reservation.PrFixture.A2;
import static io.github.scsiemu.spc.reservation.PrFixture.B1;
import static io.github.scsiemu.spc.reservation.PrFixture.B2;
import static io.github.scsiemu.spc.reservation.Session.assertConflict;
import static io.github.scsiemu.spc.reservation.Session.assertFieldPointer;
import static io.github.scsiemu.spc.reservation.Session.assertGood;
import static io.github.scsiemu.spc.reservation.Session.assertSense;
import static io.github.scsiemu.spc.reservation.Session.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.DeviceServer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The acceptance criteria AC-PR-01..17 of pr-alua.md 4.6 on a logical unit with test READ and WRITE commands. */
class PersistentReservationAcceptanceTest {

    static final long K1 = 0x1111_0001L;
    static final long K2 = 0x2222_0002L;
    static final long K3 = 0x3333_0003L;
    static final int WE = 1;
    static final int EA = 3;
    static final int WE_RO = 5;
    static final int EA_RO = 6;
    static final int WE_AR = 7;
    static final int EA_AR = 8;

    final DeviceServer lu = PrFixture.device();
    final Session a1 = PrFixture.session(lu, A1);
    final Session a2 = PrFixture.session(lu, A2);
    final Session a1p = PrFixture.session(lu, A1_PRIME);
    final Session b1 = PrFixture.session(lu, B1);
    final Session b2 = PrFixture.session(lu, B2);

    @Test
    void acPr01_registerAndIgnoreExistingKeyAlwaysRegisters() {
        assertGood(a1.registerAndIgnore(K1));
        assertThat(a1.readKeys()).containsExactly(K1);
        assertGood(a1.registerAndIgnore(K2)); // registered: key replaced, whatever the old key
        assertThat(a1.readKeys()).containsExactly(K2);
        assertGood(a1.reserve(K2, EA));
        assertGood(b1.registerAndIgnore(K2)); // duplicate key, under another nexus's Exclusive Access reservation
        assertGood(a1p.registerAndIgnore(K3));
        assertThat(b2.sortedKeys()).containsExactly(K2, K2, K3);
        assertThat(a1.generation()).isEqualTo(4);
    }

    @Test
    void acPr02_registerWithWrongKeyConflictsAndChangesNothing() {
        assertGood(a1.register(0, K1));
        int gen = a1.generation();
        assertConflict(a1.register(K2, K3));
        assertConflict(a1.register(0, K3)); // libiscsi ProutRegister.Simple step 3
        assertConflict(b1.register(K1, K2)); // unregistered nexus with a non-zero key
        assertThat(b1.readKeys()).containsExactly(K1);
        assertThat(b1.generation()).isEqualTo(gen);
        assertGood(a1.register(K1, 0));
        assertThat(a1.readKeys()).isEmpty();
        assertThat(a1.generation()).isEqualTo(gen + 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {WE, EA, WE_RO, EA_RO, WE_AR, EA_AR})
    void acPr03_reserveByNonHolderConflictsButAllRegistrantsShare(int type) {
        assertGood(a1.registerAndIgnore(K1));
        assertGood(b1.registerAndIgnore(K2));
        assertGood(a1.reserve(K1, type));
        int gen = a1.generation();
        if (type == WE_AR || type == EA_AR) {
            assertGood(b1.reserve(K2, type));
            assertConflict(b1.reserve(K2, type == WE_AR ? EA_AR : WE_AR));
        } else {
            assertConflict(b1.reserve(K2, type));
        }
        assertGood(a1.reserve(K1, type)); // the holder again, same type: no change
        assertConflict(a1.reserve(K1, type == WE ? EA : WE)); // the holder, another type
        assertThat(a1.readReservation().get()).containsExactly(type >= WE_AR ? 0 : K1, type);
        assertThat(a1.generation()).isEqualTo(gen);
    }

    @Test
    void acPr04_releaseWithWrongTypeByHolderIsInvalidAndByOthersIsNoOp() {
        assertGood(a1.registerAndIgnore(K1));
        assertGood(b1.registerAndIgnore(K2));
        assertGood(a1.reserve(K1, WE_RO));
        assertSense(a1.release(K1, EA_RO), SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
        assertSense(a1.release(K1, 2), SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
        assertGood(b1.release(K2, WE_RO));
        assertGood(b1.release(K2, 9));
        assertConflict(a1p.release(0, WE_RO)); // unregistered
        assertThat(a1.readReservation().get()).containsExactly(K1, WE_RO);
        assertThat(b1.drainUnitAttentions()).isEmpty();
        assertGood(a1.release(K1, WE_RO));
        assertThat(a1.readReservation()).isEmpty();
        assertThat(b1.drainUnitAttentions()).containsExactly(AdditionalSense.RESERVATIONS_RELEASED);
        assertThat(a1.drainUnitAttentions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {WE, EA, WE_RO, EA_RO, WE_AR, EA_AR})
    void acPr05_holderUnregistering(int type) {
        assertGood(a1.registerAndIgnore(K1));
        assertGood(b1.registerAndIgnore(K2));
        assertGood(a1p.registerAndIgnore(K3));
        assertGood(a1.reserve(K1, type));
        assertGood(a1.register(K1, 0));
        if (type == WE_AR || type == EA_AR) {
            assertThat(b1.readReservation().get()).containsExactly(0, type);
            assertGood(b1.register(K2, 0));
            assertThat(b1.readReservation().get()).containsExactly(0, type);
            assertGood(a1p.register(K3, 0)); // the last registrant
            assertThat(b1.readReservation()).isEmpty();
            assertThat(b1.pendingUnitAttentions()).isEmpty();
        } else {
            assertThat(a1.readReservation()).isEmpty();
            List<AdditionalSense> expected = type == WE_RO || type == EA_RO
                    ? List.of(AdditionalSense.RESERVATIONS_RELEASED) : List.of();
            assertThat(b1.pendingUnitAttentions()).isEqualTo(expected);
            assertThat(a1p.pendingUnitAttentions()).isEqualTo(expected);
            assertThat(b2.pendingUnitAttentions()).isEmpty(); // not registered
        }
        assertThat(a1.pendingUnitAttentions()).isEmpty();
    }

    @Test
    void acPr06_preemptOfTheHolderKey() {
        assertGood(a1.registerAndIgnore(K1));
        assertGood(a2.registerAndIgnore(K1));
        assertGood(b1.registerAndIgnore(K2));
        assertGood(a1p.registerAndIgnore(K3));
        assertGood(a1.reserve(K1, WE_RO));
        int gen = b1.generation();
        assertGood(b1.preempt(K2, K1, EA));
        assertThat(b1.sortedKeys()).containsExactly(K2, K3);
        assertThat(b1.readReservation().get()).containsExactly(K2, EA);
        assertThat(b1.generation()).isEqualTo(gen + 1);
        assertThat(a1.pendingUnitAttentions()).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(a2.pendingUnitAttentions()).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(a1p.pendingUnitAttentions()).containsExactly(AdditionalSense.RESERVATIONS_RELEASED);
        assertThat(b1.pendingUnitAttentions()).isEmpty();
        assertThat(b2.pendingUnitAttentions()).isEmpty();
        // Same type: no RESERVATIONS RELEASED for the remaining registrants.
        assertGood(a1p.preempt(K3, K2, EA));
        assertThat(b1.pendingUnitAttentions()).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(a1p.readReservation().get()).containsExactly(K3, EA);
    }

    @Test
    void acPr07_preemptWithZeroKey() {
        assertGood(a1.registerAndIgnore(K1));
        assertGood(b1.registerAndIgnore(K2));
        assertGood(a1.reserve(K1, WE));
        assertFieldPointer(b1.preempt(K2, 0, WE), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 8, 7);
        assertGood(a1.release(K1, WE));
        assertGood(a1.reserve(K1, WE_AR));
        assertGood(a1p.registerAndIgnore(K3));
        int gen = b1.generation();
        assertGood(b1.preempt(K2, 0, EA_RO));
        assertThat(b1.readKeys()).containsExactly(K2);
        assertThat(b1.readReservation().get()).containsExactly(K2, EA_RO);
        assertThat(b1.generation()).isEqualTo(gen + 1);
        assertThat(a1.pendingUnitAttentions()).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(a1p.pendingUnitAttentions()).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(b1.pendingUnitAttentions()).isEmpty();
    }

    @Test
    void acPr08_preemptOfAnUnknownKeyConflicts() {
        assertGood(a1.registerAndIgnore(K1));
        assertGood(b1.registerAndIgnore(K2));
        int gen = b1.generation();
        assertConflict(b1.preempt(K2, K3, WE)); // no reservation
        assertConflict(b1.preempt(K2, 0, WE)); // deviation row 3: zero key, no reservation
        assertGood(a1.reserve(K1, WE));
        assertConflict(b1.preempt(K2, K3, WE));
        assertConflict(a1p.preempt(0, K1, WE)); // unregistered issuer
        assertThat(b1.generation()).isEqualTo(gen);
        assertThat(b1.sortedKeys()).containsExactly(K1, K2);
    }

    @Test
    void acPr09_selfPreemptKeepsTheIssuerAndDropsItsSiblings() {
        assertGood(a1.registerAndIgnore(K1));
        assertGood(a2.registerAndIgnore(K1));
        assertGood(b1.registerAndIgnore(K2));
        assertGood(a1.reserve(K1, WE_RO));
        assertGood(a1.preempt(K1, K1, WE_RO));
        assertThat(a1.sortedKeys()).containsExactly(K1, K2);
        assertThat(a1.readReservation().get()).containsExactly(K1, WE_RO);
        assertThat(a2.pendingUnitAttentions()).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(b1.pendingUnitAttentions()).isEmpty();
        assertThat(a1.pendingUnitAttentions()).isEmpty();
        assertConflict(a2.write());
        assertGood(a1.write());
        // Without a reservation of that key, the issuer's own registration goes too (deviation row 5).
        assertGood(b1.preempt(K2, K2, WE));
        assertThat(a1.sortedKeys()).containsExactly(K1);
    }

    @Test
    void acPr11_clearRemovesEverything() {
        assertGood(a1.registerAndIgnore(K1));
        assertGood(a2.registerAndIgnore(K1));
        assertGood(b1.registerAndIgnore(K2));
        assertGood(a1.reserve(K1, WE));
        int gen = a1.generation();
        assertConflict(a1p.clear(0));
        assertConflict(b1.clear(K1));
        assertGood(b1.clear(K2));
        assertThat(b1.readKeys()).isEmpty();
        assertThat(b1.readReservation()).isEmpty();
        assertThat(b1.generation()).isEqualTo(gen + 1);
        assertThat(a1.pendingUnitAttentions()).containsExactly(AdditionalSense.RESERVATIONS_PREEMPTED);
        assertThat(a2.pendingUnitAttentions()).containsExactly(AdditionalSense.RESERVATIONS_PREEMPTED);
        assertThat(b1.pendingUnitAttentions()).isEmpty();
        assertThat(a1p.pendingUnitAttentions()).isEmpty();
    }

    /** pr-alua.md 1.4.5 (libiscsi ProutReserve.Access): 1 = allowed. */
    @ParameterizedTest
    @ValueSource(ints = {WE, EA, WE_RO, EA_RO, WE_AR, EA_AR})
    void acPr12_accessMatrix(int type) {
        int[][] oracle = {{}, {1, 0, 1, 0}, {}, {0, 0, 0, 0}, {}, {1, 1, 1, 0}, {1, 1, 0, 0}, {1, 1, 1, 0},
            {1, 1, 0, 0}};
        assertGood(a1.registerAndIgnore(K1));
        assertGood(b1.registerAndIgnore(K2));
        assertGood(a1.reserve(K1, type));
        assertGood(a1.read());
        assertGood(a1.write());
        int[] row = oracle[type];
        check(b1.read(), row[0]);
        check(b1.write(), row[1]);
        check(a1p.read(), row[2]);
        check(a1p.write(), row[3]);
        for (Session s : List.of(b1, a1p, b2)) { // ALWAYS class: TEST UNIT READY, INQUIRY, PR IN
            assertGood(s.tur());
            assertGood(s.inquiry());
            assertGood(s.prIn(0, 100));
        }
        check(a1p.modeSense6(), type == WE || type == WE_RO || type == WE_AR ? 1 : 0); // READ class
    }

    private static void check(ScsiResponse r, int allowed) {
        if (allowed == 1) {
            assertGood(r);
        } else {
            assertConflict(r);
        }
    }

    @Test
    void acPr13_parameterListAndCdbValidation() {
        for (int length : new int[] {0, 16, 23, 25, 28}) {
            assertSense(a1.prOut(6, 0, 0, new byte[length]),
                    SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
        }
        assertFieldPointer(a1.prOut(6, 0, 0, params(0, K1, true, false, false)),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, 3);
        assertGood(a1.registerAndIgnore(K1));
        assertFieldPointer(a1.prOut(1, 1, WE, params(K1, 0)), AdditionalSense.INVALID_FIELD_IN_CDB, true, 2, 7);
        for (int type : new int[] {0, 2, 4, 9, 15}) {
            assertFieldPointer(a1.prOut(1, 0, type, params(K1, 0)), AdditionalSense.INVALID_FIELD_IN_CDB, true, 2, 3);
        }
        assertFieldPointer(a1.prOut(9, 0, 0, params(K1, 0)), AdditionalSense.INVALID_FIELD_IN_CDB, true, 1, 4);
        assertFieldPointer(a1.prOut(0x1F, 0, WE, params(0, K1)), AdditionalSense.INVALID_FIELD_IN_CDB, true, 1, 4);
        // REPLACE LOST RESERVATION is supported; with nothing lost it is an invalid release (SPC-4 5.13.11.3).
        assertSense(a1.prOut(8, 0, WE, params(0, K1)), SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
        for (int sa = 4; sa < 0x20; sa++) {
            assertFieldPointer(a1.prIn(sa, 100), AdditionalSense.INVALID_FIELD_IN_CDB, true, 1, 4);
        }
        assertThat(a1.readReservation()).isEmpty();
        assertThat(a1.generation()).isEqualTo(1);
    }

    @Test
    void acPr14_aptplSurvivesRestartFromTheFile(@TempDir Path dir) {
        Path file = dir.resolve("pr-SN1");
        DeviceServer before = PrFixture.device(new PersistentReservations(new FileReservationStore(file)));
        Session x = PrFixture.session(before, A1);
        Session y = PrFixture.session(before, B2);
        assertGood(x.prOut(6, 0, 0, params(0, K1, false, false, true)));
        assertGood(y.prOut(6, 0, 0, params(0, K2, false, true, true)));
        assertGood(x.reserve(K1, EA_RO));
        byte[] status = x.readFullStatus();
        assertThat(Files.exists(file)).isTrue();
        assertThat(ByteBuffer.wrap(status).getInt(0)).isEqualTo(2);
        assertThat(x.reportCapabilities()[3] & 1).as("PTPL_A").isEqualTo(1);

        DeviceServer after = PrFixture.device(new PersistentReservations(new FileReservationStore(file)));
        Session x2 = PrFixture.session(after, A1);
        byte[] restored = x2.readFullStatus();
        assertThat(ByteBuffer.wrap(restored).getInt(0)).as("PRgeneration after power on").isZero();
        assertThat(java.util.Arrays.copyOfRange(restored, 4, restored.length))
                .isEqualTo(java.util.Arrays.copyOfRange(status, 4, status.length));
        Session y2 = PrFixture.session(after, B1); // B registered through all target ports
        assertGood(y2.write());
        assertConflict(PrFixture.session(after, A1_PRIME).read());

        assertGood(x2.prOut(6, 0, 0, params(0, K3, false, false, false))); // APTPL=0 last
        assertThat(Files.exists(file)).isFalse();
        DeviceServer cold = PrFixture.device(new PersistentReservations(new FileReservationStore(file)));
        Session x3 = PrFixture.session(cold, A1);
        assertThat(x3.readKeys()).isEmpty();
        assertThat(x3.readReservation()).isEmpty();
        assertThat(x3.generation()).isZero();
    }

    @Test
    void acPr15_allTargetPortsRegistration() {
        assertGood(a1.prOut(6, 0, 0, params(0, K1, false, true, false)));
        assertThat(a2.readKeys()).containsExactly(K1);
        assertGood(a2.reserve(K1, WE)); // usable through the other port
        assertGood(a1.write()); // the holder is the initiator port through every target port
        assertConflict(a1p.write());
        byte[] full = b1.readFullStatus();
        assertThat(ByteBuffer.wrap(full).getInt(4)).isEqualTo(24 + 40); // 35-character port name, NUL, padding
        assertThat(full[8 + 12]).as("ALL_TG_PT and R_HOLDER").isEqualTo((byte) 0x03);
        assertThat(full[8 + 13]).isEqualTo((byte) WE);
        assertThat(ByteBuffer.wrap(full).getShort(8 + 18)).as("RTPI").isZero();
        assertThat(full[8 + 24]).as("iSCSI TransportID, format 01b").isEqualTo((byte) 0x45);
        assertFieldPointer(a2.register(K1, 0), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, 2);
        assertGood(a2.release(K1, WE));
        assertGood(a2.prOut(0, 0, 0, params(K1, 0, false, true, false)));
        assertThat(a1.readKeys()).isEmpty();
    }

    @Test
    void acPr16_sameIqnDifferentIsidIsAnotherNexus() {
        assertGood(a1.registerAndIgnore(K1));
        assertConflict(a1p.register(K1, K2));
        assertConflict(a1p.reserve(K1, WE));
        assertGood(a1.reserve(K1, EA));
        assertConflict(a1p.read());
        assertGood(a1.release(K1, EA));
        assertGood(a1.register(K1, 0));
        assertGood(a1.reserve6());
        assertConflict(a1p.reserve6());
        assertConflict(a1p.tur());
        assertGood(a1.tur());
    }

    @Test
    void acPr17_legacyReserveAndCompatibleReservationHandling() {
        assertGood(a1.reserve6());
        assertGood(a1.reserve6());
        assertConflict(b1.reserve6());
        assertConflict(b1.reserve10());
        assertGood(b1.release6()); // not the holder: nothing happens
        assertGood(a1.modeSense6());
        assertConflict(b1.modeSense6());
        assertConflict(b1.tur());
        assertConflict(b1.read());
        assertGood(b1.inquiry());
        assertThat(b1.pendingUnitAttentions()).isEmpty(); // REQUEST SENSE passes
        assertConflict(b1.prIn(0, 100));
        assertConflict(a1.prIn(0, 100)); // PR commands conflict even for the holder (LIO)
        assertConflict(a1.registerAndIgnore(K1));
        assertGood(a1.release10());
        assertGood(b1.reserve10());
        b1.logicalUnitReset();
        assertThat(a1.drainUnitAttentions()).containsExactly(AdditionalSense.BUS_DEVICE_RESET_FUNCTION_OCCURRED);
        b1.drainUnitAttentions();
        a1p.drainUnitAttentions();
        assertGood(a1.reserve6()); // released by the reset
        a1.nexusLoss();
        assertGood(b1.reserve6()); // released by the holder's nexus loss
        assertGood(b1.release6());
        assertThat(a1.drainUnitAttentions()).containsExactly(AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);

        // CRH=1 (SPC-4 5.13.3)
        assertGood(a1.registerAndIgnore(K1));
        assertConflict(a1.reserve6()); // registrations but no reservation: SPC-2 conflict rule
        assertGood(b1.registerAndIgnore(K2));
        assertGood(a1.reserve(K1, WE_RO));
        assertGood(a1.reserve6()); // holder: no-op
        assertGood(b1.reserve6()); // registrant of a registrants-only reservation: no-op
        assertGood(b1.release10());
        assertConflict(a1p.reserve6());
        assertConflict(a1p.release6());
        assertGood(b1.write()); // no SPC-2 reservation was made
        assertThat(a1.reportCapabilities()[2] & 0x10).as("CRH").isEqualTo(0x10);
    }
}
