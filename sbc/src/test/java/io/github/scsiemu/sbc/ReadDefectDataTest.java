package io.github.scsiemu.sbc;

import static io.github.scsiemu.sbc.StartStopPreventTest.check;
import static io.github.scsiemu.sbc.StartStopPreventTest.good;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.sense.SenseData;
import org.junit.jupiter.api.Test;

class ReadDefectDataTest {

    private final Initiator a = Initiator.connect(Disk.builder(DiskConfig.builder(64, 512).build()).build()
            .logicalUnit());

    @Test
    void readDefectData10ReturnsAnEmptyListInTheRequestedFormat() {
        ScsiResponse r = a.send(new byte[] {0x37, 0, 0x18 | 0b101, 0, 0, 0, 0, 0, 32, 0}, 32);
        good(r);
        assertThat(r.dataInBytes()).containsExactly(0, 0x18 | 0b101, 0, 0);
        assertThat(r.dataInResidual()).isEqualTo(28);
        r = a.send(new byte[] {0x37, 0, 0, 0, 0, 0, 0, 0, 32, 0}, 32);
        assertThat(r.dataInBytes()).containsExactly(0, 0, 0, 0);
        check(a.send(new byte[] {0x37, 0, 0b110, 0, 0, 0, 0, 0, 32, 0}, 32), SenseData.invalidFieldInCdb(2, 2));
    }

    @Test
    void readDefectData12ReturnsTheEightByteHeader() {
        ScsiResponse r = a.send(new byte[] {(byte) 0xB7, 0x08 | 0b011, 0, 0, 0, 5, 0, 0, 0, 64, 0, 0}, 64);
        good(r);
        assertThat(r.dataInBytes()).containsExactly(0, 0x08 | 0b011, 0, 0, 0, 0, 0, 0);
        r = a.send(new byte[] {(byte) 0xB7, 0x10, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0}, 4);
        assertThat(r.dataInBytes()).containsExactly(0, 0x10, 0, 0);
        check(a.send(new byte[] {(byte) 0xB7, 0b111, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0}, 8),
                SenseData.invalidFieldInCdb(1, 2));
    }
}
