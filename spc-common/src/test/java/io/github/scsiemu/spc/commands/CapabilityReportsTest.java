package io.github.scsiemu.spc.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKeySpecific;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.PeripheralDeviceType;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityReportsTest {

    private static final Nexus N = new Nexus(InitiatorPort.named("iqn.2026-01.org.example:a"),
            TargetPort.iscsi("iqn.2026-01.io.github.scsiemu:t", 1, 1, 0));
    private final DeviceServer lu = DeviceServer.builder(
            LogicalUnitIdentity.of(PeripheralDeviceType.DIRECT_ACCESS, "TEST", "SN1", List.of())).build();

    private ScsiResponse send(int expectedIn, int... cdb) {
        byte[] b = new byte[cdb.length];
        for (int i = 0; i < cdb.length; i++) {
            b[i] = (byte) cdb[i];
        }
        return lu.execute(ScsiRequest.of(N, Lun.of(0), b, expectedIn));
    }

    @Test
    void allCommandsFormListsEveryDeclaredCommandInOrder() {
        send(0, 0, 0, 0, 0, 0, 0); // power-on unit attention
        ScsiResponse r = send(4096, 0xA3, 0x0C, 0x00, 0, 0, 0, 0, 0, 0x10, 0, 0, 0);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        byte[] d = r.dataInBytes();
        List<Command> commands = lu.commands().commands();
        int length = ((d[0] & 0xFF) << 24) | ((d[1] & 0xFF) << 16) | ((d[2] & 0xFF) << 8) | (d[3] & 0xFF);
        assertThat(length).isEqualTo(8 * commands.size());
        for (int i = 0; i < commands.size(); i++) {
            int o = 4 + 8 * i;
            var desc = commands.get(i).descriptor();
            assertThat(d[o] & 0xFF).isEqualTo(desc.operationCode());
            assertThat(((d[o + 2] & 0xFF) << 8) | (d[o + 3] & 0xFF)).isEqualTo(desc.serviceAction().orElse(0));
            assertThat(d[o + 5]).isEqualTo((byte) (desc.serviceAction().isPresent() ? 1 : 0));
            assertThat(((d[o + 6] & 0xFF) << 8) | (d[o + 7] & 0xFF)).isEqualTo(desc.cdbLength());
        }
        // the first entry is TEST UNIT READY (00h)
        assertThat(d[4]).isZero();
    }

    @Test
    void allCommandsFormWithRctdAppendsTimeoutsDescriptors() {
        send(0, 0, 0, 0, 0, 0, 0);
        byte[] d = send(8192, 0xA3, 0x0C, 0x80, 0, 0, 0, 0, 0, 0x20, 0, 0, 0).dataInBytes();
        int n = lu.commands().commands().size();
        assertThat(d).hasSize(4 + 20 * n);
        assertThat(d[4 + 5]).isEqualTo((byte) 0x02); // CTDP, TEST UNIT READY has no service action
        assertThat(new byte[] {d[12], d[13], d[14], d[15], d[16], d[17], d[18], d[19], d[20], d[21], d[22], d[23]})
                .containsExactly(0x00, 0x0A, 0, 0, 0, 0, 0, 1, 0, 0, 0, 30);
    }

    @Test
    void oneCommandFormReturnsUsageDataOfItsOwnDeclaration() {
        send(0, 0, 0, 0, 0, 0, 0);
        ScsiResponse r = send(64, 0xA3, 0x0C, 0x02, 0xA3, 0x00, 0x0C, 0, 0, 0, 64, 0, 0);
        assertThat(r.dataInBytes()).containsExactly(0x00, 0x03, 0x00, 0x0C,
                0xA3, 0x0C, 0x87, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00);
        ScsiResponse tur = send(64, 0xA3, 0x0C, 0x01, 0x00, 0, 0, 0, 0, 0, 64, 0, 0);
        assertThat(tur.dataInBytes()).containsExactly(0x00, 0x03, 0x00, 0x06, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void oneCommandFormForUnsupportedCommandReportsNotSupported() {
        send(0, 0, 0, 0, 0, 0, 0);
        ScsiResponse r = send(64, 0xA3, 0x0C, 0x01, 0xC7, 0, 0, 0, 0, 0, 64, 0, 0);
        assertThat(r.dataInBytes()).containsExactly(0x00, 0x01, 0x00, 0x00);
    }

    @Test
    void oneCommandFormMismatchedServiceActionUseIsInvalidField() {
        send(0, 0, 0, 0, 0, 0, 0);
        ScsiResponse withoutSa = send(64, 0xA3, 0x0C, 0x01, 0xA3, 0, 0, 0, 0, 0, 64, 0, 0);
        assertThat(withoutSa.sense().get().additionalSense()).isEqualTo(AdditionalSense.INVALID_FIELD_IN_CDB);
        assertThat(withoutSa.sense().get().senseKeySpecific()).contains(SenseKeySpecific.FieldPointer.cdb(3, 7));
        ScsiResponse withSa = send(64, 0xA3, 0x0C, 0x02, 0x00, 0, 0, 0, 0, 0, 64, 0, 0);
        assertThat(withSa.sense().get().senseKeySpecific()).contains(SenseKeySpecific.FieldPointer.cdb(3, 7));
        ScsiResponse badOption = send(64, 0xA3, 0x0C, 0x07, 0x00, 0, 0, 0, 0, 0, 64, 0, 0);
        assertThat(badOption.sense().get().senseKeySpecific()).contains(SenseKeySpecific.FieldPointer.cdb(2, 2));
    }

    @Test
    void supportedTaskManagementFunctionsBothFormats() {
        send(0, 0, 0, 0, 0, 0, 0);
        assertThat(send(64, 0xA3, 0x0D, 0x00, 0, 0, 0, 0, 0, 0, 64, 0, 0).dataInBytes())
                .containsExactly(0xDC, 0x07, 0x00, 0x00);
        assertThat(send(64, 0xA3, 0x0D, 0x80, 0, 0, 0, 0, 0, 0, 64, 0, 0).dataInBytes())
                .containsExactly(0xDC, 0x07, 0x00, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
