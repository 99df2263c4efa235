package io.github.scsiemu.spc.alua;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandHandler;
import io.github.scsiemu.spc.CommandResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SET TARGET PORT GROUPS (MAINTENANCE OUT A4h, service action 0Ah; SPC-4 6.45): explicit asymmetric access
 * management. The parameter list (table 328) is four reserved bytes and four-byte set target port group descriptors
 * (table 329). The whole list is checked before anything changes:
 * <ul>
 * <li>PARAMETER LIST LENGTH zero: nothing is transferred or changed, GOOD;</li>
 * <li>a length that is not four plus a multiple of four (this device's length requirement): ILLEGAL REQUEST,
 * INVALID FIELD IN CDB at the PARAMETER LIST LENGTH field;</li>
 * <li>fewer bytes sent than the length: ILLEGAL REQUEST, PARAMETER LIST LENGTH ERROR;</li>
 * <li>a reserved bit set, an ASYMMETRIC ACCESS STATE of 4h, Fh, a reserved value or an unsupported state, an unknown
 * target port group or relative target port, or the same group or port named twice (an invalid combination): ILLEGAL
 * REQUEST, INVALID FIELD IN PARAMETER LIST with the field pointer at the offending field.</li>
 * </ul>
 * Declared only for logical units whose TPGS claims explicit management. Processed through standby and unavailable
 * ports; a write-class command for reservations (SPC-4 5.13.1, table 65).
 */
public final class SetTargetPortGroups implements CommandHandler {

    /** MAINTENANCE OUT. */
    public static final int MAINTENANCE_OUT = 0xA4;
    /** PARAMETER LIST LENGTH: bytes 6-9. */
    public static final CdbField PARAMETER_LIST_LENGTH =
            CdbField.bytes("PARAMETER LIST LENGTH", 6, 4).as(CdbField.Role.PARAMETER_LIST_LENGTH);

    /** MAINTENANCE OUT (A4h), service action 0Ah. */
    public static final CommandDescriptor DESCRIPTOR =
            CommandDescriptor.builder("SET TARGET PORT GROUPS", MAINTENANCE_OUT, 12)
                    .serviceAction(0x0A, CdbField.bits("SERVICE ACTION", 1, 4, 5))
                    .fields(PARAMETER_LIST_LENGTH)
                    .direction(DataDirection.OUT)
                    .flags(CommandFlag.ALLOWED_IN_STANDBY, CommandFlag.ALLOWED_IN_UNAVAILABLE)
                    .reservationClass(ReservationClass.WRITE)
                    .build();

    private static final int HEADER_LENGTH = 4;
    private static final int DESCRIPTOR_LENGTH = 4;

    private final TargetPortGroups groups;

    /** The command's handler for logical units sharing {@code groups}. */
    public SetTargetPortGroups(TargetPortGroups groups) {
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    @Override
    public CommandResult handle(CommandContext context) {
        long length = context.cdb().get(PARAMETER_LIST_LENGTH);
        if (length == 0) {
            return CommandResult.good();
        }
        if (length < HEADER_LENGTH || (length - HEADER_LENGTH) % DESCRIPTOR_LENGTH != 0) {
            throw CheckConditionException.invalidField(PARAMETER_LIST_LENGTH);
        }
        byte[] list = context.parameterList();
        if (list.length < length) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
        }
        groups.setExplicitly(decode(list, groups), context.nexus());
        return CommandResult.good();
    }

    /**
     * Decodes and checks a whole parameter list against the target port groups.
     *
     * @param list   the parameter list: a four-byte header and whole descriptors
     * @param groups what may be named and which states are supported
     * @return the descriptors, in order
     * @throws CheckConditionException INVALID FIELD IN PARAMETER LIST, pointing at the first offending field
     */
    static List<SetTargetPortGroupDescriptor> decode(byte[] list, TargetPortGroups groups) {
        rejectReservedBits(list, 0, 0xFF);
        rejectReservedBits(list, 1, 0xFF);
        rejectReservedBits(list, 2, 0xFF);
        rejectReservedBits(list, 3, 0xFF);
        List<SetTargetPortGroupDescriptor> descriptors = new ArrayList<>();
        Set<Integer> namedGroups = new HashSet<>();
        Set<Integer> namedPorts = new HashSet<>();
        for (int at = HEADER_LENGTH; at + DESCRIPTOR_LENGTH <= list.length; at += DESCRIPTOR_LENGTH) {
            rejectReservedBits(list, at, 0xF0);
            rejectReservedBits(list, at + 1, 0xFF);
            int code = list[at] & 0x0F;
            Optional<AsymmetricAccessState> state = AsymmetricAccessState.fromCode(code);
            boolean settable = state.map(s -> s.isSettledPrimary() || s == AsymmetricAccessState.OFFLINE)
                    .orElse(false);
            if (!settable || !groups.supportedStates().contains(state.get())) {
                throw CheckConditionException.invalidParameter(at, 3);
            }
            int target = ((list[at + 2] & 0xFF) << 8) | (list[at + 3] & 0xFF);
            boolean known;
            boolean fresh;
            if (state.get() == AsymmetricAccessState.OFFLINE) {
                known = groups.groupOf(target).isPresent();
                fresh = namedPorts.add(target);
            } else {
                known = groups.group(target).map(TargetPortGroup::isPrimary).orElse(false);
                fresh = namedGroups.add(target);
            }
            if (!known || !fresh) {
                throw CheckConditionException.invalidParameter(at + 2, 7);
            }
            descriptors.add(new SetTargetPortGroupDescriptor(state.get(), target));
        }
        return descriptors;
    }

    private static void rejectReservedBits(byte[] list, int offset, int reservedMask) {
        int bad = list[offset] & reservedMask;
        if (bad != 0) {
            throw CheckConditionException.invalidParameter(offset, 31 - Integer.numberOfLeadingZeros(bad));
        }
    }
}
