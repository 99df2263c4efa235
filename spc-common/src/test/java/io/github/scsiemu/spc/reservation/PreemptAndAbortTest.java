package io.github.scsiemu.spc.reservation;

import static io.github.scsiemu.spc.reservation.PrFixture.A1;
import static io.github.scsiemu.spc.reservation.PrFixture.B1;
import static io.github.scsiemu.spc.reservation.Session.assertConflict;
import static io.github.scsiemu.spc.reservation.Session.assertGood;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.PeripheralDeviceType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** AC-PR-10: PREEMPT AND ABORT ends the preempted nexuses' tasks in flight (SPC-4 5.13.11.2.6). */
class PreemptAndAbortTest {

    static final long K1 = 0x11;
    static final long K2 = 0x22;

    final CountDownLatch entered = new CountDownLatch(2);
    final CountDownLatch proceed = new CountDownLatch(1);

    /** C9h: a WRITE-class command that waits until released, as a long write would. */
    final CommandDescriptor slow = CommandDescriptor.builder("TEST SLOW WRITE", 0xC9, 10)
            .reservationClass(ReservationClass.WRITE).build();

    final DeviceServer lu = DeviceServer.builder(
            LogicalUnitIdentity.of(PeripheralDeviceType.DIRECT_ACCESS, "PR", "SN1", List.of(0x00A0)))
            .commands(List.of(new Command(slow, c -> {
                entered.countDown();
                try {
                    proceed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return CommandResult.good();
            }), new Command(PrFixture.TEST_READ, c -> CommandResult.good()),
                    new Command(PrFixture.TEST_WRITE, c -> CommandResult.good())))
            .feature(new PersistentReservations())
            .build();

    @Test
    void acPr10_preemptAndAbortEndsTheVictimsTasksAndSparesTheIssuers() throws Exception {
        Session a = PrFixture.session(lu, A1);
        Session b = PrFixture.session(lu, B1);
        assertGood(a.registerAndIgnore(K1));
        assertGood(b.registerAndIgnore(K2));
        assertGood(b.reserve(K2, 5));
        CompletableFuture<ScsiResponse> victim = CompletableFuture.supplyAsync(
                () -> b.send(PrFixture.cdb10(0xC9), new byte[0], 0));
        CompletableFuture<ScsiResponse> own = CompletableFuture.supplyAsync(
                () -> a.send(PrFixture.cdb10(0xC9), new byte[0], 0));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertGood(a.preemptAndAbort(K1, K2, 5));
        proceed.countDown();
        ScsiResponse v = victim.get(5, TimeUnit.SECONDS);
        assertThat(v.terminated()).as("TAS=0: aborted without status").isTrue();
        assertGood(own.get(5, TimeUnit.SECONDS));
        assertThat(b.pendingUnitAttentions()).containsExactlyInAnyOrder(
                AdditionalSense.REGISTRATIONS_PREEMPTED, AdditionalSense.COMMANDS_CLEARED_BY_ANOTHER_INITIATOR);
        assertThat(a.readReservation().get()).containsExactly(K1, 5);
        assertConflict(b.write());
        assertGood(b.read());
        assertThat(v.status()).isEqualTo(Status.TASK_ABORTED);
    }

    /** MODE SELECT(6), PF=1, of the Control mode page with TAS set (SPC-4 7.5.8). */
    private static void setTaskAbortedStatus(Session s) {
        byte[] list = {0, 0, 0, 0, 0x0A, 0x0A, 0x02, 0, 0, 0x40, 0, 0, 0, 0, 0, 0};
        assertGood(s.send(new byte[] {0x15, 0x10, 0, 0, (byte) list.length, 0}, list, 0));
    }

    @Test
    void acPr10_withTasTheVictimsTasksEndWithTaskAbortedStatusAndNoUnitAttention() throws Exception {
        Session a = PrFixture.session(lu, A1);
        setTaskAbortedStatus(a);
        Session b = PrFixture.session(lu, B1);
        assertThat(lu.modePages().taskAbortedStatus()).isTrue();
        assertGood(a.registerAndIgnore(K1));
        assertGood(b.registerAndIgnore(K2));
        assertGood(b.reserve(K2, 5));
        CompletableFuture<ScsiResponse> victim = CompletableFuture.supplyAsync(
                () -> b.send(PrFixture.cdb10(0xC9), new byte[0], 0));
        CompletableFuture<ScsiResponse> own = CompletableFuture.supplyAsync(
                () -> a.send(PrFixture.cdb10(0xC9), new byte[0], 0));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertGood(a.preemptAndAbort(K1, K2, 5));
        proceed.countDown();
        ScsiResponse v = victim.get(5, TimeUnit.SECONDS);
        assertThat(v.terminated()).as("TAS=1: the task returns status").isFalse();
        assertThat(v.status()).isEqualTo(Status.TASK_ABORTED);
        assertThat(v.sense()).isEmpty();
        assertGood(own.get(5, TimeUnit.SECONDS));
        assertThat(b.pendingUnitAttentions()).as("TASK ABORTED status told B; no 2Fh/00h")
                .containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(a.pendingUnitAttentions()).isEmpty();
        assertThat(a.readReservation().get()).containsExactly(K1, 5);
        assertConflict(b.write());
    }

    @Test
    void preemptAndAbortOfTheIssuersOwnKeyAbortsItsOtherTasksButNotItself() throws Exception {
        Session a = PrFixture.session(lu, A1);
        setTaskAbortedStatus(a);
        Session aPrime = PrFixture.session(lu, PrFixture.A1_PRIME);
        Session b = PrFixture.session(lu, B1);
        assertGood(a.registerAndIgnore(K1));
        assertGood(aPrime.registerAndIgnore(K1));
        assertGood(b.registerAndIgnore(K2));
        CompletableFuture<ScsiResponse> sibling = CompletableFuture.supplyAsync(
                () -> aPrime.send(PrFixture.cdb10(0xC9), new byte[0], 0));
        CompletableFuture<ScsiResponse> own = CompletableFuture.supplyAsync(
                () -> a.send(PrFixture.cdb10(0xC9), new byte[0], 0));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        // No reservation: the remove-registrations path removes every K1 registration, the issuer's included
        // (SPC-4 5.13.11.2.5), so every command of both K1 nexuses is aborted except this PR OUT (5.13.11.2.6 c).
        ScsiResponse preempt = a.preemptAndAbort(K1, K1, 1);
        assertGood(preempt);
        assertThat(preempt.terminated()).isFalse();
        proceed.countDown();
        ScsiResponse ownEnd = own.get(5, TimeUnit.SECONDS);
        assertThat(ownEnd.terminated()).as("the issuer's own other task ends without status").isTrue();
        ScsiResponse siblingEnd = sibling.get(5, TimeUnit.SECONDS);
        assertThat(siblingEnd.terminated()).as("TAS=1: another nexus's task returns status").isFalse();
        assertThat(siblingEnd.status()).isEqualTo(Status.TASK_ABORTED);
        assertThat(b.readKeys()).containsExactly(K2);
        assertThat(aPrime.pendingUnitAttentions()).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(a.pendingUnitAttentions()).isEmpty();
    }
}
