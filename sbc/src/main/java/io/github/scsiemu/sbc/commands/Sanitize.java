package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.MediumOperation;
import io.github.scsiemu.sbc.Provisioning;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.util.Arrays;
import java.util.List;

/**
 * SANITIZE (SBC-4 5.30, 4.11): makes every logical block's previous contents unrecoverable. One declaration per
 * service action, so REPORT SUPPORTED OPERATION CODES lists each:
 * <ul>
 * <li>01h OVERWRITE: writes the initialization pattern of the parameter list (SBC-4 5.30.3), repeated to fill each
 * block, to every block. The PARAMETER LIST LENGTH must be 5 to the block length plus 4 (otherwise INVALID FIELD
 * IN CDB); in the list, the TEST field and byte 1 must be zero, the OVERWRITE COUNT 1-31 and the INITIALIZATION
 * PATTERN LENGTH 1 to the block length and equal to the PARAMETER LIST LENGTH minus 4 (otherwise INVALID FIELD IN
 * PARAMETER LIST). Only the result of the last pass is written: the pattern, or its inverse when INVERT is set and
 * the count is even; passes before it would leave no trace on an emulated medium. This writes the whole capacity:
 * costly for a large disk, whose store then allocates it all.</li>
 * <li>02h BLOCK ERASE and 03h CRYPTOGRAPHIC ERASE: deallocate every block (they then read as zeros and GET LBA
 * STATUS reports them deallocated). Offered only by thin-provisioned disks (libiscsi requires LBPME for them).</li>
 * <li>1Fh EXIT FAILURE MODE: leaves the sanitize failure mode if the failed sanitize had AUSE set, else INVALID
 * FIELD IN CDB at the SERVICE ACTION; outside the failure mode it does nothing.</li>
 * </ul>
 * For all but OVERWRITE the PARAMETER LIST LENGTH must be zero. With IMMED the command returns once checked and the
 * sanitize runs in the background; meanwhile commands end with NOT READY, SANITIZE IN PROGRESS and a progress
 * indication. A sanitize that fails (an injected write fault) ends with MEDIUM ERROR, SANITIZE COMMAND FAILED
 * (without IMMED) and leaves the disk in the sanitize failure mode, where medium access ends the same way until a
 * sanitize succeeds; SANITIZE itself is accepted in that mode.
 */
public final class Sanitize {

    /** IMMED. */
    public static final CdbField IMMED = CdbField.bit("IMMED", 1, 7);
    /** AUSE (allow unrestricted sanitize exit). */
    public static final CdbField AUSE = CdbField.bit("AUSE", 1, 5);
    /** SERVICE ACTION. */
    public static final CdbField SERVICE_ACTION = CdbField.bits("SERVICE ACTION", 1, 4, 5);
    /** PARAMETER LIST LENGTH. */
    public static final CdbField PARAMETER_LIST_LENGTH =
            CdbField.bytes("PARAMETER LIST LENGTH", 7, 2).as(CdbField.Role.PARAMETER_LIST_LENGTH);

    /** Service action 01h. */
    public static final CommandDescriptor OVERWRITE = declaration(0x01, DataDirection.OUT, true);
    /** Service action 02h. */
    public static final CommandDescriptor BLOCK_ERASE = declaration(0x02, DataDirection.NONE, true);
    /** Service action 03h. */
    public static final CommandDescriptor CRYPTOGRAPHIC_ERASE = declaration(0x03, DataDirection.NONE, true);
    /** Service action 1Fh. */
    public static final CommandDescriptor EXIT_FAILURE_MODE = declaration(0x1F, DataDirection.NONE, false);

    private static final int OVERWRITE_HEADER = 4;

    private Sanitize() {
    }

    private static CommandDescriptor declaration(int serviceAction, DataDirection direction, boolean writes) {
        CommandDescriptor.Builder b = CommandDescriptor.builder("SANITIZE", 0x48, 10)
                .serviceAction(serviceAction, SERVICE_ACTION)
                .fields(IMMED, AUSE, PARAMETER_LIST_LENGTH)
                .direction(direction)
                .reservationClass(ReservationClass.WRITE);
        return writes ? b.flags(CommandFlag.WRITES_MEDIUM, CommandFlag.ALLOWED_WHEN_NOT_READY).build()
                : b.flags(CommandFlag.ALLOWED_WHEN_NOT_READY).build();
    }

    /** The service actions {@code disk} offers. */
    public static List<Command> commands(Disk disk) {
        Command overwrite = new Command(OVERWRITE, context -> overwrite(context, disk));
        Command exit = new Command(EXIT_FAILURE_MODE, context -> exitFailureMode(context, disk));
        if (disk.config().provisioning() != Provisioning.THIN) {
            return List.of(overwrite, exit);
        }
        return List.of(overwrite,
                new Command(BLOCK_ERASE, context -> erase(context, disk)),
                new Command(CRYPTOGRAPHIC_ERASE, context -> erase(context, disk)),
                exit);
    }

    private static CommandResult overwrite(CommandContext context, Disk disk) {
        Cdb cdb = context.cdb();
        disk.state().checkReadyFor(MediumOperation.SANITIZE);
        int blockSize = disk.medium().blockSize();
        long length = cdb.parameterListLength();
        if (length <= OVERWRITE_HEADER || length > blockSize + OVERWRITE_HEADER) {
            throw CheckConditionException.invalidField(PARAMETER_LIST_LENGTH);
        }
        byte[] list = context.parameterList();
        if (list.length < length) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
        }
        boolean invert = (list[0] & 0x80) != 0;
        if ((list[0] & 0x60) != 0) {
            throw CheckConditionException.invalidParameter(0, 6);
        }
        int count = list[0] & 0x1F;
        if (count == 0) {
            throw CheckConditionException.invalidParameter(0, 4);
        }
        if (list[1] != 0) {
            throw CheckConditionException.invalidParameter(1, 31 - Integer.numberOfLeadingZeros(list[1] & 0xFF));
        }
        int patternLength = ((list[2] & 0xFF) << 8) | (list[3] & 0xFF);
        if (patternLength == 0 || patternLength > blockSize || patternLength != length - OVERWRITE_HEADER) {
            throw CheckConditionException.invalidParameter(2, 7);
        }
        byte[] pattern = Arrays.copyOfRange(list, OVERWRITE_HEADER, OVERWRITE_HEADER + patternLength);
        if (invert && count % 2 == 0) {
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = (byte) ~pattern[i];
            }
        }
        disk.state().perform(MediumOperation.SANITIZE, MediumFill.writeAll(disk.medium(), pattern),
                cdb.flag(IMMED), cdb.flag(AUSE), () -> context.task().isAborted());
        return CommandResult.good();
    }

    private static CommandResult erase(CommandContext context, Disk disk) {
        Cdb cdb = context.cdb();
        disk.state().checkReadyFor(MediumOperation.SANITIZE);
        if (cdb.parameterListLength() != 0) {
            throw CheckConditionException.invalidField(PARAMETER_LIST_LENGTH);
        }
        disk.state().perform(MediumOperation.SANITIZE, MediumFill.deallocateAll(disk.medium()), cdb.flag(IMMED),
                cdb.flag(AUSE), () -> context.task().isAborted());
        return CommandResult.good();
    }

    private static CommandResult exitFailureMode(CommandContext context, Disk disk) {
        if (context.cdb().parameterListLength() != 0) {
            throw CheckConditionException.invalidField(PARAMETER_LIST_LENGTH);
        }
        disk.state().checkNoOperationInProgress();
        if (!disk.state().exitSanitizeFailureMode()) {
            throw CheckConditionException.invalidField(SERVICE_ACTION);
        }
        return CommandResult.good();
    }
}
