package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandResult;
import java.nio.ByteBuffer;

/**
 * READ CAPACITY (10) (SBC-4 5.20): the current last LBA, or FFFFFFFFh when it does not fit 32 bits (the
 * application client then uses READ CAPACITY (16)), and the logical block length.
 *
 * <p>The LOGICAL BLOCK ADDRESS field and the PMI bit are obsolete in SBC-4. They are accepted with their SBC-3
 * meaning so that older application clients keep working: with PMI set the returned address is the last LBA (this
 * device has no delay boundaries), and with PMI clear a non-zero LOGICAL BLOCK ADDRESS is an invalid field. Every
 * other bit of bytes 1-8 is reserved.
 */
public final class ReadCapacity10 {

    /** LOGICAL BLOCK ADDRESS (obsolete). */
    public static final CdbField LOGICAL_BLOCK_ADDRESS = CdbField.bytes("LOGICAL BLOCK ADDRESS", 2, 4);
    /** PMI (obsolete). */
    public static final CdbField PMI = CdbField.bit("PMI", 8, 0);

    /** Operation code 25h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("READ CAPACITY(10)", 0x25, 10)
            .fields(LOGICAL_BLOCK_ADDRESS, PMI)
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.ALWAYS)
            .build();

    /** The length of the parameter data. */
    public static final int PARAMETER_DATA_LENGTH = 8;

    private ReadCapacity10() {
    }

    /** The command, reporting on {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> {
            ObsoletePmi.check(context.cdb(), PMI, LOGICAL_BLOCK_ADDRESS);
            return CommandResult.data(parameterData(medium));
        });
    }

    /**
     * The READ CAPACITY (10) parameter data (SBC-4 5.20.2) for a medium, from its capacity now (it changes with a
     * capacity change, SBC-4 4.6).
     */
    public static byte[] parameterData(Medium medium) {
        ByteBuffer b = ByteBuffer.allocate(PARAMETER_DATA_LENGTH);
        b.putInt((int) Math.min(medium.lastLogicalBlockAddress(), 0xFFFF_FFFFL));
        b.putInt(medium.blockSize());
        return b.array();
    }
}
