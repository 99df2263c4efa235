package io.github.scsiemu.sbc.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.spc.Command;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the provisioning commands' declarations to their CDB USAGE DATA and gate properties. */
class ProvisioningDeclarationsTest {

    private static String usage(CommandDescriptor d) {
        return HexFormat.of().formatHex(d.usageData());
    }

    @Test
    void writeSameUsageData() {
        assertThat(usage(WriteSame10.DESCRIPTOR)).isEqualTo("41" + "f8" + "ffffffff" + "3f" + "ffff" + "00");
        assertThat(usage(WriteSame16.DESCRIPTOR))
                .isEqualTo("93" + "f9" + "ffffffffffffffff" + "ffffffff" + "3f" + "00");
        for (CommandDescriptor d : List.of(WriteSame10.DESCRIPTOR, WriteSame16.DESCRIPTOR, Unmap.DESCRIPTOR)) {
            assertThat(d.direction()).isEqualTo(DataDirection.OUT);
            assertThat(d.has(CommandFlag.WRITES_MEDIUM)).isTrue();
            assertThat(d.reservationClass()).isEqualTo(ReservationClass.WRITE);
        }
    }

    @Test
    void unmapAndGetLbaStatusUsageData() {
        assertThat(usage(Unmap.DESCRIPTOR)).isEqualTo("42" + "01" + "00000000" + "3f" + "ffff" + "00");
        assertThat(usage(GetLbaStatus.DESCRIPTOR))
                .isEqualTo("9e" + "12" + "ffffffffffffffff" + "ffffffff" + "00" + "00");
        assertThat(GetLbaStatus.DESCRIPTOR.direction()).isEqualTo(DataDirection.IN);
        assertThat(GetLbaStatus.DESCRIPTOR.reservationClass()).isEqualTo(ReservationClass.READ);
        assertThat(GetLbaStatus.DESCRIPTOR.has(CommandFlag.WRITES_MEDIUM)).isFalse();
    }

    @Test
    void onlyAThinDiskHasUnmapAndGetLbaStatus() {
        List<CommandDescriptor> thin = ProvisioningCommands.all(Disk.builder(DiskConfig.builder(8, 512).thin().build())
                .build()).stream().map(Command::descriptor).toList();
        List<CommandDescriptor> full = ProvisioningCommands.all(Disk.builder(DiskConfig.of(8, 512, "D", "S"))
                .build()).stream().map(Command::descriptor).toList();
        assertThat(thin).containsExactly(WriteSame10.DESCRIPTOR, WriteSame16.DESCRIPTOR, Unmap.DESCRIPTOR,
                GetLbaStatus.DESCRIPTOR);
        assertThat(full).containsExactly(WriteSame10.DESCRIPTOR, WriteSame16.DESCRIPTOR);
    }
}
