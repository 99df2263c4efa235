package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.BlockLimits;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * UNMAP (SBC-4 5.32): deallocates, or with ANCHOR set anchors, the ranges of the UNMAP block descriptors in the
 * parameter list. Only a thin provisioned disk (LBPU = 1) has this command; a fully provisioned one does not
 * declare it, so it reports INVALID COMMAND OPERATION CODE and REPORT SUPPORTED OPERATION CODES omits it.
 *
 * <p>Byte 1: ANCHOR is bit 0 (ANC_SUP is 1), the other bits are reserved; byte 6: GROUP NUMBER is bits 5-0; bytes
 * 7-8: PARAMETER LIST LENGTH.
 *
 * <p>The parameter list (SBC-4 5.32.2): UNMAP DATA LENGTH (bytes 0-1, informational and not checked), UNMAP BLOCK
 * DESCRIPTOR DATA LENGTH (bytes 2-3), four reserved bytes, then 16-byte descriptors: LBA (8 bytes), NUMBER OF
 * LOGICAL BLOCKS (4 bytes), 4 reserved bytes. The whole list is validated before anything is deallocated:
 * <ul>
 * <li>PARAMETER LIST LENGTH zero: nothing is transferred and the command succeeds.</li>
 * <li>A list shorter than its eight-byte header: PARAMETER LIST LENGTH ERROR.</li>
 * <li>A BLOCK DESCRIPTOR DATA LENGTH that is not a multiple of 16: the incomplete last descriptor is ignored.</li>
 * <li>More descriptors than MAXIMUM UNMAP BLOCK DESCRIPTOR COUNT: INVALID FIELD IN PARAMETER LIST pointing at
 * UNMAP BLOCK DESCRIPTOR DATA LENGTH.</li>
 * <li>Descriptors the list does not hold in full (the parameter list length truncates them): PARAMETER LIST
 * LENGTH ERROR (SPC-4 4.2.5.5).</li>
 * <li>The running total of NUMBER OF LOGICAL BLOCKS above MAXIMUM UNMAP LBA COUNT: INVALID FIELD IN PARAMETER
 * LIST pointing at the NUMBER OF LOGICAL BLOCKS of the descriptor that crosses it. FFFFFFFFh means no limit for
 * either maximum.</li>
 * <li>A range outside the medium: LOGICAL BLOCK ADDRESS OUT OF RANGE. A descriptor of zero blocks is valid at any
 * LBA up to the capacity and does nothing.</li>
 * </ul>
 * Descriptors are then processed in order, each under an exclusive lock on its range; overlapping descriptors are
 * allowed.
 */
public final class Unmap {

    /** ANCHOR. */
    public static final CdbField ANCHOR = CdbField.bit("ANCHOR", 1, 0);
    /** GROUP NUMBER. */
    public static final CdbField GROUP_NUMBER = CdbField.bits("GROUP NUMBER", 6, 5, 6);
    /** PARAMETER LIST LENGTH. */
    public static final CdbField PARAMETER_LIST_LENGTH =
            CdbField.bytes("PARAMETER LIST LENGTH", 7, 2).as(CdbField.Role.PARAMETER_LIST_LENGTH);

    /** Operation code 42h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("UNMAP", 0x42, 10)
            .fields(ANCHOR, GROUP_NUMBER, PARAMETER_LIST_LENGTH)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    /** The length of the parameter list header. */
    public static final int HEADER_LENGTH = 8;
    /** The length of one UNMAP block descriptor. */
    public static final int DESCRIPTOR_LENGTH = 16;

    /** A limit of FFFFFFFFh: none. */
    private static final long NO_LIMIT = 0xFFFF_FFFFL;

    /**
     * One UNMAP block descriptor.
     *
     * @param lba    the first logical block
     * @param blocks the NUMBER OF LOGICAL BLOCKS
     */
    public record BlockDescriptor(long lba, long blocks) {
    }

    private Unmap() {
    }

    /** The command, unmapping blocks of {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> execute(context, medium));
    }

    private static CommandResult execute(CommandContext context, Medium medium) {
        if (context.cdb().parameterListLength() == 0) {
            return CommandResult.good();
        }
        boolean anchor = context.cdb().flag(ANCHOR);
        List<BlockDescriptor> descriptors = parse(context.parameterList(), medium.config().limits());
        for (BlockDescriptor d : descriptors) {
            medium.checkRange(d.lba(), d.blocks());
        }
        for (BlockDescriptor d : descriptors) {
            if (d.blocks() == 0) {
                continue;
            }
            try (Medium.Lock lock = medium.lockExclusive(d.lba(), d.blocks())) {
                if (anchor) {
                    medium.anchor(d.lba(), d.blocks());
                } else {
                    medium.deallocate(d.lba(), d.blocks());
                }
            }
        }
        return CommandResult.good();
    }

    /**
     * Reads and checks an UNMAP parameter list against the limits (everything but the LBA ranges).
     *
     * @param list   the parameter list as transferred
     * @param limits the disk's Block Limits
     * @return the complete block descriptors, in order
     */
    public static List<BlockDescriptor> parse(byte[] list, BlockLimits limits) {
        if (list.length < HEADER_LENGTH) {
            throw parameterListLengthError();
        }
        ByteBuffer b = ByteBuffer.wrap(list);
        int count = (b.getShort(2) & 0xFFFF) / DESCRIPTOR_LENGTH;
        if (exceeds(count, limits.maximumUnmapBlockDescriptorCount())) {
            throw CheckConditionException.invalidParameter(2, 7);
        }
        if (HEADER_LENGTH + (long) count * DESCRIPTOR_LENGTH > list.length) {
            throw parameterListLengthError();
        }
        List<BlockDescriptor> descriptors = new ArrayList<>(count);
        long total = 0;
        for (int i = 0; i < count; i++) {
            int offset = HEADER_LENGTH + i * DESCRIPTOR_LENGTH;
            long blocks = b.getInt(offset + 8) & 0xFFFF_FFFFL;
            total += blocks;
            if (exceeds(total, limits.maximumUnmapLbaCount())) {
                throw CheckConditionException.invalidParameter(offset + 8, 7);
            }
            descriptors.add(new BlockDescriptor(b.getLong(offset), blocks));
        }
        return descriptors;
    }

    private static boolean exceeds(long value, long limit) {
        return limit != NO_LIMIT && value > limit;
    }

    private static CheckConditionException parameterListLengthError() {
        return CheckConditionException.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
    }
}
