package io.github.scsiemu.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LunTest {

    @Test
    void peripheralAndFlatAddressing() {
        assertThat(Lun.of(5).toBytes()).containsExactly(0, 5, 0, 0, 0, 0, 0, 0);
        assertThat(Lun.of(300).toBytes()).containsExactly(0x41, 0x2C, 0, 0, 0, 0, 0, 0);
        assertThat(Lun.of(300).addressMethod()).isEqualTo(Lun.AddressMethod.FLAT_SPACE);
        assertThat(Lun.of(300).number()).isEqualTo(300);
        assertThat(Lun.fromBytes(Lun.of(255).toBytes(), 0)).isEqualTo(Lun.of(255));
    }

    @Test
    void wellKnownReportLuns() {
        assertThat(Lun.REPORT_LUNS_WELL_KNOWN.toBytes()).containsExactly(0xC1, 0x01, 0, 0, 0, 0, 0, 0);
        assertThat(Lun.REPORT_LUNS_WELL_KNOWN.isWellKnown()).isTrue();
        assertThat(Lun.REPORT_LUNS_WELL_KNOWN.number()).isEqualTo(1);
        assertThat(Lun.of(1).isWellKnown()).isFalse();
    }

    @Test
    void multiLevelLunsHaveNoNumber() {
        assertThat(new Lun(0x0001_0002_0000_0000L).number()).isEqualTo(-1);
    }
}
