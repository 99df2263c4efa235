package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.sense.SenseKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ReadCapacityTest {

    private static final HexFormat HEX = HexFormat.of();

    private static Initiator disk(DiskConfig config) {
        return Initiator.connect(BlockDevice.create(config));
    }

    private static byte[] rc10(DiskConfig config) {
        ScsiResponse r = disk(config).send(Initiator.readCapacity10(), 8);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInResidual()).isZero();
        return r.dataInBytes();
    }

    private static byte[] rc16(DiskConfig config) {
        ScsiResponse r = disk(config).send(Initiator.readCapacity16(32), 32);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInResidual()).isZero();
        return r.dataInBytes();
    }

    @Test
    void readCapacity10Reports512ByteBlocks() {
        assertThat(HEX.formatHex(rc10(DiskConfig.of(1000, 512, "DISK", "S1")))).isEqualTo("000003e700000200");
    }

    @Test
    void readCapacity10Reports4096ByteBlocks() {
        assertThat(HEX.formatHex(rc10(DiskConfig.of(0x12345, 4096, "DISK", "S1")))).isEqualTo("0001234400001000");
    }

    @Test
    void readCapacity10SaturatesWhenTheLastLbaNeedsMoreThan32Bits() {
        assertThat(HEX.formatHex(rc10(DiskConfig.of((1L << 32) + 1, 512, "DISK", "S1"))))
                .isEqualTo("ffffffff00000200");
        assertThat(HEX.formatHex(rc10(DiskConfig.of(1L << 32, 512, "DISK", "S1")))).isEqualTo("ffffffff00000200");
        assertThat(HEX.formatHex(rc10(DiskConfig.of(0xFFFF_FFFFL, 512, "DISK", "S1"))))
                .isEqualTo("fffffffe00000200");
    }

    @Test
    void readCapacity16Reports512ByteBlocks() {
        assertThat(HEX.formatHex(rc16(DiskConfig.of(1000, 512, "DISK", "S1"))))
                .isEqualTo("00000000000003e7" + "00000200" + "10" + "00" + "0000" + "00".repeat(16));
    }

    @Test
    void readCapacity16Reports4096ByteBlocksBeyond32Bits() {
        assertThat(HEX.formatHex(rc16(DiskConfig.of((1L << 40) + 7, 4096, "DISK", "S1"))))
                .isEqualTo("0000010000000006" + "00001000" + "10" + "00" + "0000" + "00".repeat(16));
    }

    @Test
    void readCapacity16ReportsThePhysicalBlockGeometry() {
        DiskConfig config = DiskConfig.of(4096, 512, "DISK", "S1").withLogicalBlocksPerPhysicalBlockExponent(3)
                .withLowestAlignedLogicalBlockAddress(7);
        assertThat(HEX.formatHex(rc16(config)))
                .isEqualTo("0000000000000fff" + "00000200" + "10" + "03" + "0007" + "00".repeat(16));
    }

    @Test
    void readCapacity16HonoursTheAllocationLength() {
        ScsiResponse r = disk(DiskConfig.of(1000, 512, "DISK", "S1")).send(Initiator.readCapacity16(12), 64);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(HEX.formatHex(r.dataInBytes())).isEqualTo("00000000000003e700000200");
        assertThat(r.dataInResidual()).isEqualTo(64 - 12);
    }

    @Test
    void readCapacity16WithZeroAllocationLengthTransfersNothing() {
        ScsiResponse r = disk(DiskConfig.of(1000, 512, "DISK", "S1")).send(Initiator.readCapacity16(0), 32);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInBytes()).isEmpty();
    }

    @Test
    void obsoleteLbaWithoutPmiIsAnInvalidField() {
        Initiator i = disk(DiskConfig.of(1000, 512, "DISK", "S1"));
        byte[] cdb = Initiator.readCapacity10();
        cdb[5] = 1;
        ScsiResponse r = i.send(cdb, 8);
        assertThat(r.sense()).contains(SenseData.invalidFieldInCdb(2, 7));
        byte[] cdb16 = Initiator.readCapacity16(32);
        cdb16[9] = 1;
        assertThat(i.send(cdb16, 32).sense()).contains(SenseData.invalidFieldInCdb(2, 7));
    }

    @Test
    void pmiWithAnLbaReturnsTheLastLba() {
        Initiator i = disk(DiskConfig.of(1000, 512, "DISK", "S1"));
        byte[] cdb = Initiator.readCapacity10();
        cdb[5] = 5;
        cdb[8] = 1;
        ScsiResponse r = i.send(cdb, 8);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(HEX.formatHex(r.dataInBytes())).isEqualTo("000003e700000200");
        byte[] cdb16 = Initiator.readCapacity16(32);
        cdb16[9] = 5;
        cdb16[14] = 1;
        assertThat(i.send(cdb16, 32).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void reservedBitsAreRejectedWithTheirFieldPointer() {
        Initiator i = disk(DiskConfig.of(1000, 512, "DISK", "S1"));
        byte[] rc10 = Initiator.readCapacity10();
        rc10[1] = 0x01;
        assertThat(i.send(rc10, 8).sense()).contains(SenseData.invalidFieldInCdb(1, 0));
        rc10 = Initiator.readCapacity10();
        rc10[8] = 0x02;
        assertThat(i.send(rc10, 8).sense()).contains(SenseData.invalidFieldInCdb(8, 1));
        byte[] rc16 = Initiator.readCapacity16(32);
        rc16[1] = 0x30;
        assertThat(i.send(rc16, 32).sense()).contains(SenseData.invalidFieldInCdb(1, 5));
        rc16 = Initiator.readCapacity16(32);
        rc16[14] = 0x02;
        ScsiResponse r = i.send(rc16, 32);
        assertThat(r.sense()).contains(SenseData.invalidFieldInCdb(14, 1));
        // fixed format: ILLEGAL REQUEST, 24h/00h, SKSV C/D BPV bit 1, field pointer 000Eh
        byte[] sense = r.sense().orElseThrow().encode(SenseFormat.FIXED);
        assertThat(sense[2] & 0x0F).isEqualTo(SenseKey.ILLEGAL_REQUEST.code());
        assertThat(HEX.formatHex(sense, 12, 18)).isEqualTo("240000c9000e");
    }

    @Test
    void anotherServiceActionOfServiceActionIn16IsNotReadCapacity() {
        Initiator i = disk(DiskConfig.of(1000, 512, "DISK", "S1"));
        byte[] cdb = Initiator.readCapacity16(32);
        cdb[1] = 0x1F;
        assertThat(i.send(cdb, 32).sense()).contains(SenseData.invalidFieldInCdb(1, 4));
    }

    @Test
    void readCapacity16ReportsLogicalBlockProvisioning() {
        DiskConfig thin = DiskConfig.builder(1000, 512).thin().lowestAlignedLogicalBlockAddress(0).build();
        assertThat(HEX.formatHex(rc16(thin), 12, 16)).isEqualTo("1000c000");
        DiskConfig thinNoZeros = DiskConfig.builder(4096, 512).thin().lbprz(false).physicalBlockExponent(3)
                .lowestAlignedLogicalBlockAddress(5).build();
        assertThat(HEX.formatHex(rc16(thinNoZeros), 12, 16)).isEqualTo("10038005");
        DiskConfig full = DiskConfig.builder(1000, 512).lbprz(true).build();
        assertThat(HEX.formatHex(rc16(full), 12, 16)).isEqualTo("10000000");
    }

    @Test
    void readCapacityReportsTheCapacityAfterAResize() {
        Disk disk = Disk.builder(DiskConfig.of(1000, 512, "DISK", "R1")).build();
        Initiator i = Initiator.connect(disk.logicalUnit());
        disk.resize(0x1_0000_0005L);
        ScsiResponse ua = i.send(Initiator.readCapacity10(), 8);
        assertThat(ua.sense()).contains(SenseData.unitAttention(AdditionalSense.CAPACITY_DATA_HAS_CHANGED));
        assertThat(HEX.formatHex(i.send(Initiator.readCapacity10(), 8).dataInBytes()))
                .isEqualTo("ffffffff00000200");
        assertThat(HEX.formatHex(i.send(Initiator.readCapacity16(32), 32).dataInBytes(), 0, 12))
                .isEqualTo("000000010000000400000200");
        disk.resize(10);
        i.send(Initiator.readCapacity10(), 8);
        assertThat(HEX.formatHex(i.send(Initiator.readCapacity10(), 8).dataInBytes()))
                .isEqualTo("0000000900000200");
        assertThat(i.send(Initiator.read10(10, 1), 512).sense()).contains(SenseData.of(SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE));
    }
}
