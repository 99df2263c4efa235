package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.nio.ByteBuffer;

/**
 * The execution shared by VERIFY (SBC-4 5.37-5.39) and WRITE AND VERIFY (SBC-4 5.43-5.45) of every CDB size, driven
 * by the BYTCHK field.
 *
 * <p>VERIFY: BYTCHK 00b verifies the medium (the blocks are read, so a medium error surfaces as MEDIUM ERROR) and
 * transfers no data-out; a read the medium recovered ends the command with CHECK CONDITION and the medium's
 * RECOVERED ERROR sense data (SPC-4 4.5.6), with every BYTCHK value, unless a miscompare is reported instead; 01b compares VERIFICATION LENGTH blocks of data-out with the medium; 10b is reserved
 * (INVALID FIELD IN CDB at BYTCHK); 11b compares one block of data-out with each of the VERIFICATION LENGTH blocks.
 * A miscompare reports the offset of the first differing byte from the start of the data-out buffer (for 11b,
 * an offset within the single block). Data-out buffers shorter than wanted follow the {@link BlockTransfer}
 * rules: whole blocks are compared as far as they go, a partial block is INVALID FIELD IN COMMAND INFORMATION UNIT.
 *
 * <p>WRITE AND VERIFY: the blocks are written durably (as with FUA: the verification reads the medium), then read
 * back under the same exclusive lock. BYTCHK 00b verifies the medium only; 01b also compares what was read back
 * with the data-out buffer; 10b and 11b are reserved (only 00b and 01b are defined for WRITE AND VERIFY).
 */
final class Verification {

    /** BYTCHK 00b: medium verification, no data-out. */
    static final int MEDIUM_ONLY = 0b00;
    /** BYTCHK 01b: byte-by-byte comparison with TRANSFER LENGTH blocks of data-out. */
    static final int COMPARE = 0b01;
    /** BYTCHK 11b (VERIFY only): one block of data-out compared with each block. */
    static final int COMPARE_ONE_BLOCK = 0b11;

    private Verification() {
    }

    /** VERIFY with the given protection and BYTCHK fields. */
    static CommandResult verify(CommandContext context, Medium medium, CdbField vrprotect, CdbField bytchkField) {
        Cdb cdb = context.cdb();
        long lba = cdb.logicalBlockAddress();
        long blocks = cdb.transferLength();
        int blockSize = medium.blockSize();
        int bytchk = cdb.getInt(bytchkField);
        long wanted = switch (bytchk) {
            case COMPARE -> blocks * blockSize;
            case COMPARE_ONE_BLOCK -> blocks == 0 ? 0 : blockSize;
            default -> 0;
        };
        context.dataOutNeeded(wanted);
        TransferFields fields = TransferFields.protectionOnly(vrprotect);
        fields.checkProtection(cdb);
        if (bytchk != MEDIUM_ONLY && bytchk != COMPARE && bytchk != COMPARE_ONE_BLOCK) {
            throw CheckConditionException.invalidField(bytchkField);
        }
        BlockTransfer.check(cdb, medium, fields, lba, blocks);
        if (blocks == 0) {
            return CommandResult.good();
        }
        ByteBuffer dataOut = bytchk == MEDIUM_ONLY ? ByteBuffer.allocate(0)
                : BlockTransfer.wholeBlocks(context.dataOut(), wanted, blockSize);
        BlockTransfer.BlocksRead read;
        try (Medium.Lock lock = medium.lockShared(lba, blocks)) {
            read = BlockTransfer.readMedium(medium, lba, blocks);
            ByteBuffer onMedium = read.data();
            if (bytchk == COMPARE) {
                Miscompare.check(dataOut, onMedium, 0);
            } else if (bytchk == COMPARE_ONE_BLOCK && dataOut.hasRemaining()) {
                for (long k = 0; k < blocks; k++) {
                    Miscompare.check(dataOut, onMedium.position((int) (k * blockSize)), 0);
                }
            }
        }
        return read.recoveredError().map(CommandResult::checkCondition).orElseGet(CommandResult::good);
    }

    /** WRITE AND VERIFY with the given protection and BYTCHK fields. */
    static CommandResult writeAndVerify(CommandContext context, Medium medium, CdbField wrprotect,
            CdbField bytchkField) {
        Cdb cdb = context.cdb();
        long lba = cdb.logicalBlockAddress();
        long blocks = cdb.transferLength();
        int blockSize = medium.blockSize();
        context.dataOutNeeded(blocks * blockSize);
        TransferFields fields = TransferFields.protectionOnly(wrprotect);
        fields.checkProtection(cdb);
        int bytchk = cdb.getInt(bytchkField);
        if (bytchk != MEDIUM_ONLY && bytchk != COMPARE) {
            throw CheckConditionException.invalidField(bytchkField);
        }
        ByteBuffer data = BlockTransfer.dataOut(context, medium, fields, lba, blocks);
        if (!data.hasRemaining()) {
            return CommandResult.good();
        }
        long written = data.remaining() / blockSize;
        try (Medium.Lock lock = medium.lockExclusive(lba, written)) {
            medium.write(lba, data.duplicate(), true);
            ByteBuffer onMedium = BlockTransfer.readBlocks(medium, lba, written);
            if (bytchk == COMPARE) {
                Miscompare.check(data, onMedium, 0);
            }
        }
        return CommandResult.good();
    }
}
