package io.github.scsiemu.spc.alua;

import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.util.Optional;

/**
 * Which commands a target port asymmetric access state lets through, decided from each command's declaration alone
 * (SPC-4 5.15.2.4 and 5.15.2.5, pr-alua.md 2.2), never by the handlers:
 * <ul>
 * <li>active/optimized and active/non-optimized: every command;</li>
 * <li>standby: commands declared {@link CommandFlag#ALLOWED_IN_STANDBY}; others end with NOT READY, LOGICAL UNIT NOT
 * ACCESSIBLE, TARGET PORT IN STANDBY STATE (04h/0Bh), TEST UNIT READY included, which is how multipath's TUR
 * checker recognises a standby path;</li>
 * <li>unavailable: commands declared {@link CommandFlag#ALLOWED_IN_UNAVAILABLE}; others end with NOT READY, TARGET
 * PORT IN UNAVAILABLE STATE (04h/0Ch);</li>
 * <li>transitioning: the transition is not indivisible, so commands declared
 * {@link CommandFlag#ALLOWED_WHILE_TRANSITIONING} are processed; others end with NOT READY, ASYMMETRIC ACCESS STATE
 * TRANSITION (04h/0Ah), which initiators retry, rather than BUSY;</li>
 * <li>offline: the port is not able to receive commands at all (SPC-4 5.15.2.4.6); one that arrives in-process ends,
 * as in LIO, with NOT READY, LOGICAL UNIT NOT READY, OFFLINE (04h/12h).</li>
 * </ul>
 */
public final class AccessStateFilter {


    private static final SenseData STANDBY = SenseData.of(SenseKey.NOT_READY,
            AdditionalSense.LOGICAL_UNIT_NOT_READY_TARGET_PORT_IN_STANDBY_STATE);
    private static final SenseData UNAVAILABLE = SenseData.of(SenseKey.NOT_READY,
            AdditionalSense.LOGICAL_UNIT_NOT_READY_TARGET_PORT_IN_UNAVAILABLE_STATE);
    private static final SenseData TRANSITIONING = SenseData.of(SenseKey.NOT_READY,
            AdditionalSense.LOGICAL_UNIT_NOT_READY_ASYMMETRIC_ACCESS_STATE_TRANSITION);
    private static final SenseData OFFLINE = SenseData.of(SenseKey.NOT_READY,
            AdditionalSense.LOGICAL_UNIT_NOT_READY_OFFLINE);

    private AccessStateFilter() {
    }

    /**
     * Why a command received through a port in {@code state} is not processed, or empty if it is.
     *
     * @param state   the asymmetric access state the command meets
     * @param command the command's declaration
     */
    public static Optional<SenseData> refusal(AsymmetricAccessState state, CommandDescriptor command) {
        switch (state) {
            case ACTIVE_OPTIMIZED:
            case ACTIVE_NON_OPTIMIZED:
                return Optional.empty();
            case STANDBY:
                return command.has(CommandFlag.ALLOWED_IN_STANDBY) ? Optional.empty() : Optional.of(STANDBY);
            case UNAVAILABLE:
                return command.has(CommandFlag.ALLOWED_IN_UNAVAILABLE) ? Optional.empty() : Optional.of(UNAVAILABLE);
            case TRANSITIONING:
                return command.has(CommandFlag.ALLOWED_WHILE_TRANSITIONING) ? Optional.empty()
                        : Optional.of(TRANSITIONING);
            case OFFLINE:
                return Optional.of(OFFLINE);
            default:
                // Logical block dependent is never entered (no referrals): treat the port as unavailable.
                return Optional.of(UNAVAILABLE);
        }
    }
}
