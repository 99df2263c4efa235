package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.UnsupportedFeature;
import io.github.scsiemu.conformance.scsi.Cdbs;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Which direct-access logical units (SBC-4 4.1) a check applies to: those that list the commands it needs in REPORT
 * SUPPORTED OPERATION CODES and, for a check that writes, whose medium is not write-protected, as the WP bit of
 * the DEVICE-SPECIFIC PARAMETER in the mode parameter header says (SBC-4 6.5.1, 4.12). A check that applies to no
 * logical unit of the target is unsupported.
 */
final class UnitSelection {

    private static final int WP = 0x80;

    private UnitSelection() {
    }

    /**
     * Runs {@code body} on every direct-access unit for which {@code applies} holds; notes the others.
     *
     * @param ctx         the check's context
     * @param requirement what {@code applies} requires, for notes and the unsupported reason
     * @param applies     whether the check applies to a unit
     * @param body        the verification of one logical unit
     * @throws UnsupportedFeature if no unit qualifies
     */
    static void each(CheckContext ctx, String requirement, Predicate<DirectAccessUnit> applies,
            Consumer<DirectAccessUnit> body) {
        int[] tested = {0};
        DirectAccessUnit.each(ctx, List.of(), unit -> {
            if (!applies.test(unit)) {
                ctx.note(unit.lun() + " does not qualify: needs " + requirement);
                return;
            }
            tested[0]++;
            body.accept(unit);
        });
        if (tested[0] == 0) {
            throw new UnsupportedFeature("no direct-access logical unit " + requirement);
        }
    }

    /**
     * Runs {@code body} on every direct-access unit that lists {@code needed}, a READ and a WRITE, and is not
     * write-protected.
     *
     * @param ctx    the check's context
     * @param needed the commands the check needs; at least one of them must be listed
     * @param body   the verification of one logical unit
     */
    static void writable(CheckContext ctx, List<SbcCdbLayout> needed, Consumer<DirectAccessUnit> body) {
        each(ctx, "listing one of " + needed + ", a READ and a WRITE, and not write-protected",
                unit -> !unit.listedOf(needed).isEmpty() && !unit.listedOf(SbcCdbLayout.READS).isEmpty()
                        && !unit.listedOf(SbcCdbLayout.WRITES).isEmpty() && !writeProtected(unit), body);
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
}
