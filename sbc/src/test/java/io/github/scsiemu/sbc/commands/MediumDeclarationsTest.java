package io.github.scsiemu.sbc.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Pins the medium commands' declarations to the CDB USAGE DATA they produce. */
class MediumDeclarationsTest {

    private static String usage(CommandDescriptor d) {
        return HexFormat.of().formatHex(d.usageData());
    }

    @Test
    void usageData() {
        assertThat(usage(StartStopUnit.DESCRIPTOR)).isEqualTo("1b" + "01" + "00" + "0f" + "f7" + "00");
        assertThat(usage(PreventAllowMediumRemoval.DESCRIPTOR)).isEqualTo("1e" + "000000" + "03" + "00");
        assertThat(usage(FormatUnit.DESCRIPTOR)).isEqualTo("04" + "ff" + "ff" + "ff" + "03" + "00");
        assertThat(usage(Sanitize.OVERWRITE)).isEqualTo("48" + "a1" + "0000000000" + "ffff" + "00");
        assertThat(usage(Sanitize.EXIT_FAILURE_MODE)).isEqualTo("48" + "bf" + "0000000000" + "ffff" + "00");
        assertThat(usage(ReadDefectData10.DESCRIPTOR)).isEqualTo("37" + "00" + "1f" + "00000000" + "ffff" + "00");
        assertThat(usage(ReadDefectData12.DESCRIPTOR)).isEqualTo("b7" + "1f" + "ffffffff" + "ffffffff" + "00" + "00");
    }

    @Test
    void flags() {
        assertThat(FormatUnit.DESCRIPTOR.has(CommandFlag.WRITES_MEDIUM)).isTrue();
        assertThat(Sanitize.BLOCK_ERASE.has(CommandFlag.WRITES_MEDIUM)).isTrue();
        assertThat(Sanitize.EXIT_FAILURE_MODE.has(CommandFlag.WRITES_MEDIUM)).isFalse();
        assertThat(StartStopUnit.DESCRIPTOR.has(CommandFlag.ALLOWED_WHEN_NOT_READY)).isTrue();
        assertThat(PreventAllowMediumRemoval.DESCRIPTOR.has(CommandFlag.ALLOWED_WHEN_NOT_READY)).isTrue();
        assertThat(ReadDefectData10.DESCRIPTOR.has(CommandFlag.ALLOWED_WHEN_NOT_READY)).isFalse();
    }
}
