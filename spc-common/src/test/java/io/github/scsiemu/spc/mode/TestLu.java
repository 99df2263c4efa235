package io.github.scsiemu.spc.mode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.PeripheralDeviceType;
import io.github.scsiemu.spc.log.LogPageRegistry;
import java.nio.ByteBuffer;
import java.util.List;

/** A disk-typed logical unit on the engine, driven by raw CDBs from named nexuses, for the mode and log tests. */
public final class TestLu {

    private static final TargetPort PORT = TargetPort.iscsi("iqn.2024-01.io.github.scsiemu:test", 1, 1, 0);
    public static final Nexus A = new Nexus(InitiatorPort.named("iqn.2024-01.test:a"), PORT);
    public static final Nexus B = new Nexus(InitiatorPort.named("iqn.2024-01.test:b"), PORT);

    public final DeviceServer lu;

    public TestLu(ModePageRegistry modePages, LogPageRegistry logPages) {
        lu = DeviceServer.builder(LogicalUnitIdentity.of(PeripheralDeviceType.DIRECT_ACCESS, "TEST", "SN1", List.of()))
                .modePages(modePages).logPages(logPages).build();
    }

    public TestLu() {
        this(ModePageRegistry.builder().build(), LogPageRegistry.builder().build());
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Sends TEST UNIT READY once, consuming the power-on unit attention, and expects GOOD next time. */
    public TestLu ready(Nexus nexus) {
        in(nexus, 0, 0x00, 0, 0, 0, 0, 0);
        assertThat(in(nexus, 0, 0x00, 0, 0, 0, 0, 0).status()).isEqualTo(Status.GOOD);
        return this;
    }

    public ScsiResponse in(Nexus nexus, int expectedDataIn, int... cdb) {
        return lu.execute(ScsiRequest.of(nexus, Lun.of(0), bytes(cdb), expectedDataIn));
    }

    public ScsiResponse out(Nexus nexus, byte[] data, int... cdb) {
        return lu.execute(ScsiRequest.withDataOut(nexus, Lun.of(0), bytes(cdb), ByteBuffer.wrap(data)));
    }

    /** The data-in of a command that must succeed. */
    public byte[] data(Nexus nexus, int... cdb) {
        ScsiResponse r = in(nexus, 4096, cdb);
        assertThat(r.status()).as("%s", r.sense().map(SenseData::describe)).isEqualTo(Status.GOOD);
        return r.dataInBytes();
    }

    /** Sends a command that must succeed. */
    public void good(ScsiResponse r) {
        assertThat(r.status()).as("%s", r.sense().map(SenseData::describe)).isEqualTo(Status.GOOD);
    }

    /** Asserts CHECK CONDITION with exactly this sense data. */
    public static void checkCondition(ScsiResponse r, SenseData expected) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense()).contains(expected);
    }

    public void logicalUnitReset(Nexus nexus) {
        lu.manage(TaskManagementRequest.of(nexus, Lun.of(0), TaskManagementFunction.LOGICAL_UNIT_RESET));
    }
}
