package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.CommandSet;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * PERSISTENT RESERVE IN (5Eh, SPC-4 6.15): READ KEYS, READ RESERVATION, REPORT CAPABILITIES and READ FULL STATUS,
 * rendered from one snapshot of the state. Every length field reports the full length; the engine truncates the data
 * to the ALLOCATION LENGTH. Allowed under every reservation type (SPC-4 table 65), in standby and when not ready.
 */
public final class PersistentReserveIn {

    /** The operation code. */
    public static final int OPERATION_CODE = 0x5E;
    /** SERVICE ACTION (byte 1 bits 4-0). */
    public static final CdbField SERVICE_ACTION = CdbField.bits("SERVICE ACTION", 1, 4, 5);
    /** ALLOCATION LENGTH (bytes 7-8). */
    public static final CdbField ALLOCATION_LENGTH =
            CdbField.bytes("ALLOCATION LENGTH", 7, 2).as(CdbField.Role.ALLOCATION_LENGTH);

    /** READ KEYS. */
    public static final int READ_KEYS = 0x00;
    /** READ RESERVATION. */
    public static final int READ_RESERVATION = 0x01;
    /** REPORT CAPABILITIES. */
    public static final int REPORT_CAPABILITIES = 0x02;
    /** READ FULL STATUS. */
    public static final int READ_FULL_STATUS = 0x03;

    private PersistentReserveIn() {
    }

    /** The declaration of one service action. */
    public static CommandDescriptor descriptor(int serviceAction, String name) {
        return CommandDescriptor.builder("PERSISTENT RESERVE IN " + name, OPERATION_CODE, 10)
                .serviceAction(serviceAction, SERVICE_ACTION)
                .field(ALLOCATION_LENGTH)
                .direction(DataDirection.IN)
                .flags(CommandFlag.ALLOWED_IN_STANDBY, CommandFlag.ALLOWED_WHEN_NOT_READY)
                .reservationClass(ReservationClass.ALWAYS)
                .build();
    }

    static List<Command> commands(PersistentReservations reservations) {
        return List.of(
                new Command(descriptor(READ_KEYS, "READ KEYS"),
                        c -> CommandResult.data(readKeys(reservations.state()))),
                new Command(descriptor(READ_RESERVATION, "READ RESERVATION"),
                        c -> CommandResult.data(readReservation(reservations.state()))),
                new Command(descriptor(REPORT_CAPABILITIES, "REPORT CAPABILITIES"),
                        c -> CommandResult.data(reportCapabilities(reservations.state(),
                                c.logicalUnit().commands()))),
                new Command(descriptor(READ_FULL_STATUS, "READ FULL STATUS"),
                        c -> CommandResult.data(readFullStatus(reservations.state()))));
    }

    /** READ KEYS (SPC-4 6.15.2): PRgeneration, then one key per registration. */
    public static byte[] readKeys(ReservationState s) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * s.registrations().size());
        b.putInt(s.generation()).putInt(8 * s.registrations().size());
        s.registrations().forEach(r -> b.putLong(r.key()));
        return b.array();
    }

    /**
     * READ RESERVATION (SPC-4 6.15.3): PRgeneration, and the reservation if there is one: the holder's key (zero for
     * the all-registrants types), SCOPE and TYPE.
     */
    public static byte[] readReservation(ReservationState s) {
        if (s.reservation().isEmpty()) {
            return ByteBuffer.allocate(8).putInt(s.generation()).putInt(0).array();
        }
        Reservation r = s.reservation().get();
        ByteBuffer b = ByteBuffer.allocate(24).putInt(s.generation()).putInt(16);
        b.putLong(s.holderRegistration().map(Registration::key).orElse(0L));
        b.put(21, (byte) (Reservation.LU_SCOPE << 4 | r.type().code()));
        return b.array();
    }

    /**
     * REPORT CAPABILITIES (SPC-4 6.15.4, table 207): RLR_C=1 (REPLACE LOST RESERVATION supported), CRH=1,
     * SIP_C=1, ATP_C=1, PTPL_C=1, TMV=1 with all six types, PTPL_A from the state, and ALLOW COMMANDS derived from
     * the reservation classes the logical unit's own commands declare (see {@link #allowCommands}).
     */
    public static byte[] reportCapabilities(ReservationState s, CommandSet commands) {
        byte[] b = new byte[8];
        b[1] = 8;
        b[2] = (byte) (0x80 | 0x10 | 0x08 | 0x04 | 0x01);
        b[3] = (byte) (0x80 | allowCommands(commands) << 4 | (s.aptpl() ? 1 : 0));
        int mask = 0;
        for (ReservationType t : ReservationType.values()) {
            mask |= 1 << typeMaskBit(t);
        }
        b[4] = (byte) (mask >> 8);
        b[5] = (byte) mask;
        return b;
    }

    /** The bit of the 16-bit PERSISTENT RESERVATION TYPE MASK (bytes 4-5, SPC-4 table 209) for a type. */
    private static int typeMaskBit(ReservationType t) {
        return t == ReservationType.EXCLUSIVE_ACCESS_ALL_REGISTRANTS ? 0 : 8 + t.code();
    }

    /**
     * ALLOW COMMANDS (SPC-4 table 208), told truthfully from the command table: 011b when TEST UNIT READY passes
     * every reservation and every supported command of the table's list (MODE SENSE, READ ATTRIBUTE, READ BUFFER,
     * RECEIVE DIAGNOSTIC RESULTS, REPORT SUPPORTED OPERATION CODES and TASK MANAGEMENT FUNCTIONS, READ DEFECT DATA)
     * passes Write Exclusive, and RECEIVE COPY RESULTS, if supported, does not pass (100b if it passes both); 010b
     * when none of the listed commands passes; 001b otherwise; 000b if TEST UNIT READY itself may conflict.
     */
    static int allowCommands(CommandSet commands) {
        Optional<ReservationClass> tur = commands.find(0x00).map(c -> c.descriptor().reservationClass());
        if (tur.isEmpty() || tur.get() != ReservationClass.ALWAYS) {
            return 0b000;
        }
        List<CommandDescriptor> listed = commands.commands().stream().map(Command::descriptor)
                .filter(PersistentReserveIn::inAllowCommandsList).toList();
        boolean allPass = listed.stream().allMatch(d -> d.reservationClass() != ReservationClass.WRITE);
        boolean nonePass = listed.stream().allMatch(d -> d.reservationClass() == ReservationClass.WRITE);
        Optional<ReservationClass> copyResults = commands.find(0x84, 0x03).or(() -> commands.find(0x84, 0x04))
                .map(c -> c.descriptor().reservationClass());
        boolean copyAlways = copyResults.map(c -> c == ReservationClass.ALWAYS).orElse(false);
        if (allPass && copyAlways) {
            return 0b100;
        }
        if (copyResults.isPresent() && copyResults.get() != ReservationClass.WRITE) {
            return 0b001;
        }
        if (allPass) {
            return 0b011;
        }
        return nonePass ? 0b010 : 0b001;
    }

    private static boolean inAllowCommandsList(CommandDescriptor d) {
        int op = d.operationCode();
        int sa = d.serviceAction().orElse(-1);
        return op == 0x1A || op == 0x5A || op == 0x8C || op == 0x3C || op == 0x1C || op == 0x37 || op == 0xB7
                || (op == 0xA3 && (sa == 0x0C || sa == 0x0D));
    }

    /**
     * READ FULL STATUS (SPC-4 6.15.5): a descriptor per registration with its key, ALL_TG_PT, R_HOLDER, the
     * reservation's SCOPE and TYPE for holders, the RELATIVE TARGET PORT IDENTIFIER (zero for all target ports)
     * and the TransportID of the initiator port.
     */
    public static byte[] readFullStatus(ReservationState s) {
        ByteArrayOutputStream descriptors = new ByteArrayOutputStream();
        for (Registration r : s.registrations()) {
            byte[] tid = r.registrant().initiator().transportId().encode();
            ByteBuffer d = ByteBuffer.allocate(24 + tid.length);
            d.putLong(r.key());
            boolean holder = s.isHolder(r.registrant());
            d.put(12, (byte) ((r.registrant().allTargetPortsRegistered() ? 0x02 : 0) | (holder ? 0x01 : 0)));
            if (holder) {
                d.put(13, (byte) (Reservation.LU_SCOPE << 4 | s.reservation().get().type().code()));
            }
            d.putShort(18, (short) r.registrant().targetPort().map(TargetPort::relativeTargetPortId).orElse(0)
                    .intValue());
            d.putInt(20, tid.length);
            d.put(24, tid);
            descriptors.writeBytes(d.array());
        }
        byte[] body = descriptors.toByteArray();
        return ByteBuffer.allocate(8 + body.length).putInt(s.generation()).putInt(body.length).put(body).array();
    }
}
