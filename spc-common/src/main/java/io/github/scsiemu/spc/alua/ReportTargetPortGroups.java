package io.github.scsiemu.spc.alua;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandHandler;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.inquiry.AsymmetricAccessInquiry;
import io.github.scsiemu.spc.inquiry.TargetPortGroupSupport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * REPORT TARGET PORT GROUPS (MAINTENANCE IN A3h, service action 0Ah; SPC-4 6.37): one target port group descriptor
 * per target port group, after a length-only header (PARAMETER DATA FORMAT 000b, table 304) or an extended header
 * with the implicit transition time (001b, table 305). RETURN DATA LENGTH is the length of everything after it
 * ({@code n - 3}), the extended header's four bytes included, and is not altered by the allocation length, which only
 * truncates. Processed in every asymmetric access state but offline, and under every reservation (SPC-4 5.13.1).
 *
 * <p>As the command SPC-4 6.37 makes mandatory for TPGS other than 00b, its handler is also what makes INQUIRY
 * report asymmetric access ({@link AsymmetricAccessInquiry}).
 */
public final class ReportTargetPortGroups implements CommandHandler, AsymmetricAccessInquiry {

    /** The PARAMETER DATA FORMAT field (SPC-4 6.37, table 303). */
    public enum ParameterDataFormat {
        /** 000b: length-only header (table 304). */
        LENGTH_ONLY(0b000, 4),
        /** 001b: extended header with FORMAT TYPE and IMPLICIT TRANSITION TIME (table 305). */
        EXTENDED(0b001, 8);

        private final int code;
        private final int headerLength;

        ParameterDataFormat(int code, int headerLength) {
            this.code = code;
            this.headerLength = headerLength;
        }

        /** The three-bit code. */
        public int code() {
            return code;
        }

        /** The bytes before the first target port group descriptor. */
        public int headerLength() {
            return headerLength;
        }
    }

    /** PARAMETER DATA FORMAT: byte 1, bits 7-5. */
    public static final CdbField PARAMETER_DATA_FORMAT = CdbField.bits("PARAMETER DATA FORMAT", 1, 7, 3);
    /** ALLOCATION LENGTH: bytes 6-9. */
    public static final CdbField ALLOCATION_LENGTH =
            CdbField.bytes("ALLOCATION LENGTH", 6, 4).as(CdbField.Role.ALLOCATION_LENGTH);

    /** MAINTENANCE IN (A3h), service action 0Ah. */
    public static final CommandDescriptor DESCRIPTOR =
            CommandDescriptor.builder("REPORT TARGET PORT GROUPS", MAINTENANCE_IN, 12)
                    .serviceAction(REPORT_TARGET_PORT_GROUPS, CdbField.bits("SERVICE ACTION", 1, 4, 5))
                    .fields(PARAMETER_DATA_FORMAT, ALLOCATION_LENGTH)
                    .direction(DataDirection.IN)
                    .flags(CommandFlag.ALLOWED_UNDER_LEGACY_RESERVATION, CommandFlag.ALLOWED_IN_STANDBY,
                            CommandFlag.ALLOWED_IN_UNAVAILABLE, CommandFlag.ALLOWED_WHILE_TRANSITIONING)
                    .reservationClass(ReservationClass.ALWAYS)
                    .build();

    private final TargetPortGroups groups;

    /** The command's handler for logical units sharing {@code groups}. */
    public ReportTargetPortGroups(TargetPortGroups groups) {
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    @Override
    public CommandResult handle(CommandContext context) {
        int code = context.cdb().getInt(PARAMETER_DATA_FORMAT);
        ParameterDataFormat format;
        if (code == ParameterDataFormat.LENGTH_ONLY.code()) {
            format = ParameterDataFormat.LENGTH_ONLY;
        } else if (code == ParameterDataFormat.EXTENDED.code()) {
            format = ParameterDataFormat.EXTENDED;
        } else {
            throw CheckConditionException.invalidField(PARAMETER_DATA_FORMAT);
        }
        return CommandResult.data(encode(groups.groups(), groups.supportBits(), format,
                seconds(groups.implicitTransitionTime())));
    }

    @Override
    public TargetPortGroupSupport targetPortGroupSupport() {
        return groups.targetPortGroupSupport();
    }

    @Override
    public boolean unavailableThrough(TargetPort port) {
        return groups.stateThrough(port) == AsymmetricAccessState.UNAVAILABLE;
    }

    /** The IMPLICIT TRANSITION TIME field: whole seconds, rounded up, at most 255. */
    static int seconds(Duration time) {
        long s = time.getSeconds() + (time.getNano() > 0 ? 1 : 0);
        return (int) Math.min(255, s);
    }

    /**
     * The whole parameter data, before truncation to the allocation length.
     *
     * @param reported               the target port group descriptors' contents, in order
     * @param supportBits            byte 1 of every descriptor (T_SUP ... AO_SUP)
     * @param format                 the header format
     * @param implicitTransitionTime the IMPLICIT TRANSITION TIME in seconds (extended header only)
     */
    public static byte[] encode(List<TargetPortGroup> reported, int supportBits, ParameterDataFormat format,
            int implicitTransitionTime) {
        int length = format.headerLength();
        for (TargetPortGroup g : reported) {
            length += 8 + 4 * g.relativeTargetPortIds().size();
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(length - 4);
        if (format == ParameterDataFormat.EXTENDED) {
            b.put((byte) (format.code() << 4));
            b.put((byte) implicitTransitionTime);
            b.putShort((short) 0);
        }
        for (TargetPortGroup g : reported) {
            b.put((byte) ((g.preferred() ? 0x80 : 0) | g.state().code()));
            b.put((byte) supportBits);
            b.putShort((short) g.id());
            b.put((byte) 0);
            b.put((byte) g.statusCode().code());
            b.put((byte) g.vendorSpecific());
            b.put((byte) g.relativeTargetPortIds().size());
            for (int port : g.relativeTargetPortIds()) {
                b.putShort((short) 0);
                b.putShort((short) port);
            }
        }
        return b.array();
    }
}
