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
}
