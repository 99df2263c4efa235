package io.github.scsiemu.spc.log;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LOG SENSE (SPC-4 6.7) and LOG SELECT (SPC-4 6.6) over the logical unit's {@link LogPageRegistry}. No log
 * parameter is saveable, so SP is refused in both; threshold values are not implemented.
 */
public final class LogCommands {

    /** PCR: parameter code reset (LOG SELECT). */
    public static final CdbField PCR = CdbField.bit("PCR", 1, 1);
    /** SP: save parameters. */
    public static final CdbField SP = CdbField.bit("SP", 1, 0);
    /** PC: page control. */
    public static final CdbField PC = CdbField.bits("PC", 2, 7, 2);
    /** PAGE CODE. */
    public static final CdbField PAGE_CODE = CdbField.bits("PAGE CODE", 2, 5, 6);
    /** SUBPAGE CODE. */
    public static final CdbField SUBPAGE_CODE = CdbField.bytes("SUBPAGE CODE", 3, 1);
    /** PARAMETER POINTER (LOG SENSE). */
    public static final CdbField PARAMETER_POINTER = CdbField.bytes("PARAMETER POINTER", 5, 2);

    /** LOG SENSE; byte 1 bit 1 (formerly PPC) is obsolete and so rejected as reserved. */
    public static final CommandDescriptor LOG_SENSE = CommandDescriptor.builder("LOG SENSE", 0x4D, 10)
            .fields(SP, PC, PAGE_CODE, SUBPAGE_CODE, PARAMETER_POINTER,
                    CdbField.bytes("ALLOCATION LENGTH", 7, 2).as(CdbField.Role.ALLOCATION_LENGTH))
            .direction(DataDirection.IN)
            .flags(CommandFlag.ALLOWED_WHEN_NOT_READY, CommandFlag.ALLOWED_IN_STANDBY)
            .reservationClass(ReservationClass.ALWAYS)
            .build();

    public static final CommandDescriptor LOG_SELECT = CommandDescriptor.builder("LOG SELECT", 0x4C, 10)
            .fields(PCR, SP, PC, PAGE_CODE, SUBPAGE_CODE,
                    CdbField.bytes("PARAMETER LIST LENGTH", 7, 2).as(CdbField.Role.PARAMETER_LIST_LENGTH))
            .direction(DataDirection.OUT)
            .flags(CommandFlag.ALLOWED_WHEN_NOT_READY, CommandFlag.ALLOWED_IN_STANDBY)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private LogCommands() {
    }

    /** The commands, ready for a {@link io.github.scsiemu.spc.CommandSet}. */
    public static List<Command> commands() {
        return List.of(new Command(LOG_SENSE, LogCommands::logSense), new Command(LOG_SELECT, LogCommands::logSelect));
    }

    /**
     * LOG SENSE: the page PAGE CODE and SUBPAGE CODE name, from the parameter PARAMETER POINTER names onward
     * (SPC-4 6.7). PC 01b returns the cumulative values, 11b the default cumulative values; the threshold values
     * (00b, 10b) of a page with data counters are not implemented (INVALID FIELD IN CDB at PC); for list
     * parameters PC is not meaningful and the current values are returned.
     */
    static CommandResult logSense(CommandContext context) {
        LogPageRegistry registry = context.logicalUnit().logPages();
        Cdb cdb = context.cdb();
        if (cdb.flag(SP)) {
            throw CheckConditionException.invalidField(SP);
        }
        LogPageControl pc = LogPageControl.of(cdb.getInt(PC));
        int pageCode = cdb.getInt(PAGE_CODE);
        int subpageCode = cdb.getInt(SUBPAGE_CODE);
        int pointer = cdb.getInt(PARAMETER_POINTER);
        if (pageCode == 0 && (subpageCode == 0 || subpageCode == LogPageRegistry.ALL_SUBPAGES)) {
            if (pointer != 0) {
                throw CheckConditionException.invalidField(PARAMETER_POINTER);
            }
            return CommandResult.data(subpageCode == 0 ? registry.supportedPages()
                    : registry.supportedPagesAndSubpages());
        }
        LogPage page = registry.page(pageCode, subpageCode).orElseThrow(() -> CheckConditionException.invalidField(
                registry.hasPageCode(pageCode) ? SUBPAGE_CODE : PAGE_CODE));
        if (pc.threshold() && page.hasDataCounters()) {
            throw CheckConditionException.invalidField(PC);
        }
        List<LogParameter> parameters = page.parameters();
        int highest = parameters.isEmpty() ? 0 : parameters.get(parameters.size() - 1).parameterCode();
        if (pointer > highest) {
            throw CheckConditionException.invalidField(PARAMETER_POINTER);
        }
        return CommandResult.data(registry.encode(page, pc == LogPageControl.DEFAULT_CUMULATIVE, pointer));
    }

    /**
     * LOG SELECT (SPC-4 6.6). Without a parameter list: PCR set, or PC 11b, sets the resettable cumulative
     * parameters of the pages PAGE CODE and SUBPAGE CODE name to their defaults; PC 00b, 01b or 10b with PCR clear
     * changes nothing (there are no threshold values). With a parameter list: PCR must be clear, PAGE CODE and
     * SUBPAGE CODE zero and PC 01b (current cumulative values); every page and parameter is validated before any
     * value is set.
     */
    static CommandResult logSelect(CommandContext context) {
        LogPageRegistry registry = context.logicalUnit().logPages();
        Cdb cdb = context.cdb();
        boolean pcr = cdb.flag(PCR);
        long listLength = cdb.parameterListLength();
        LogPageControl pc = LogPageControl.of(cdb.getInt(PC));
        if (pcr && listLength != 0) {
            throw CheckConditionException.invalidField(PCR);
        }
        if (cdb.flag(SP)) {
            throw CheckConditionException.invalidField(SP);
        }
        int pageCode = cdb.getInt(PAGE_CODE);
        int subpageCode = cdb.getInt(SUBPAGE_CODE);
        if (listLength == 0) {
            List<LogPage> selected = registry.selectedBy(pageCode, subpageCode);
            if (selected.isEmpty() && !(pageCode == 0 && subpageCode == 0)) {
                throw CheckConditionException.invalidField(registry.hasPageCode(pageCode) ? SUBPAGE_CODE : PAGE_CODE);
            }
            if (pcr ? !pc.threshold() : pc == LogPageControl.DEFAULT_CUMULATIVE) {
                registry.resetCumulative(selected);
            }
            return CommandResult.good();
        }
        if (pageCode != 0) {
            throw CheckConditionException.invalidField(PAGE_CODE);
        }
        if (subpageCode != 0) {
            throw CheckConditionException.invalidField(SUBPAGE_CODE);
        }
        if (pc != LogPageControl.CURRENT_CUMULATIVE) {
            throw CheckConditionException.invalidField(PC);
        }
        Map<LogParameter, byte[]> updates = parse(registry, context.parameterList());
        updates.forEach(LogParameter::set);
        return CommandResult.good();
    }

    /** Validates the log pages of a LOG SELECT parameter list and returns the values to set, in order. */
    private static Map<LogParameter, byte[]> parse(LogPageRegistry registry, byte[] list) {
        Map<LogParameter, byte[]> updates = new LinkedHashMap<>();
        int off = 0;
        while (off < list.length) {
            if (off + 4 > list.length) {
                throw parameterListLengthError();
            }
            boolean subpageFormat = (list[off] & 0x40) != 0;
            int pageCode = list[off] & 0x3F;
            int subpageCode = list[off + 1] & 0xFF;
            if (!subpageFormat && subpageCode != 0) {
                throw CheckConditionException.invalidParameter(off + 1, 7);
            }
            if (pageCode == 0) {
                throw CheckConditionException.invalidParameter(off, 5); // not defined for LOG SELECT
            }
            int pageOffset = off;
            LogPage page = registry.page(pageCode, subpageCode).orElseThrow(() -> registry.hasPageCode(pageCode)
                    && subpageFormat ? CheckConditionException.invalidParameter(pageOffset + 1, 7)
                    : CheckConditionException.invalidParameter(pageOffset, 5));
            int end = off + 4 + u16(list, off + 2);
            if (end > list.length) {
                throw parameterListLengthError();
            }
            int p = off + 4;
            int previous = -1;
            while (p < end) {
                if (p + 4 > end) {
                    throw CheckConditionException.invalidParameter(off + 2, 7);
                }
                int code = u16(list, p);
                LogParameter parameter = page.parameter(code).orElse(null);
                if (parameter == null || code <= previous) { // unsupported, or not in ascending order (SPC-4 6.6.1)
                    throw CheckConditionException.invalidParameter(p, 7);
                }
                previous = code;
                int length = list[p + 3] & 0xFF;
                if (p + 4 + length > end) {
                    throw CheckConditionException.invalidParameter(off + 2, 7);
                }
                if (!parameter.changeable()) {
                    throw CheckConditionException.invalidParameter(p, 7);
                }
                if ((list[p + 2] & 3) != parameter.control().formatAndLinking()) {
                    throw CheckConditionException.invalidParameter(p + 2, 1);
                }
                if (length != parameter.length()) {
                    throw CheckConditionException.invalidParameter(p + 3, 7);
                }
                updates.put(parameter, Arrays.copyOfRange(list, p + 4, p + 4 + length));
                p += 4 + length;
            }
            off = end;
        }
        return updates;
    }

    private static CheckConditionException parameterListLengthError() {
        return CheckConditionException.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
}
