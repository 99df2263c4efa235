package io.github.scsiemu.sbc.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Pins each declaration to the CDB USAGE DATA it produces (what REPORT SUPPORTED OPERATION CODES returns). */
class DeclarationsTest {

    private static String usage(CommandDescriptor d) {
        return HexFormat.of().formatHex(d.usageData());
    }

    @Test
    void readCapacityUsageData() {
        assertThat(usage(ReadCapacity10.DESCRIPTOR)).isEqualTo("25" + "00" + "ffffffff" + "0000" + "01" + "00");
        assertThat(usage(ReadCapacity16.DESCRIPTOR))
                .isEqualTo("9e" + "10" + "ffffffffffffffff" + "ffffffff" + "01" + "00");
        assertThat(ReadCapacity16.DESCRIPTOR.serviceAction()).hasValue(0x10);
    }

    @Test
    void readUsageData() {
        assertThat(usage(Read10.DESCRIPTOR)).isEqualTo("28" + "fe" + "ffffffff" + "3f" + "ffff" + "00");
        assertThat(usage(Read16.DESCRIPTOR))
                .isEqualTo("88" + "fe" + "ffffffffffffffff" + "ffffffff" + "3f" + "00");
        assertThat(Read10.DESCRIPTOR.direction()).isEqualTo(DataDirection.IN);
        assertThat(Read16.DESCRIPTOR.direction()).isEqualTo(DataDirection.IN);
    }

    @Test
    void writeUsageData() {
        assertThat(usage(Write10.DESCRIPTOR)).isEqualTo("2a" + "fa" + "ffffffff" + "3f" + "ffff" + "00");
        assertThat(usage(Write16.DESCRIPTOR))
                .isEqualTo("8a" + "fa" + "ffffffffffffffff" + "ffffffff" + "3f" + "00");
        assertThat(Write10.DESCRIPTOR.direction()).isEqualTo(DataDirection.OUT);
        assertThat(Write16.DESCRIPTOR.has(CommandFlag.WRITES_MEDIUM)).isTrue();
    }
}
