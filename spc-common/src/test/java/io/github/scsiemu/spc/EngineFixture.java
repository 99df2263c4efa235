package io.github.scsiemu.spc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.util.List;

/** Shared test fixture: nexuses, a test device with vendor-specific commands, and assertion helpers. */
final class EngineFixture {

    static final TargetPort PORT_A = TargetPort.iscsi("iqn.2026-01.io.github.scsiemu:t", 1, 1, 0);
    static final Nexus N1 = new Nexus(InitiatorPort.iscsi("iqn.2026-01.org.example:one", 1), PORT_A);
    static final Nexus N2 = new Nexus(InitiatorPort.iscsi("iqn.2026-01.org.example:two", 2), PORT_A);

    /** Vendor-specific C0h: returns {@code PRODUCED} bytes 0,1,2,... truncated to its ALLOCATION LENGTH. */
    static final CdbField ECHO_ALLOCATION = CdbField.bytes("ALLOCATION LENGTH", 7, 2).as(CdbField.Role.ALLOCATION_LENGTH);
    static final CommandDescriptor ECHO = CommandDescriptor.builder("TEST ECHO", 0xC0, 10)
            .fields(CdbField.bit("FAIL", 1, 0), ECHO_ALLOCATION)
            .direction(DataDirection.IN)
            .build();
    static final int PRODUCED = 100;

    /** Vendor-specific C3h: returns 100 bytes with CHECK CONDITION, RECOVERED ERROR (a recovered read). */
    static final CommandDescriptor RECOVERED = CommandDescriptor.builder("TEST RECOVERED", 0xC3, 10)
            .fields(CdbField.bytes("ALLOCATION LENGTH", 7, 2).as(CdbField.Role.ALLOCATION_LENGTH))
            .direction(DataDirection.IN)
            .build();

    /** Vendor-specific C2h: throws an unexpected exception. */
    static final CommandDescriptor BROKEN = CommandDescriptor.builder("TEST BROKEN", 0xC2, 6).build();

    private EngineFixture() {
    }

    static LogicalUnitIdentity identity() {
        return LogicalUnitIdentity.of(PeripheralDeviceType.DIRECT_ACCESS, "TEST", "SN1", List.of(0x00A0, 0x0460));
    }

    static List<Command> testCommands() {
        return List.of(
                new Command(ECHO, ctx -> {
                    if (ctx.cdb().flag(ECHO.field("FAIL").orElseThrow())) {
                        throw CheckConditionException.of(SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR);
                    }
                    byte[] data = new byte[PRODUCED];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (byte) i;
                    }
                    return CommandResult.data(data);
                }),
                new Command(RECOVERED, ctx -> CommandResult.checkConditionWithData(
                        SenseData.of(SenseKey.RECOVERED_ERROR, AdditionalSense.RECOVERED_DATA_WITH_RETRIES)
                                .withInformation(5),
                        java.nio.ByteBuffer.wrap(new byte[PRODUCED]))),
                new Command(BROKEN, ctx -> {
                    throw new IllegalStateException("bug");
                }));
    }

    static DeviceServer device() {
        return DeviceServer.builder(identity()).commands(testCommands()).build();
    }

    static ScsiResponse send(DeviceServer lu, Nexus nexus, int expectedIn, int... cdb) {
        byte[] b = new byte[cdb.length];
        for (int i = 0; i < cdb.length; i++) {
            b[i] = (byte) cdb[i];
        }
        return lu.execute(ScsiRequest.of(nexus, Lun.of(0), b, expectedIn));
    }

    /** Consumes the power-on unit attention of a nexus. */
    static void clearPowerOn(DeviceServer lu, Nexus nexus) {
        ScsiResponse r = send(lu, nexus, 0, 0, 0, 0, 0, 0, 0);
        assertThat(r.sense()).map(SenseData::additionalSense)
                .contains(AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
        assertThat(send(lu, nexus, 0, 0, 0, 0, 0, 0, 0).status()).isEqualTo(Status.GOOD);
    }

    static void assertCheckCondition(ScsiResponse r, SenseKey key, AdditionalSense asc) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense()).isPresent();
        assertThat(r.sense().get().senseKey()).isEqualTo(key);
        assertThat(r.sense().get().additionalSense()).isEqualTo(asc);
    }
}
