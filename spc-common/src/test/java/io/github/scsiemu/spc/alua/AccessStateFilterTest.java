package io.github.scsiemu.spc.alua;

import static io.github.scsiemu.spc.alua.AluaFixture.A1;
import static io.github.scsiemu.spc.alua.AluaFixture.A3;
import static io.github.scsiemu.spc.alua.AluaFixture.assertGood;
import static io.github.scsiemu.spc.alua.AluaFixture.assertNotReady;
import static io.github.scsiemu.spc.alua.AluaFixture.drainAll;
import static io.github.scsiemu.spc.alua.AluaFixture.send;
import static io.github.scsiemu.spc.alua.AluaFixture.setTargetPortGroups;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.DeviceServer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The command filter of SPC-4 5.15.2.4/5.15.2.5 for every state and every combination of the three asymmetric access
 * flags a declaration can carry, then end to end through a logical unit for one command of each class.
 */
class AccessStateFilterTest {

    private static final Set<CommandFlag> ALUA_FLAGS = EnumSet.of(CommandFlag.ALLOWED_IN_STANDBY,
            CommandFlag.ALLOWED_IN_UNAVAILABLE, CommandFlag.ALLOWED_WHILE_TRANSITIONING);

    private static List<Set<CommandFlag>> everyFlagCombination() {
        List<Set<CommandFlag>> all = new ArrayList<>();
        List<CommandFlag> flags = List.copyOf(ALUA_FLAGS);
        for (int mask = 0; mask < 8; mask++) {
            Set<CommandFlag> s = EnumSet.noneOf(CommandFlag.class);
            for (int i = 0; i < 3; i++) {
                if ((mask & (1 << i)) != 0) {
                    s.add(flags.get(i));
                }
            }
            all.add(s);
        }
        return all;
    }

    private static CommandDescriptor declared(Set<CommandFlag> flags) {
        return CommandDescriptor.builder("TEST", 0xC5, 6).flags(flags.toArray(CommandFlag[]::new)).build();
    }

    private static Optional<SenseData> notReady(int ascq) {
        return Optional.of(SenseData.of(SenseKey.NOT_READY, new AdditionalSense(0x04, ascq)));
    }

    @Test
    void activeStatesProcessEveryCommand() {
        for (Set<CommandFlag> flags : everyFlagCombination()) {
            assertThat(AccessStateFilter.refusal(AsymmetricAccessState.ACTIVE_OPTIMIZED, declared(flags))).isEmpty();
            assertThat(AccessStateFilter.refusal(AsymmetricAccessState.ACTIVE_NON_OPTIMIZED, declared(flags)))
                    .isEmpty();
        }
    }

    @Test
    void eachRestrictedStateIsDecidedByItsOwnFlagAlone() {
        for (Set<CommandFlag> flags : everyFlagCombination()) {
            CommandDescriptor d = declared(flags);
            assertThat(AccessStateFilter.refusal(AsymmetricAccessState.STANDBY, d)).as("standby %s", flags)
                    .isEqualTo(flags.contains(CommandFlag.ALLOWED_IN_STANDBY) ? Optional.empty() : notReady(0x0B));
            assertThat(AccessStateFilter.refusal(AsymmetricAccessState.UNAVAILABLE, d)).as("unavailable %s", flags)
                    .isEqualTo(flags.contains(CommandFlag.ALLOWED_IN_UNAVAILABLE) ? Optional.empty()
                            : notReady(0x0C));
            assertThat(AccessStateFilter.refusal(AsymmetricAccessState.TRANSITIONING, d)).as("transitioning %s", flags)
                    .isEqualTo(flags.contains(CommandFlag.ALLOWED_WHILE_TRANSITIONING) ? Optional.empty()
                            : notReady(0x0A));
        }
    }

    @Test
    void offlineRefusesEverythingWithLogicalUnitNotReadyOffline() {
        for (Set<CommandFlag> flags : everyFlagCombination()) {
            assertThat(AccessStateFilter.refusal(AsymmetricAccessState.OFFLINE, declared(flags)))
                    .isEqualTo(notReady(0x12));
        }
    }

    @Test
    void theAluaCommandsCarryTheFlagsOfSpc4() {
        // REPORT TARGET PORT GROUPS also passes a legacy RESERVE held by another nexus (pr-alua.md 1.12, row 11)
        Set<CommandFlag> rtpg = EnumSet.copyOf(ALUA_FLAGS);
        rtpg.add(CommandFlag.ALLOWED_UNDER_LEGACY_RESERVATION);
        assertThat(ReportTargetPortGroups.DESCRIPTOR.flags()).containsExactlyInAnyOrderElementsOf(rtpg);
        assertThat(SetTargetPortGroups.DESCRIPTOR.flags())
                .containsExactlyInAnyOrder(CommandFlag.ALLOWED_IN_STANDBY, CommandFlag.ALLOWED_IN_UNAVAILABLE);
    }

    /** One command of each flag class through port 3 (group 2), in each state, end to end. */
    @Test
    void throughALogicalUnitEveryFlagClassInEveryState() {
        ManualTransitionScheduler time = new ManualTransitionScheduler();
        TargetPortGroups groups = AluaFixture.twoByTwo(time).build();
        DeviceServer lu = AluaFixture.logicalUnit(groups, "SN1");
        drainAll(lu);
        // class: no flag (TUR, medium access) / standby only (MODE SENSE) / standby + unavailable (STPG, a no-op
        // with length 0) / all three (INQUIRY, REPORT LUNS, REQUEST SENSE, RTPG)
        record Probe(String name, byte[] cdb, boolean standby, boolean unavailable, boolean transitioning) {
        }
        List<Probe> probes = List.of(
                new Probe("TUR", AluaFixture.testUnitReady(), false, false, false),
                new Probe("medium access", AluaFixture.mediumAccess(), false, false, false),
                new Probe("MODE SENSE(6)", AluaFixture.modeSense6(), true, false, false),
                new Probe("STPG length 0", AluaFixture.stpg(0), true, true, false),
                new Probe("INQUIRY", AluaFixture.inquiry(), true, true, true),
                new Probe("REPORT LUNS", AluaFixture.reportLuns(), true, true, true),
                new Probe("REQUEST SENSE", AluaFixture.requestSense(), true, true, true),
                new Probe("RTPG", AluaFixture.rtpg(0, 4096), true, true, true));
        for (AsymmetricAccessState state : List.of(AsymmetricAccessState.STANDBY, AsymmetricAccessState.UNAVAILABLE,
                AsymmetricAccessState.TRANSITIONING, AsymmetricAccessState.ACTIVE_NON_OPTIMIZED)) {
            if (state == AsymmetricAccessState.TRANSITIONING) {
                groups.beginTransition(2, AsymmetricAccessState.ACTIVE_OPTIMIZED, java.time.Duration.ofSeconds(5));
            } else {
                groups.setState(2, state);
            }
            drainAll(lu);
            for (Probe p : probes) {
                ScsiResponse r = send(lu, A3, p.cdb());
                boolean allowed = switch (state) {
                    case STANDBY -> p.standby();
                    case UNAVAILABLE -> p.unavailable();
                    case TRANSITIONING -> p.transitioning();
                    default -> true;
                };
                if (allowed) {
                    assertGood(r);
                } else {
                    assertNotReady(r, switch (state) {
                        case STANDBY -> 0x0B;
                        case UNAVAILABLE -> 0x0C;
                        default -> 0x0A;
                    });
                }
                // the active group is unaffected throughout
                assertGood(send(lu, A1, p.cdb()));
            }
        }
    }

    @Test
    void stpgIsRefusedWhileTransitioning() {
        ManualTransitionScheduler time = new ManualTransitionScheduler();
        TargetPortGroups groups = AluaFixture.twoByTwo(time).build();
        DeviceServer lu = AluaFixture.logicalUnit(groups, "SN1");
        groups.beginTransition(2, AsymmetricAccessState.ACTIVE_OPTIMIZED, java.time.Duration.ofSeconds(5));
        drainAll(lu);
        assertNotReady(setTargetPortGroups(lu, A3, 0x0, 2), 0x0A);
    }
}
