package io.github.scsiemu.conformance.scsi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing of mode parameter data (SPC-4 7.5). */
class ModeParametersTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void parsesPage0AndSubpageFormatsAfterTheTenByteHeader() {
        byte[] data = bytes(0x00, 0x16, 0x00, 0x10, 0, 0, 0x00, 0x00,
                0x8A, 0x0A, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0x4A, 0x01, 0x00, 0x00);
        ModeParameters parsed = ModeParameters.parse(data, true).parameters().orElseThrow();
        assertThat(parsed.deviceSpecific()).isEqualTo(0x10);
        assertThat(parsed.pages()).extracting(ModeParameters.Page::name).containsExactly("0Ah", "0Ah/01h");
        assertThat(parsed.pages().get(0).forSelect()[0]).isEqualTo((byte) 0x0A);
        byte[] list = parsed.selectList(parsed.pages().get(0).bytes(), 0);
        assertThat(list).hasSize(8 + 12);
        assertThat(list[8]).isEqualTo((byte) 0x0A);
        assertThat(list[3]).isZero();
    }

    @Test
    void reportsAModeDataLengthThatDisagreesWithTheData() {
        assertThat(ModeParameters.parse(bytes(0x09, 0, 0, 0, 0x0A, 0x02, 0, 0), false).problem())
                .contains("MODE DATA LENGTH 9 implies 10 bytes, but 8 were returned");
        assertThat(ModeParameters.parse(bytes(0x05, 0, 0, 0, 0x0A, 0x04), false).problem())
                .contains("runs past MODE DATA LENGTH");
        assertThat(ModeParameters.parse(bytes(0x03, 0, 0, 0), false).parameters().orElseThrow().pages()).isEmpty();
    }
}
