package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.nio.ByteBuffer;

/**
 * The execution shared by the READ and WRITE commands of every CDB size (SBC-4 5.16, 5.18, 5.40, 5.42): the
 * protection field check, the MAXIMUM TRANSFER LENGTH check, the LBA range check and the transfer itself.
 *
 * <p>Checks run in this order and the first failure ends the command: RDPROTECT/WRPROTECT not zero (this device
 * has no protection information: INVALID FIELD IN CDB at the field); TRANSFER LENGTH above the MAXIMUM TRANSFER
 * LENGTH (INVALID FIELD IN CDB at TRANSFER LENGTH, SBC-4 6.6.4); blocks outside the medium (LOGICAL BLOCK ADDRESS
 * OUT OF RANGE, without INFORMATION). A TRANSFER LENGTH of zero transfers nothing and is not an error.
 *
 * <p>Writes and the data-out buffer (the iSCSI residual rules of RFC 7143 11.4.5 and FCP-4): the command wants
 * TRANSFER LENGTH times the block length; the engine reports the difference from what was sent as the data-out
 * residual. If more was sent, the excess is ignored. If less was sent and it is a whole number of blocks, only those
 * blocks are written (the transfer is truncated, as libiscsi's residual tests require). If less was sent and it
 * ends inside a block, nothing is written and the command ends with ILLEGAL REQUEST, INVALID FIELD IN COMMAND
 * INFORMATION UNIT (0Eh/03h): a partial block is never written.
 */
final class BlockTransfer {

    private BlockTransfer() {
    }

    /** READ: returns TRANSFER LENGTH blocks from the LOGICAL BLOCK ADDRESS. */
    static CommandResult read(CommandContext context, Medium medium, CdbField rdprotect) {
        Cdb cdb = context.cdb();
        long lba = checked(cdb, medium, rdprotect);
        int length = (int) (cdb.transferLength() * medium.blockSize());
        if (length == 0) {
            return CommandResult.good();
        }
        ByteBuffer data = ByteBuffer.allocate(length);
        try (Medium.Lock lock = medium.lockShared(lba, cdb.transferLength())) {
            medium.read(lba, data);
        }
        data.flip();
        return CommandResult.data(data);
    }

    /** WRITE: stores TRANSFER LENGTH blocks (or fewer whole blocks, see the class description) at the LBA. */
    static CommandResult write(CommandContext context, Medium medium, CdbField wrprotect) {
        Cdb cdb = context.cdb();
        long wanted = cdb.transferLength() * medium.blockSize();
        context.dataOutNeeded(wanted);
        long lba = checked(cdb, medium, wrprotect);
        ByteBuffer data = context.dataOut();
        if (data.remaining() > wanted) {
            data.limit(data.position() + (int) wanted);
        } else if (data.remaining() % medium.blockSize() != 0) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST,
                    AdditionalSense.INVALID_FIELD_IN_COMMAND_INFORMATION_UNIT);
        }
        if (data.hasRemaining()) {
            boolean fua = cdb.descriptor().field("FUA").map(cdb::flag).orElse(false);
            try (Medium.Lock lock = medium.lockExclusive(lba, data.remaining() / medium.blockSize())) {
                medium.write(lba, data, fua);
            }
        }
        return CommandResult.good();
    }

    /** The checks every READ and WRITE makes before it transfers; returns the LOGICAL BLOCK ADDRESS. */
    private static long checked(Cdb cdb, Medium medium, CdbField protect) {
        if (cdb.get(protect) != 0) {
            throw CheckConditionException.invalidField(protect);
        }
        long blocks = cdb.transferLength();
        if (blocks > medium.config().maximumTransferLength()) {
            throw CheckConditionException.invalidField(cdb.descriptor().transferLengthField().orElseThrow());
        }
        long lba = cdb.logicalBlockAddress();
        medium.checkRange(lba, blocks);
        return lba;
    }
}
