package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The execution shared by the commands that transfer logical blocks to or from the medium (READ and WRITE of
 * every CDB size, SBC-4 5.15-5.18 and 5.39-5.42, and the checks and data-out handling of VERIFY, WRITE AND VERIFY,
 * ORWRITE and WRITE ATOMIC): the protection field check, the MAXIMUM TRANSFER LENGTH check, the LBA range check,
 * the data-out buffer rules and the transfer itself.
 *
 * <p>Checks run in this order and the first failure ends the command: the protection field not zero (this device
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
 *
 * <p>A read takes a shared range lock, anything that changes blocks an exclusive one, so a concurrent command sees
 * every block before or after a transfer, never torn.
 *
 * <p>A READ whose blocks the medium read only after recovery (a RECOVERED ERROR reported by {@link Medium#read})
 * transfers all its data and then ends with CHECK CONDITION and that sense data (SPC-4 4.5.6, SAM-5 5.3.2); the
 * engine truncates the data to the data-in buffer as for GOOD.
 */
final class BlockTransfer {

    private BlockTransfer() {
    }

    /** READ: returns TRANSFER LENGTH blocks from the LOGICAL BLOCK ADDRESS. */
    static CommandResult read(CommandContext context, Medium medium, TransferFields fields) {
        Cdb cdb = context.cdb();
        return read(context, medium, fields, cdb.logicalBlockAddress(), cdb.transferLength());
    }

    /** READ of {@code blocks} blocks from {@code lba}, for CDBs whose fields need decoding (READ (6)). */
    static CommandResult read(CommandContext context, Medium medium, TransferFields fields, long lba, long blocks) {
        check(context.cdb(), medium, fields, lba, blocks);
        if (blocks == 0) {
            return CommandResult.good();
        }
        BlocksRead read;
        try (Medium.Lock lock = medium.lockShared(lba, blocks)) {
            read = readMedium(medium, lba, blocks);
        }
        return read.recoveredError()
                .map(sense -> CommandResult.checkConditionWithData(sense, read.data()))
                .orElseGet(() -> CommandResult.data(read.data()));
    }

    /** WRITE: stores TRANSFER LENGTH blocks (or fewer whole blocks, see the class description) at the LBA. */
    static CommandResult write(CommandContext context, Medium medium, TransferFields fields) {
        Cdb cdb = context.cdb();
        return write(context, medium, fields, cdb.logicalBlockAddress(), cdb.transferLength());
    }

    /** WRITE of {@code blocks} blocks at {@code lba}, for CDBs whose fields need decoding (WRITE (6)). */
    static CommandResult write(CommandContext context, Medium medium, TransferFields fields, long lba, long blocks) {
        ByteBuffer data = dataOut(context, medium, fields, lba, blocks);
        if (data.hasRemaining()) {
            boolean fua = fields.isForceUnitAccess(context.cdb());
            try (Medium.Lock lock = medium.lockExclusive(lba, data.remaining() / medium.blockSize())) {
                medium.write(lba, data, fua);
            }
        }
        return CommandResult.good();
    }

    /**
     * Declares that the command wants {@code blocks} blocks of data-out, makes the checks, and returns the whole
     * blocks to store (all of them, or fewer if fewer were sent; see the class description).
     */
    static ByteBuffer dataOut(CommandContext context, Medium medium, TransferFields fields, long lba, long blocks) {
        long wanted = blocks * medium.blockSize();
        context.dataOutNeeded(wanted);
        check(context.cdb(), medium, fields, lba, blocks);
        return wholeBlocks(context.dataOut(), wanted, medium.blockSize());
    }

    /**
     * The first {@code wanted} bytes of {@code data}, or all of it if it is shorter and a whole number of blocks.
     *
     * @throws CheckConditionException INVALID FIELD IN COMMAND INFORMATION UNIT if it is shorter and ends inside a
     *                                 block
     */
    static ByteBuffer wholeBlocks(ByteBuffer data, long wanted, int blockSize) {
        if (data.remaining() > wanted) {
            data.limit(data.position() + (int) wanted);
        } else if (data.remaining() % blockSize != 0) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST,
                    AdditionalSense.INVALID_FIELD_IN_COMMAND_INFORMATION_UNIT);
        }
        return data;
    }

    /**
     * The checks every transfer makes before it starts: protection field, MAXIMUM TRANSFER LENGTH (reported at the
     * CDB's TRANSFER LENGTH field), LBA range.
     */
    static void check(Cdb cdb, Medium medium, TransferFields fields, long lba, long blocks) {
        fields.checkProtection(cdb);
        if (blocks > medium.config().maximumTransferLength()) {
            throw CheckConditionException.invalidField(cdb.descriptor().transferLengthField().orElseThrow());
        }
        medium.checkRange(lba, blocks);
    }

    /**
     * Logical blocks read from the medium and the recovered error the medium reported for them.
     *
     * @param data           the blocks, ready to get
     * @param recoveredError the RECOVERED ERROR sense data to report, or empty for a clean read
     */
    record BlocksRead(ByteBuffer data, Optional<SenseData> recoveredError) {
    }

    /** Reads {@code blocks} blocks from a checked range the caller has locked, with any recovered error. */
    static BlocksRead readMedium(Medium medium, long lba, long blocks) {
        ByteBuffer data = ByteBuffer.allocate((int) (blocks * medium.blockSize()));
        Optional<SenseData> recovered = medium.read(lba, data);
        data.flip();
        return new BlocksRead(data, recovered);
    }

    /**
     * Reads {@code blocks} blocks from a checked range the caller has locked; returns them ready to get. For
     * commands that do not report recovered errors: a recovery the medium reports is not an error for them.
     */
    static ByteBuffer readBlocks(Medium medium, long lba, long blocks) {
        return readMedium(medium, lba, blocks).data();
    }
}
