package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.sbc.Provisioning;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandResult;
import java.nio.ByteBuffer;

/**
 * READ CAPACITY (16) (SBC-4 5.21), service action 10h of SERVICE ACTION IN (16): the current last LBA, the logical
 * block length, protection (none: P_TYPE and PROT_EN zero), the physical block geometry, logical block
 * provisioning (LBPME set on a thin-provisioned disk; LBPRZ set on it when the configuration promises that
 * unmapped blocks read as zeros) and the LOWEST ALIGNED LOGICAL BLOCK ADDRESS. RC BASIS is 01b: the returned
 * address is that of the last logical block of the logical unit.
 *
 * <p>As for {@link ReadCapacity10}, the obsolete LOGICAL BLOCK ADDRESS field and PMI bit keep their SBC-3
 * meaning; the rest of bytes 1-14 outside SERVICE ACTION and ALLOCATION LENGTH is reserved.
 */
public final class ReadCapacity16 {

    /** SERVICE ACTION (10h). */
    public static final CdbField SERVICE_ACTION = CdbField.bits("SERVICE ACTION", 1, 4, 5);
    /** LOGICAL BLOCK ADDRESS (obsolete). */
    public static final CdbField LOGICAL_BLOCK_ADDRESS = CdbField.bytes("LOGICAL BLOCK ADDRESS", 2, 8);
    /** ALLOCATION LENGTH. */
    public static final CdbField ALLOCATION_LENGTH =
            CdbField.bytes("ALLOCATION LENGTH", 10, 4).as(CdbField.Role.ALLOCATION_LENGTH);
    /** PMI (obsolete). */
    public static final CdbField PMI = CdbField.bit("PMI", 14, 0);

    /** Operation code 9Eh, service action 10h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("READ CAPACITY(16)", 0x9E, 16)
            .serviceAction(0x10, SERVICE_ACTION)
            .fields(LOGICAL_BLOCK_ADDRESS, ALLOCATION_LENGTH, PMI)
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.ALWAYS)
            .build();

    /** The length of the parameter data. */
    public static final int PARAMETER_DATA_LENGTH = 32;

    /** RC BASIS 01b: the RETURNED LOGICAL BLOCK ADDRESS is the last LBA of the logical unit. */
    private static final int RC_BASIS_LAST_LBA = 0b01 << 4;

    /** LBPME in bytes 14-15: logical block provisioning management is enabled (thin provisioning). */
    private static final int LBPME = 0x8000;
    /** LBPRZ in bytes 14-15: unmapped logical blocks read as zeros. */
    private static final int LBPRZ = 0x4000;

    private ReadCapacity16() {
    }

    /** The command, reporting on {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> {
            ObsoletePmi.check(context.cdb(), PMI, LOGICAL_BLOCK_ADDRESS);
            return CommandResult.data(parameterData(medium));
        });
    }

    /**
     * The READ CAPACITY (16) parameter data (SBC-4 5.21.2) for a medium, from its capacity now (it changes with a
     * capacity change, SBC-4 4.6).
     */
    public static byte[] parameterData(Medium medium) {
        DiskConfig config = medium.config();
        boolean thin = config.provisioning() == Provisioning.THIN;
        int provisioning = (thin ? LBPME : 0) | (thin && config.lbprz() ? LBPRZ : 0);
        ByteBuffer b = ByteBuffer.allocate(PARAMETER_DATA_LENGTH);
        b.putLong(medium.lastLogicalBlockAddress());
        b.putInt(medium.blockSize());
        b.put((byte) RC_BASIS_LAST_LBA); // P_TYPE 000b, PROT_EN 0
        b.put((byte) config.logicalBlocksPerPhysicalBlockExponent()); // P_I_EXPONENT 0
        b.putShort((short) (provisioning | config.lowestAlignedLogicalBlockAddress()));
        return b.array();
    }
}
