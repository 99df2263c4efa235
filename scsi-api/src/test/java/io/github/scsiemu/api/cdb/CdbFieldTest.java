package io.github.scsiemu.api.cdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.proptest.Property;
import org.junit.jupiter.api.Test;

class CdbFieldTest {

    @Test
    void readsBigEndianMultiByteField() {
        byte[] cdb = {0x28, 0, 0x12, 0x34, 0x56, 0x78, 0, 0, 8, 0};
        CdbField lba = CdbField.bytes("LOGICAL BLOCK ADDRESS", 2, 4);
        assertThat(lba.read(cdb)).isEqualTo(0x12345678L);
        assertThat(lba.lastByte()).isEqualTo(5);
    }

    @Test
    void readsSubByteFieldsAndFieldsCrossingBytes() {
        byte[] cdb = {(byte) 0x9E, (byte) 0xF0, (byte) 0xA5, 0, 0, 0};
        assertThat(CdbField.bits("SERVICE ACTION", 1, 4, 5).read(cdb)).isEqualTo(0x10);
        assertThat(CdbField.bits("TOP", 1, 7, 3).read(cdb)).isEqualTo(0b111);
        // 4 bits from byte 1 bit 3 to byte 2 bit 4... a 6-bit field starting at byte 1 bit 1: bits 1,0 of 0xF0 = 00,
        // then the top four bits of 0xA5 = 1010
        assertThat(CdbField.bits("CROSS", 1, 1, 6).read(cdb)).isEqualTo(0b001010);
        assertThat(CdbField.bits("CROSS", 1, 1, 6).lastByte()).isEqualTo(2);
    }

    @Test
    void masksCoverExactlyTheFieldBits() {
        CdbField f = CdbField.bits("CROSS", 1, 1, 6);
        assertThat(f.maskOf(0)).isZero();
        assertThat(f.maskOf(1)).isEqualTo(0b0000_0011);
        assertThat(f.maskOf(2)).isEqualTo(0b1111_0000);
        assertThat(f.maskOf(3)).isZero();
    }

    @Test
    void sixtyFourBitFieldsRoundTrip() {
        byte[] cdb = new byte[16];
        CdbField lba = CdbField.bytes("LOGICAL BLOCK ADDRESS", 2, 8);
        lba.write(cdb, 0xFFFF_FFFF_FFFF_FFFEL);
        assertThat(lba.read(cdb)).isEqualTo(0xFFFF_FFFF_FFFF_FFFEL);
        assertThat(cdb[1]).isZero();
        assertThat(cdb[10]).isZero();
    }

    @Test
    void writeThenReadIsIdentityAndLeavesOtherBitsAlone() {
        Property.forAll("writeThenReadIsIdentityAndLeavesOtherBitsAlone",
                        Gens.integers(1, 14).flatMap(start -> Gens.integers(0, 7).flatMap(msb ->
                                Gens.integers(1, Math.min(32, (15 - start) * 8 + msb + 1 - 8))
                                        .flatMap(len -> Gens.pairs(Gens.longs(0, Long.MAX_VALUE),
                                                Gens.byteArrays(16, 16)).map(p -> new Object[] {
                                                    CdbField.bits("F", start, msb, len), p.first(), p.second()})))))
                .tries(500)
                .check(args -> {
                    CdbField f = (CdbField) args[0];
                    long value = (Long) args[1] & ((1L << f.bitLength()) - 1);
                    byte[] before = ((byte[]) args[2]).clone();
                    byte[] cdb = before.clone();
                    f.write(cdb, value);
                    assertThat(f.read(cdb)).isEqualTo(value);
                    for (int i = 0; i < cdb.length; i++) {
                        assertThat(cdb[i] & ~f.maskOf(i) & 0xFF).as("byte %d outside the field", i)
                                .isEqualTo(before[i] & ~f.maskOf(i) & 0xFF);
                    }
                });
    }
}
