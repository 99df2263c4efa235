package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.Command;
import java.util.List;

/**
 * RESERVE(6) (16h), RELEASE(6) (17h), RESERVE(10) (56h) and RELEASE(10) (57h): the SPC-2 reservation of the whole
 * logical unit by one I_T nexus (SPC-2 7.21-7.24), with the compatible reservation handling of SPC-4 5.13.3 (CRH=1).
 * Third-party reservations and extents are not supported: every field past the operation code is reserved, so a set
 * 3RDPTY or LONGID bit ends in INVALID FIELD IN CDB.
 */
public final class LegacyReservation {

    public static final CommandDescriptor RESERVE_6 = declare("RESERVE(6)", 0x16, 6);
    public static final CommandDescriptor RELEASE_6 = declare("RELEASE(6)", 0x17, 6);
    public static final CommandDescriptor RESERVE_10 = declare("RESERVE(10)", 0x56, 10);
    public static final CommandDescriptor RELEASE_10 = declare("RELEASE(10)", 0x57, 10);

    private LegacyReservation() {
    }

    private static CommandDescriptor declare(String name, int opcode, int length) {
        return CommandDescriptor.builder(name, opcode, length).reservationClass(ReservationClass.LEGACY_RESERVE)
                .build();
    }

    static boolean isRelease(CommandDescriptor d) {
        return d.operationCode() == RELEASE_6.operationCode() || d.operationCode() == RELEASE_10.operationCode();
    }

    static List<Command> commands(PersistentReservations reservations) {
        return List.of(
                new Command(RESERVE_6, reservations::reserveLegacy),
                new Command(RELEASE_6, reservations::releaseLegacy),
                new Command(RESERVE_10, reservations::reserveLegacy),
                new Command(RELEASE_10, reservations::releaseLegacy));
    }
}
