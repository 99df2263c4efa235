package io.github.scsiemu.conformance.catalog;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.conformance.ConformanceViolation;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.UnsupportedFeature;
import io.github.scsiemu.conformance.scsi.Bytes;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.conformance.scsi.Commands;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a logical unit claims to support, learned through REPORT SUPPORTED OPERATION CODES (SPC-4 6.35): the
 * all-commands form for the list, then the one-command form of each listed command for its CDB USAGE DATA. The
 * suites test a target for what it claims; a target without the command is unsupported for the suites that need
 * it.
 */
public final class CommandCatalog {

    /** Reporting options: all commands (SPC-4 6.35.1). */
    public static final int ALL_COMMANDS = 0b000;
    /** Reporting options: one command, no service action. */
    public static final int ONE_COMMAND = 0b001;
    /** Reporting options: one command with a service action. */
    public static final int ONE_COMMAND_WITH_SERVICE_ACTION = 0b010;

    private static final int FIRST_ALLOCATION = 8192;
    private static final int ONE_COMMAND_ALLOCATION = 4096;

    private final List<SupportedCommand> commands;

    private CommandCatalog(List<SupportedCommand> commands) {
        this.commands = List.copyOf(commands);
    }

    /**
     * A catalog of the given commands, for tests of the suite itself.
     *
     * @param commands the commands
     * @return the catalog
     */
    public static CommandCatalog of(List<SupportedCommand> commands) {
        return new CommandCatalog(commands);
    }

    /**
     * Reads the catalog of a logical unit.
     *
     * @param session a session without pending unit attention
     * @param lun     the logical unit
     * @return the catalog
     * @throws UnsupportedFeature   if REPORT SUPPORTED OPERATION CODES is not supported
     * @throws ConformanceViolation if its parameter data is malformed
     */
    public static CommandCatalog read(Session session, Lun lun) {
        byte[] list = readAllCommands(session, lun);
        List<SupportedCommand> commands = new ArrayList<>();
        int offset = 4;
        int end = 4 + (int) Math.min(Bytes.u32(list, 0), list.length - 4);
        while (offset + 8 <= end) {
            int opcode = Bytes.u8(list, offset);
            int sa = Bytes.u16(list, offset + 2);
            boolean servactv = (Bytes.u8(list, offset + 5) & 0x01) != 0;
            boolean ctdp = (Bytes.u8(list, offset + 5) & 0x02) != 0;
            int cdbLength = Bytes.u16(list, offset + 6);
            commands.add(readOne(session, lun, opcode, servactv ? OptionalInt.of(sa) : OptionalInt.empty(),
                    cdbLength));
            offset += ctdp ? 20 : 8;
        }
        if (offset != end) {
            throw new ConformanceViolation("SPC-4 6.35.2: COMMAND DATA LENGTH must cover whole command descriptors "
                    + "(8 bytes, or 20 with CTDP=1); " + (end - 4) + " bytes leave a partial descriptor");
        }
        return new CommandCatalog(commands);
    }

    private static byte[] readAllCommands(Session session, Lun lun) {
        int allocation = FIRST_ALLOCATION;
        for (int attempt = 0; attempt < 2; attempt++) {
            Exchange all = Commands.send(session, lun,
                    Cdbs.reportSupportedOperationCodes(ALL_COMMANDS, 0, 0, allocation), allocation);
            if (all.isCheckCondition(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_COMMAND_OPERATION_CODE)
                    || all.isCheckCondition(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB)) {
                throw new UnsupportedFeature("REPORT SUPPORTED OPERATION CODES (A3h/0Ch) is not supported, so the "
                        + "suite cannot learn what the logical unit claims");
            }
            Expect.good(all, "REPORT SUPPORTED OPERATION CODES, all commands (SPC-4 6.35.2)");
            byte[] data = all.data();
            Expect.that(data.length >= 4, all, "SPC-4 6.35.2: the parameter data starts with a four-byte "
                    + "COMMAND DATA LENGTH");
            long full = Bytes.u32(data, 0) + 4;
            if (full <= data.length) {
                return data;
            }
            Expect.that(data.length == allocation, all, "SPC-4 6.35.2: COMMAND DATA LENGTH (" + (full - 4)
                    + ") describes more data than was returned within the allocation length");
            allocation = (int) Math.min(full, Integer.MAX_VALUE - 8);
        }
        throw new ConformanceViolation("SPC-4 6.35.2: COMMAND DATA LENGTH keeps growing between two commands");
    }

    private static SupportedCommand readOne(Session session, Lun lun, int opcode, OptionalInt sa,
            int cdbLength) {
        int options = sa.isPresent() ? ONE_COMMAND_WITH_SERVICE_ACTION : ONE_COMMAND;
        Exchange one = Commands.send(session, lun,
                Cdbs.reportSupportedOperationCodes(options, opcode, sa.orElse(0), ONE_COMMAND_ALLOCATION),
                ONE_COMMAND_ALLOCATION);
        String what = String.format("REPORT SUPPORTED OPERATION CODES, one command, for %02Xh%s (SPC-4 6.35.3)",
                opcode, sa.isPresent() ? String.format("/%02Xh", sa.getAsInt()) : "");
        Expect.good(one, what);
        byte[] data = one.data();
        int support = Bytes.u8(data, 1) & 0x07;
        Expect.that(data.length >= 4 && (support == 0b011 || support == 0b101), one, what
                + ": a command the all-commands form lists must be reported with SUPPORT 011b or 101b");
        int cdbSize = Bytes.u16(data, 2);
        Expect.that(cdbSize == cdbLength, one, what + ": CDB SIZE " + cdbSize
                + " must equal the CDB LENGTH of the all-commands form (" + cdbLength + ")");
        Expect.that(data.length >= 4 + cdbSize, one, what + ": the CDB USAGE DATA must be complete");
        byte[] usage = new byte[cdbSize];
        System.arraycopy(data, 4, usage, 0, cdbSize);
        Expect.that(cdbSize > 0 && (usage[0] & 0xFF) == opcode, one, what
                + ": the first byte of the CDB USAGE DATA must be the operation code");
        SupportedCommand command = new SupportedCommand(opcode, sa, cdbSize, usage);
        if (sa.isPresent()) {
            int reported = 0;
            for (int i = 1; i < cdbSize; i++) {
                int mask = command.serviceActionMask(i);
                if (mask != 0) {
                    reported = (reported << Integer.bitCount(mask)) | (usage[i] & mask);
                }
            }
            Expect.that(reported == sa.getAsInt(), one, what + ": the service action field of the CDB USAGE DATA "
                    + "must hold the service action " + String.format("%02Xh", sa.getAsInt()));
        }
        return command;
    }

    /** Every listed command, in the order the target listed them. */
    public List<SupportedCommand> commands() {
        return commands;
    }

    /**
     * Whether the operation code is listed, with or without service actions.
     *
     * @param operationCode the operation code
     * @return true if listed
     */
    public boolean lists(int operationCode) {
        return commands.stream().anyMatch(c -> c.operationCode() == operationCode);
    }

    /**
     * Whether the operation code is listed with service actions.
     *
     * @param operationCode the operation code
     * @return true if some listed command has this operation code and a service action
     */
    public boolean hasServiceActions(int operationCode) {
        return commands.stream().anyMatch(c -> c.operationCode() == operationCode && c.serviceAction().isPresent());
    }

    /**
     * The listed command without service action.
     *
     * @param operationCode the operation code
     * @return the command, if listed
     */
    public Optional<SupportedCommand> find(int operationCode) {
        return commands.stream().filter(c -> c.operationCode() == operationCode && c.serviceAction().isEmpty())
                .findFirst();
    }

    /**
     * The listed command with a service action.
     *
     * @param operationCode the operation code
     * @param serviceAction the service action
     * @return the command, if listed
     */
    public Optional<SupportedCommand> find(int operationCode, int serviceAction) {
        return commands.stream().filter(c -> c.operationCode() == operationCode
                && c.serviceAction().equals(OptionalInt.of(serviceAction))).findFirst();
    }

    /** The operation codes no listed command has, ascending. */
    public List<Integer> unlistedOperationCodes() {
        Set<Integer> unlisted = new TreeSet<>();
        for (int op = 0; op < 256; op++) {
            if (!lists(op)) {
                unlisted.add(op);
            }
        }
        return List.copyOf(unlisted);
    }

    /** The operation codes listed with service actions, ascending. */
    public List<Integer> operationCodesWithServiceActions() {
        return commands.stream().filter(c -> c.serviceAction().isPresent()).map(SupportedCommand::operationCode)
                .distinct().sorted().toList();
    }

    /**
     * The service action values of an operation code that are not listed, within the service action field's range.
     *
     * @param operationCode an operation code listed with service actions
     * @return the unlisted values, ascending
     */
    public List<Integer> unlistedServiceActions(int operationCode) {
        int max = operationCode == SupportedCommand.VARIABLE_LENGTH ? 0xFFFF : 0x1F;
        List<Integer> unlisted = new ArrayList<>();
        for (int sa = 0; sa <= max; sa++) {
            if (find(operationCode, sa).isEmpty()) {
                unlisted.add(sa);
            }
        }
        return unlisted;
    }

    @Override
    public String toString() {
        return commands.size() + " commands: " + commands.stream().map(SupportedCommand::name).toList();
    }
}
