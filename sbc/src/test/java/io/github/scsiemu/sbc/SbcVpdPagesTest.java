package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The disk's VPD pages, byte for byte (SBC-4 6.6.2, 6.6.4, 6.6.6; SPC-4 7.8.7). */
class SbcVpdPagesTest {

    private static final HexFormat HEX = HexFormat.of();

    private static final Initiator THIN = Initiator.connect(
            BlockDevice.create(DiskConfig.builder(1L << 21, 512).thin().build()));
    private static final Initiator FULL = Initiator.connect(BlockDevice.create(DiskConfig.of(1000, 512, "D", "S")));

    private static String vpd(Initiator i, int page) {
        ScsiResponse r = i.send(new byte[] {0x12, 1, (byte) page, 0x01, 0x00, 0}, 256);
        assertThat(r.status()).as("%s", r.sense()).isEqualTo(Status.GOOD);
        return HEX.formatHex(r.dataInBytes());
    }

    private static final String LIMITS_COMMON = "00" + "ff" + "0001" + "0000ffff" + "00000080" + "00000000";
    private static final String LIMITS_TAIL = "0000000000100000" + "00000800" + "00000001" + "00000001"
            + "00".repeat(8);

    @Test
    void supportedPagesListTheBlockDevicePages() {
        assertThat(vpd(THIN, 0x00)).isEqualTo("0000" + "0008" + "00" + "80" + "83" + "86" + "88" + "b0" + "b1" + "b2");
        assertThat(vpd(FULL, 0x00)).isEqualTo("0000" + "0008" + "00" + "80" + "83" + "86" + "88" + "b0" + "b1" + "b2");
    }

    @Test
    void blockLimitsOfAThinDiskReportTheUnmapLimits() {
        assertThat(vpd(THIN, 0xB0)).isEqualTo("00b0003c" + LIMITS_COMMON
                + "00100000" + "00000100" + "00000001" + "00000000" + LIMITS_TAIL);
    }

    @Test
    void blockLimitsOfAFullDiskReportNoUnmap() {
        assertThat(vpd(FULL, 0xB0)).isEqualTo("00b0003c" + LIMITS_COMMON + "00".repeat(16) + LIMITS_TAIL);
    }

    @Test
    void blockLimitsSetUgavalidWithANonZeroAlignment() {
        BlockLimits d = BlockLimits.DEFAULT;
        BlockLimits aligned = new BlockLimits(d.maximumTransferLength(), d.optimalTransferLength(),
                d.optimalTransferLengthGranularity(), 0, d.maximumUnmapLbaCount(),
                d.maximumUnmapBlockDescriptorCount(), 8, 3, d.maximumWriteSameLength(), 0, 0, 0);
        Initiator i = Initiator.connect(BlockDevice.create(DiskConfig.builder(64, 512).thin().limits(aligned).build()));
        assertThat(vpd(i, 0xB0).substring(2 * 20, 2 * 36)).isEqualTo("00100000" + "00000100" + "00000008" + "80000003");
        assertThat(vpd(i, 0xB0).substring(2 * 5, 2 * 6)).isEqualTo("00"); // MAXIMUM COMPARE AND WRITE LENGTH
    }

    @Test
    void blockDeviceCharacteristicsSayNonRotating() {
        assertThat(vpd(THIN, 0xB1)).isEqualTo("00b1003c" + "0001" + "00" + "00" + "00".repeat(56));
    }

    @Test
    void logicalBlockProvisioningOfAThinDisk() {
        assertThat(vpd(THIN, 0xB2)).isEqualTo("00b20004" + "00" + "e6" + "02" + "00");
        Initiator noLbprz = Initiator.connect(
                BlockDevice.create(DiskConfig.builder(64, 512).thin().lbprz(false).build()));
        assertThat(vpd(noLbprz, 0xB2)).isEqualTo("00b20004" + "00" + "e2" + "02" + "00");
    }

    @Test
    void logicalBlockProvisioningOfAFullDiskSaysFullyProvisioned() {
        assertThat(vpd(FULL, 0xB2)).isEqualTo("00b20004" + "00000000");
    }

    @Test
    void extendedInquiryDataReportsAVolatileCache() {
        assertThat(vpd(THIN, 0x86).substring(0, 16)).isEqualTo("0086003c" + "00" + "07" + "01" + "01");
    }
}
