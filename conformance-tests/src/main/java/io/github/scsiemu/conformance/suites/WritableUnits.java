package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.UnsupportedFeature;
import io.github.scsiemu.conformance.scsi.Cdbs;
import java.util.List;
import java.util.function.Consumer;

/**
 * Whether a direct-access logical unit's medium is write-protected, as the WP bit of the DEVICE-SPECIFIC PARAMETER
 * in the mode parameter header says (SBC-4 6.5.1), and the iteration of the checks that write: they run on the
 * direct-access units that are not write-protected (a write-protected unit rejects every write, SBC-4 4.12).
 */
final class WritableUnits {

    private static final int WP = 0x80;

    private WritableUnits() {
    }

    /**
     * Whether MODE SENSE reports WP=1; false if the unit lists neither MODE SENSE(6) nor (10).
     *
     * @param unit the logical unit
     * @return the WP bit
     */
    static boolean writeProtected(DirectAccessUnit unit) {
        if (unit.catalog().find(Cdbs.MODE_SENSE_6).isPresent()) {
            Exchange e = unit.sendIn(Cdbs.modeSense6(true, 0, 0x3F, 0, 255), 255);
            return e.isGood() && e.data().length > 2 && (e.data()[2] & WP) != 0;
        }
        if (unit.catalog().find(Cdbs.MODE_SENSE_10).isPresent()) {
            Exchange e = unit.sendIn(Cdbs.modeSense10(true, 0, 0x3F, 0, 0xFFFF), 0xFFFF);
            return e.isGood() && e.data().length > 3 && (e.data()[3] & WP) != 0;
        }
        return false;
    }

    /**
     * Runs {@code body} on every direct-access unit that lists {@code needed} and is not write-protected; the check
     * is unsupported if there is none.
     *
     * @param ctx    the check's context
     * @param needed the commands the check needs
     * @param body   the verification of one logical unit
     */
    static void each(CheckContext ctx, List<SbcCdbLayout> needed, Consumer<DirectAccessUnit> body) {
        int[] writable = {0};
        DirectAccessUnit.each(ctx, needed, unit -> {
            if (writeProtected(unit)) {
                ctx.note(unit.lun() + " is write-protected (WP=1)");
                return;
            }
            writable[0]++;
            body.accept(unit);
        });
        if (writable[0] == 0) {
            throw new UnsupportedFeature("every direct-access unit listing " + needed + " is write-protected");
        }
    }
}
