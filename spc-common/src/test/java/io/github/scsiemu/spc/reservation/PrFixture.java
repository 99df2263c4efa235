package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.PeripheralDeviceType;
import java.util.List;

/**
 * The topology of pr-alua.md 4.1: target ports P1 (RTPI 1) and P2 (RTPI 2); initiator ports A (iqn a, ISID 1), A'
 * (same IQN, ISID 2) and B; five nexuses. A test logical unit whose device commands are a READ-class and a
 * WRITE-class command without data (C8h, CAh).
 */
final class PrFixture {

    static final TargetPort P1 = TargetPort.iscsi("iqn.2026-01.io.github.scsiemu:t", 1, 1, 1);
    static final TargetPort P2 = TargetPort.iscsi("iqn.2026-01.io.github.scsiemu:t", 2, 2, 2);
    static final InitiatorPort A = InitiatorPort.iscsi("iqn.2026-01.test:a", 1);
    static final InitiatorPort A_PRIME = InitiatorPort.iscsi("iqn.2026-01.test:a", 2);
    static final InitiatorPort B = InitiatorPort.iscsi("iqn.2026-01.test:b", 1);
    static final Nexus A1 = new Nexus(A, P1);
    static final Nexus A2 = new Nexus(A, P2);
    static final Nexus A1_PRIME = new Nexus(A_PRIME, P1);
    static final Nexus B1 = new Nexus(B, P1);
    static final Nexus B2 = new Nexus(B, P2);
    static final List<Nexus> ALL = List.of(A1, A2, A1_PRIME, B1, B2);

    static final CommandDescriptor TEST_READ = CommandDescriptor.builder("TEST READ", 0xC8, 10)
            .reservationClass(ReservationClass.READ).build();
    static final CommandDescriptor TEST_WRITE = CommandDescriptor.builder("TEST WRITE", 0xCA, 10)
            .reservationClass(ReservationClass.WRITE).build();
    static final Session.DataProbe PROBE = new Session.DataProbe(cdb10(0xC8), 0, cdb10(0xCA), 0);

    private PrFixture() {
    }

    static byte[] cdb10(int opcode) {
        byte[] c = new byte[10];
        c[0] = (byte) opcode;
        return c;
    }

    static DeviceServer device(PersistentReservations pr) {
        return DeviceServer.builder(
                LogicalUnitIdentity.of(PeripheralDeviceType.DIRECT_ACCESS, "PR", "SN1", List.of(0x00A0, 0x0460)))
                .commands(List.of(new Command(TEST_READ, c -> CommandResult.good()),
                        new Command(TEST_WRITE, c -> CommandResult.good())))
                .feature(pr)
                .build();
    }

    static DeviceServer device() {
        return device(new PersistentReservations());
    }

    /** A session per nexus, each with its power-on unit attention consumed. */
    static Session session(DeviceServer lu, Nexus nexus) {
        Session s = new Session(lu, nexus, PROBE);
        s.drainUnitAttentions();
        return s;
    }
}
