package io.github.scsiemu.api.cdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.DataDirection;
import org.junit.jupiter.api.Test;

class CommandDescriptorTest {

    private static final CdbField LBA = CdbField.bytes("LOGICAL BLOCK ADDRESS", 2, 8)
            .as(CdbField.Role.LOGICAL_BLOCK_ADDRESS);
    private static final CdbField ALLOCATION = CdbField.bytes("ALLOCATION LENGTH", 10, 4)
            .as(CdbField.Role.ALLOCATION_LENGTH);
    private static final CommandDescriptor READ_CAPACITY_16 = CommandDescriptor.builder("READ CAPACITY(16)", 0x9E, 16)
            .serviceAction(0x10, CdbField.bits("SERVICE ACTION", 1, 4, 5))
            .fields(LBA, ALLOCATION, CdbField.bit("PMI", 14, 0))
            .direction(DataDirection.IN)
            .build();

    @Test
    void usageDataCarriesOpcodeServiceActionAndFieldBits() {
        assertThat(READ_CAPACITY_16.usageData()).containsExactly(
                0x9E, 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00);
    }

    @Test
    void usageMaskIncludesServiceActionBits() {
        assertThat(READ_CAPACITY_16.usageMask()[1]).isEqualTo((byte) 0x1F);
    }

    @Test
    void validationReportsFirstReservedBitHighestFirst() {
        byte[] cdb = READ_CAPACITY_16.usageData();
        cdb[1] = (byte) (0x10 | 0x20);
        cdb[14] = 0x03;
        assertThat(READ_CAPACITY_16.validate(cdb)).contains(new CdbViolation(1, 5));
        cdb[1] = 0x10;
        assertThat(READ_CAPACITY_16.validate(cdb)).contains(new CdbViolation(14, 1));
        cdb[14] = 0x01;
        assertThat(READ_CAPACITY_16.validate(cdb)).isEmpty();
        cdb[15] = 0x04; // NACA
        assertThat(READ_CAPACITY_16.validate(cdb)).contains(new CdbViolation(15, 2));
    }

    @Test
    void roleFieldsAreFound() {
        byte[] cdb = new byte[16];
        cdb[0] = (byte) 0x9E;
        cdb[13] = 32;
        cdb[9] = 7;
        Cdb parsed = new Cdb(READ_CAPACITY_16, cdb);
        assertThat(parsed.allocationLength()).isEqualTo(32);
        assertThat(parsed.logicalBlockAddress()).isEqualTo(7);
        assertThatThrownBy(parsed::transferLength).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void overlappingFieldsAreRejected() {
        assertThatThrownBy(() -> CommandDescriptor.builder("X", 0x12, 6)
                .fields(CdbField.bytes("A", 2, 2), CdbField.bit("B", 3, 0)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps");
        assertThatThrownBy(() -> CommandDescriptor.builder("X", 0x12, 6)
                .fields(CdbField.bytes("A", 5, 1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONTROL");
    }
}
