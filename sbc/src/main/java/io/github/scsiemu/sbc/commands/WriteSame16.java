package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.spc.Command;

/**
 * WRITE SAME (16) (SBC-4 5.50): as {@link WriteSame10} with a 64-bit LOGICAL BLOCK ADDRESS, a 32-bit NUMBER OF
 * LOGICAL BLOCKS and the NDOB bit (byte 1 bit 0): no data-out buffer, the blocks are written with zeros (or, with
 * UNMAP, deallocated).
 *
 * <p>Byte 1 bits 2-1 are obsolete and treated as reserved. Byte 14 holds GROUP NUMBER (bits 5-0); bits 7-6 (DLD1
 * and DLD0) are treated as reserved since command duration limits are not supported.
 */
public final class WriteSame16 {

    /** NDOB (no data-out buffer). */
    public static final CdbField NDOB = CdbField.bit("NDOB", 1, 0);
    /** LOGICAL BLOCK ADDRESS. */
    public static final CdbField LOGICAL_BLOCK_ADDRESS =
            CdbField.bytes("LOGICAL BLOCK ADDRESS", 2, 8).as(CdbField.Role.LOGICAL_BLOCK_ADDRESS);
    /** NUMBER OF LOGICAL BLOCKS. */
    public static final CdbField NUMBER_OF_LOGICAL_BLOCKS = CdbField.bytes("NUMBER OF LOGICAL BLOCKS", 10, 4);
    /** GROUP NUMBER. */
    public static final CdbField GROUP_NUMBER = CdbField.bits("GROUP NUMBER", 14, 5, 6);

    /** Operation code 93h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("WRITE SAME(16)", 0x93, 16)
            .fields(WriteSame10.WRPROTECT, WriteSame10.ANCHOR, WriteSame10.UNMAP, NDOB, LOGICAL_BLOCK_ADDRESS,
                    NUMBER_OF_LOGICAL_BLOCKS, GROUP_NUMBER)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private WriteSame16() {
    }

    /** The command, writing to {@code disk}. */
    public static Command command(Disk disk) {
        WriteSame same = new WriteSame(disk, WriteSame10.WRPROTECT, WriteSame10.ANCHOR, WriteSame10.UNMAP, NDOB,
                NUMBER_OF_LOGICAL_BLOCKS);
        return new Command(DESCRIPTOR, same::execute);
    }
}
