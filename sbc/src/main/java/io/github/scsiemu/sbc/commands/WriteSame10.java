package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.spc.Command;

/**
 * WRITE SAME (10) (SBC-4 5.49): writes the one logical block of the data-out buffer to every block of a range, or,
 * with UNMAP set on a thin provisioned disk, deallocates (ANCHOR: anchors) the range; see {@link WriteSame} for the
 * checks and the processing.
 *
 * <p>Byte 1: WRPROTECT (bits 7-5) must be zero; ANCHOR (bit 4) and UNMAP (bit 3); bits 2 and 1 (PBDATA and LBDATA
 * of SBC-3) are obsolete in SBC-4 and treated as reserved, as is bit 0. Byte 6: GROUP NUMBER is bits 5-0.
 */
public final class WriteSame10 {

    /** WRPROTECT. */
    public static final CdbField WRPROTECT = CdbField.bits("WRPROTECT", 1, 7, 3);
    /** ANCHOR. */
    public static final CdbField ANCHOR = CdbField.bit("ANCHOR", 1, 4);
    /** UNMAP. */
    public static final CdbField UNMAP = CdbField.bit("UNMAP", 1, 3);
    /** LOGICAL BLOCK ADDRESS. */
    public static final CdbField LOGICAL_BLOCK_ADDRESS =
            CdbField.bytes("LOGICAL BLOCK ADDRESS", 2, 4).as(CdbField.Role.LOGICAL_BLOCK_ADDRESS);
    /** GROUP NUMBER. */
    public static final CdbField GROUP_NUMBER = CdbField.bits("GROUP NUMBER", 6, 5, 6);
    /** NUMBER OF LOGICAL BLOCKS. */
    public static final CdbField NUMBER_OF_LOGICAL_BLOCKS = CdbField.bytes("NUMBER OF LOGICAL BLOCKS", 7, 2);

    /** Operation code 41h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("WRITE SAME(10)", 0x41, 10)
            .fields(WRPROTECT, ANCHOR, UNMAP, LOGICAL_BLOCK_ADDRESS, GROUP_NUMBER, NUMBER_OF_LOGICAL_BLOCKS)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private WriteSame10() {
    }

    /** The command, writing to {@code disk}. */
    public static Command command(Disk disk) {
        WriteSame same = new WriteSame(disk, WRPROTECT, ANCHOR, UNMAP, null, NUMBER_OF_LOGICAL_BLOCKS);
        return new Command(DESCRIPTOR, same::execute);
    }
}
