package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.MediumOperation;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * FORMAT UNIT (SBC-4 5.4): initializes every logical block. Afterwards every block is deallocated (it reads as
 * zeros) or, with an initialization pattern of type 01h, holds the pattern; the write cache holds nothing.
 *
 * <p>CDB: FMTPINFO must be zero (no protection information) and FFMT 00b (no fast format); the vendor-specific byte
 * 2 and the obsolete byte 3 are ignored. With FMTDATA zero there is no parameter list and LONGLIST, CMPLST and
 * DEFECT LIST FORMAT are ignored. With FMTDATA one, DEFECT LIST FORMAT must be a standard format and the data-out
 * buffer holds the parameter list (SBC-4 5.4.2): a short (4-byte, LONGLIST=0) or long (8-byte) header, an
 * initialization pattern descriptor if IP is set, then the defect list.
 *
 * <p>Parameter list checks (INVALID FIELD IN PARAMETER LIST at the field): reserved bits of byte 0; PROTECTION
 * FIELD USAGE not zero; with FOV zero, any of DPRY, DCRT, STPF, IP set; in the long header, byte 2 or the
 * P_I_INFORMATION and PROTECTION INTERVAL EXPONENT not zero; an IP MODIFIER other than zero; an INITIALIZATION
 * PATTERN TYPE other than 00h (default: zeros; then the INITIALIZATION PATTERN LENGTH must be zero) or 01h (repeat
 * the pattern; its length 1 to the block length); a DEFECT LIST LENGTH other than zero (the disk keeps no defect
 * lists to add to). A data-out buffer shorter than the parameter list is a PARAMETER LIST LENGTH ERROR. DPRY, DCRT,
 * STPF, CMPLST and SI have nothing to act on and are accepted.
 *
 * <p>With IMMED set in the header, the command returns GOOD once the parameter list is checked and the format runs
 * in the background; until it completes other commands end with NOT READY, FORMAT IN PROGRESS and a progress
 * indication. A format that fails (for instance on an injected write fault) ends the command with MEDIUM ERROR,
 * FORMAT COMMAND FAILED (without IMMED), and medium access then fails with MEDIUM FORMAT CORRUPTED until a format
 * succeeds (FORMAT UNIT is accepted in that state).
 */
public final class FormatUnit {

    /** FMTPINFO. */
    public static final CdbField FMTPINFO = CdbField.bits("FMTPINFO", 1, 7, 2);
    /** LONGLIST. */
    public static final CdbField LONGLIST = CdbField.bit("LONGLIST", 1, 5);
    /** FMTDATA. */
    public static final CdbField FMTDATA = CdbField.bit("FMTDATA", 1, 4);
    /** CMPLST. */
    public static final CdbField CMPLST = CdbField.bit("CMPLST", 1, 3);
    /** DEFECT LIST FORMAT. */
    public static final CdbField DEFECT_LIST_FORMAT = CdbField.bits("DEFECT LIST FORMAT", 1, 2, 3);
    /** VENDOR SPECIFIC. */
    public static final CdbField VENDOR_SPECIFIC = CdbField.bytes("VENDOR SPECIFIC", 2, 1);
    /** Byte 3, obsolete. */
    public static final CdbField OBSOLETE = CdbField.bytes("OBSOLETE", 3, 1);
    /** FFMT (fast format). */
    public static final CdbField FFMT = CdbField.bits("FFMT", 4, 1, 2);

    /** Operation code 04h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("FORMAT UNIT", 0x04, 6)
            .fields(FMTPINFO, LONGLIST, FMTDATA, CMPLST, DEFECT_LIST_FORMAT, VENDOR_SPECIFIC, OBSOLETE, FFMT)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM, CommandFlag.ALLOWED_WHEN_NOT_READY)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private static final int FOV = 0x80;
    private static final int FOV_DEPENDENT = 0x78; // DPRY, DCRT, STPF, IP
    private static final int IP = 0x08;
    private static final int IMMED = 0x02;
    private static final int PATTERN_TYPE_DEFAULT = 0x00;
    private static final int PATTERN_TYPE_REPEAT = 0x01;

    private FormatUnit() {
    }

    /** The command, formatting {@code disk}. */
    public static Command command(Disk disk) {
        return new Command(DESCRIPTOR, context -> execute(context, disk));
    }

    private static CommandResult execute(CommandContext context, Disk disk) {
        Cdb cdb = context.cdb();
        disk.state().checkReadyFor(MediumOperation.FORMAT);
        if (cdb.get(FMTPINFO) != 0) {
            throw CheckConditionException.invalidField(FMTPINFO);
        }
        if (cdb.get(FFMT) != 0) {
            throw CheckConditionException.invalidField(FFMT);
        }
        boolean immediate = false;
        byte[] pattern = null;
        if (cdb.flag(FMTDATA)) {
            DefectListFormat.check(cdb, DEFECT_LIST_FORMAT);
            ParameterList list = ParameterList.parse(context, cdb.flag(LONGLIST), disk.medium().blockSize());
            immediate = list.immediate();
            pattern = list.pattern();
        }
        List<Runnable> steps = pattern == null ? MediumFill.deallocateAll(disk.medium())
                : MediumFill.writeAll(disk.medium(), pattern);
        disk.state().perform(MediumOperation.FORMAT, steps, immediate, false,
                () -> context.task().isAborted());
        return CommandResult.good();
    }

    /** The checked parameter list: IMMED and the initialization pattern (null: deallocate). */
    private record ParameterList(boolean immediate, byte[] pattern) {

        static ParameterList parse(CommandContext context, boolean longList, int blockSize) {
            ByteBuffer data = context.dataOut();
            int headerLength = longList ? 8 : 4;
            context.dataOutNeeded(headerLength);
            byte[] header = take(data, 0, headerLength);
            if ((header[0] & 0xF8) != 0) {
                throw CheckConditionException.invalidParameter(0, highestBit(header[0] & 0xF8));
            }
            if ((header[0] & 0x07) != 0) {
                throw CheckConditionException.invalidParameter(0, 2);
            }
            int flags = header[1] & 0xFF;
            if ((flags & FOV) == 0 && (flags & FOV_DEPENDENT) != 0) {
                throw CheckConditionException.invalidParameter(1, highestBit(flags & FOV_DEPENDENT));
            }
            long defectListLength;
            if (longList) {
                if (header[2] != 0) {
                    throw CheckConditionException.invalidParameter(2, highestBit(header[2] & 0xFF));
                }
                if (header[3] != 0) {
                    throw CheckConditionException.invalidParameter(3, (header[3] & 0xF0) != 0 ? 7 : 3);
                }
                defectListLength = ByteBuffer.wrap(header).getInt(4) & 0xFFFF_FFFFL;
            } else {
                defectListLength = ByteBuffer.wrap(header).getShort(2) & 0xFFFF;
            }
            int offset = headerLength;
            byte[] pattern = null;
            if ((flags & IP) != 0) {
                context.dataOutNeeded(offset + 4L);
                byte[] descriptor = take(data, offset, 4);
                if ((descriptor[0] & 0xC0) != 0) {
                    throw CheckConditionException.invalidParameter(offset, 7);
                }
                if ((descriptor[0] & 0x1F) != 0) {
                    throw CheckConditionException.invalidParameter(offset, highestBit(descriptor[0] & 0x1F));
                }
                int type = descriptor[1] & 0xFF;
                int length = ByteBuffer.wrap(descriptor).getShort(2) & 0xFFFF;
                if (type != PATTERN_TYPE_DEFAULT && type != PATTERN_TYPE_REPEAT) {
                    throw CheckConditionException.invalidParameter(offset + 1, 7);
                }
                if (type == PATTERN_TYPE_DEFAULT ? length != 0 : length == 0 || length > blockSize) {
                    throw CheckConditionException.invalidParameter(offset + 2, 7);
                }
                context.dataOutNeeded(offset + 4L + length);
                if (type == PATTERN_TYPE_REPEAT) {
                    pattern = take(data, offset + 4, length);
                }
                offset += 4 + length;
            }
            if (defectListLength != 0) {
                throw CheckConditionException.invalidParameter(longList ? 4 : 2, 7);
            }
            return new ParameterList((flags & IMMED) != 0, pattern);
        }

        /** {@code length} bytes at {@code offset}, or PARAMETER LIST LENGTH ERROR if the buffer is shorter. */
        private static byte[] take(ByteBuffer data, int offset, int length) {
            if (data.remaining() < offset + length) {
                throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
            }
            byte[] b = new byte[length];
            data.duplicate().position(data.position() + offset).get(b);
            return b;
        }

        private static int highestBit(int value) {
            return 31 - Integer.numberOfLeadingZeros(value);
        }
    }
}
