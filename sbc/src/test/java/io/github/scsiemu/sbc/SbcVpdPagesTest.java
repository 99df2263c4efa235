package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.SenseData;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The disk's VPD pages, byte for byte (SBC-4 6.6.2, 6.6.4, 6.6.6; SPC-4 7.8.7, 7.8.17). */
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
    private static final String LIMITS_TAIL = "000000000000ffff" + "00000800" + "00000001" + "00000001"
            + "00".repeat(8);

    @Test
    void supportedPagesListTheBlockDevicePages() {
        assertThat(vpd(THIN, 0x00))
                .isEqualTo("0000" + "0009" + "00" + "80" + "83" + "86" + "88" + "8f" + "b0" + "b1" + "b2");
        assertThat(vpd(FULL, 0x00))
                .isEqualTo("0000" + "0009" + "00" + "80" + "83" + "86" + "88" + "8f" + "b0" + "b1" + "b2");
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
        assertThat(vpd(FULL, 0xB1)).isEqualTo("00b1003c" + "0001" + "00" + "00" + "00".repeat(56));
    }

    @Test
    void blockDeviceCharacteristicsOfAThinDiskSayReadsAfterBlockAndCryptographicEraseSucceed() {
        // byte 7: WABEREQ 01b (bits 7-6), WACEREQ 01b (bits 5-4), NOMINAL FORM FACTOR 0h
        assertThat(vpd(THIN, 0xB1)).isEqualTo("00b1003c" + "0001" + "00" + "50" + "00".repeat(56));
    }

    @Test
    void blockLimitsReportNoAtomicBoundariesAndWriteAtomicRefusesOne() {
        // MAXIMUM ATOMIC TRANSFER LENGTH 2048 (bytes 44-47), then bytes 56-63: MAXIMUM ATOMIC TRANSFER LENGTH WITH
        // ATOMIC BOUNDARY and MAXIMUM ATOMIC BOUNDARY SIZE, both 0
        String page = vpd(THIN, 0xB0);
        assertThat(page.substring(2 * 44, 2 * 48)).isEqualTo("00000800");
        assertThat(page.substring(2 * 56, 2 * 64)).isEqualTo("0000000000000000");
        byte[] atomic = Initiator.cdb16(0x9C, 0, 0);
        atomic[12] = 0;
        atomic[13] = 1; // TRANSFER LENGTH 1
        atomic[11] = 1; // ATOMIC BOUNDARY 1
        ScsiResponse r = THIN.send(atomic, new byte[512]);
        assertThat(r.sense()).contains(SenseData.invalidFieldInCdb(10, 7));
        atomic[11] = 0;
        assertThat(THIN.send(atomic, new byte[512]).status()).isEqualTo(Status.GOOD);
    }

    /** The Third-party Copy page: five descriptors, 100 bytes (SPC-4 7.8.17). */
    private static final String THIRD_PARTY_COPY = "008f0064"
            // Supported Commands: list length 9; 83h: 00h; 84h: 00h 01h 03h 04h; 2 pad bytes
            + "0001" + "000c" + "09" + "830100" + "8404" + "00010304" + "0000"
            // Parameter Data: reserved, 16 CSCD and 64 segment descriptors, 2304-byte list, no inline data
            + "0004" + "001c" + "00000000" + "0010" + "0040" + "00000900" + "00000000" + "00".repeat(12)
            // Supported Descriptors: 02h (block to block), E4h (identification); 1 pad byte
            + "0008" + "0004" + "02" + "02e4" + "00"
            // Supported CSCD Descriptor IDs: none
            + "000c" + "0004" + "0000" + "0000"
            // General Copy Operations: 64 copies, 64 identified, 128 MiB segments, granularities 2^0
            + "8001" + "0020" + "00000040" + "00000040" + "08000000" + "00" + "00" + "00".repeat(18);

    @Test
    void thirdPartyCopyPageDescribesExtendedCopyLid1() {
        assertThat(vpd(THIN, 0x8F)).isEqualTo(THIRD_PARTY_COPY);
        assertThat(vpd(FULL, 0x8F)).isEqualTo(THIRD_PARTY_COPY);
    }

    @Test
    void thirdPartyCopyPageAgreesWithReceiveCopyOperatingParameters() {
        byte[] cdb = new byte[16];
        cdb[0] = (byte) 0x84;
        cdb[1] = 0x03;
        cdb[13] = (byte) 255;
        ScsiResponse r = THIN.send(cdb, 255);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        String params = HEX.formatHex(r.dataInBytes());
        String page = vpd(THIN, 0x8F);
        int parameterData = 2 * (4 + 16); // the Parameter Data descriptor starts at byte 20
        // MAXIMUM CSCD DESCRIPTOR COUNT, MAXIMUM SEGMENT DESCRIPTOR COUNT, MAXIMUM DESCRIPTOR LIST LENGTH
        assertThat(page.substring(parameterData + 16, parameterData + 32)).isEqualTo(params.substring(16, 32));
        int general = 2 * (4 + 16 + 32 + 8 + 8); // General Copy Operations starts at byte 68
        assertThat(Integer.parseInt(page.substring(general + 8, general + 16), 16)) // TOTAL CONCURRENT COPIES
                .isEqualTo(Integer.parseInt(params.substring(68, 72), 16));
        assertThat(page.substring(general + 24, general + 32)).isEqualTo(params.substring(32, 40)); // MAX SEGMENT
        // the Supported Descriptors list (byte 56 on) is the IMPLEMENTED DESCRIPTOR LIST (byte 43 on): 2, 02h, E4h
        assertThat(page.substring(2 * 56, 2 * 59)).isEqualTo(params.substring(2 * 43, 2 * 46));
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
