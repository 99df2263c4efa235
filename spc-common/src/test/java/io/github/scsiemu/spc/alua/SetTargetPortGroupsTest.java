package io.github.scsiemu.spc.alua;

import static io.github.scsiemu.spc.alua.AluaFixture.A1;
import static io.github.scsiemu.spc.alua.AluaFixture.A2;
import static io.github.scsiemu.spc.alua.AluaFixture.A3;
import static io.github.scsiemu.spc.alua.AluaFixture.A4;
import static io.github.scsiemu.spc.alua.AluaFixture.B1;
import static io.github.scsiemu.spc.alua.AluaFixture.B3;
import static io.github.scsiemu.spc.alua.AluaFixture.assertGood;
import static io.github.scsiemu.spc.alua.AluaFixture.assertNotReady;
import static io.github.scsiemu.spc.alua.AluaFixture.assertSense;
import static io.github.scsiemu.spc.alua.AluaFixture.drain;
import static io.github.scsiemu.spc.alua.AluaFixture.drainAll;
import static io.github.scsiemu.spc.alua.AluaFixture.sendOut;
import static io.github.scsiemu.spc.alua.AluaFixture.setTargetPortGroups;
import static io.github.scsiemu.spc.alua.AluaFixture.stpg;
import static io.github.scsiemu.spc.alua.AluaFixture.stpgList;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.DeviceServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SET TARGET PORT GROUPS (SPC-4 6.45): validation with exact field pointers, and explicit transitions. */
class SetTargetPortGroupsTest {

    private static final AdditionalSense CHANGED = AdditionalSense.ASYMMETRIC_ACCESS_STATE_CHANGED;

    private ManualTransitionScheduler time;
    private TargetPortGroups groups;
    private DeviceServer lu;

    @BeforeEach
    void setUp() {
        time = new ManualTransitionScheduler();
        groups = AluaFixture.twoByTwo(time).build();
        lu = AluaFixture.logicalUnit(groups, "SN1");
        drainAll(lu);
    }

    private void assertUnchanged() {
        assertThat(groups.group(1).orElseThrow().state()).isEqualTo(AsymmetricAccessState.ACTIVE_OPTIMIZED);
        assertThat(groups.group(2).orElseThrow().state()).isEqualTo(AsymmetricAccessState.STANDBY);
        assertThat(groups.group(1).orElseThrow().statusCode()).isEqualTo(TargetPortGroupStatusCode.NO_STATUS);
        for (Nexus n : AluaFixture.ALL) {
            assertThat(drain(lu, n)).as("%s", n).isEmpty();
        }
    }

    @Test
    void parameterListLengthZeroIsAGoodNoOp() {
        assertGood(sendOut(lu, A3, stpg(0), new byte[0]));
        assertUnchanged();
    }

    @Test
    void headerOnlyListChangesNothing() {
        assertGood(sendOut(lu, A3, stpg(4), new byte[4]));
        assertUnchanged();
    }

    @Test
    void lengthThatIsNotHeaderPlusWholeDescriptorsIsInvalidFieldInCdb() {
        for (int length : new int[] {1, 3, 5, 7, 9, 10}) {
            assertSense(sendOut(lu, A3, stpg(length), new byte[length]), SenseData.invalidFieldInCdb(6, 7));
        }
        assertUnchanged();
    }

    @Test
    void fewerBytesThanTheLengthIsParameterListLengthError() {
        byte[] list = stpgList(0x0, 2);
        assertSense(sendOut(lu, A3, stpg(12), list), SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
        assertUnchanged();
    }

    @Test
    void stateFourFifteenReservedOrUnsupportedPointAtTheStateField() {
        for (int state : new int[] {0x4, 0xF, 0x5, 0x9, 0xD}) {
            byte[] list = stpgList(0x1, 1, state, 2);
            assertSense(sendOut(lu, A3, stpg(list.length), list), SenseData.invalidFieldInParameterList(8, 3));
        }
        TargetPortGroups narrow = TargetPortGroups.builder()
                .group(1, AsymmetricAccessState.ACTIVE_OPTIMIZED, 1, 2)
                .group(2, AsymmetricAccessState.STANDBY, 3, 4)
                .supportedStates(AsymmetricAccessState.ACTIVE_OPTIMIZED, AsymmetricAccessState.STANDBY)
                .scheduler(time).build();
        DeviceServer other = AluaFixture.logicalUnit(narrow, "SN2");
        drain(other, A3);
        assertSense(setTargetPortGroups(other, A3, 0x3, 2), SenseData.invalidFieldInParameterList(4, 3));
        assertSense(setTargetPortGroups(other, A3, 0xE, 3), SenseData.invalidFieldInParameterList(4, 3));
        assertUnchanged();
    }

    @Test
    void unknownGroupOrPortPointsAtTheTargetField() {
        assertSense(setTargetPortGroups(lu, A3, 0x0, 2, 0x0, 9), SenseData.invalidFieldInParameterList(10, 7));
        assertSense(setTargetPortGroups(lu, A3, 0xE, 9), SenseData.invalidFieldInParameterList(6, 7));
        // the offline secondary group is not a primary group
        groups.takeOffline(4);
        drainAll(lu);
        assertSense(setTargetPortGroups(lu, A1, 0x0, 0xFFFF), SenseData.invalidFieldInParameterList(6, 7));
        groups.bringOnline(4);
        drainAll(lu);
        assertUnchanged();
    }

    @Test
    void namingAGroupTwiceIsAnInvalidCombination() {
        assertSense(setTargetPortGroups(lu, A3, 0x0, 2, 0x1, 2), SenseData.invalidFieldInParameterList(10, 7));
        assertUnchanged();
    }

    @Test
    void reservedBitsInTheListPointAtTheirBit() {
        byte[] list = stpgList(0x0, 2);
        list[1] = 0x04;
        assertSense(sendOut(lu, A3, stpg(8), list), SenseData.invalidFieldInParameterList(1, 2));
        list = stpgList(0x0, 2);
        list[4] = 0x20;
        assertSense(sendOut(lu, A3, stpg(8), list), SenseData.invalidFieldInParameterList(4, 5));
        list = stpgList(0x0, 2);
        list[5] = 0x01;
        assertSense(sendOut(lu, A3, stpg(8), list), SenseData.invalidFieldInParameterList(5, 0));
        assertUnchanged();
    }

    @Test
    void explicitChangeSetsStatusCode01AndNotifiesEveryNexusButTheSender() {
        assertGood(setTargetPortGroups(lu, A3, 0x0, 2, 0x1, 1));
        TargetPortGroup g1 = groups.group(1).orElseThrow();
        TargetPortGroup g2 = groups.group(2).orElseThrow();
        assertThat(g2.state()).isEqualTo(AsymmetricAccessState.ACTIVE_OPTIMIZED);
        assertThat(g1.state()).isEqualTo(AsymmetricAccessState.ACTIVE_NON_OPTIMIZED);
        assertThat(g1.statusCode()).isEqualTo(TargetPortGroupStatusCode.ALTERED_BY_SET_TARGET_PORT_GROUPS);
        assertThat(g2.statusCode()).isEqualTo(TargetPortGroupStatusCode.ALTERED_BY_SET_TARGET_PORT_GROUPS);
        assertThat(drain(lu, A3)).isEmpty();
        for (Nexus n : List.of(A1, A2, A4, B1, B3)) {
            assertThat(drain(lu, n)).as("%s", n).containsExactly(CHANGED);
        }
    }

    @Test
    void requestingTheCurrentStatesChangesNothingAndNotifiesNobody() {
        assertGood(setTargetPortGroups(lu, A3, 0x0, 1, 0x2, 2));
        assertUnchanged();
    }

    @Test
    void explicitOfflineTakesOnePortOffline() {
        assertGood(setTargetPortGroups(lu, A1, 0xE, 4));
        assertThat(groups.stateOf(4)).contains(AsymmetricAccessState.OFFLINE);
        assertThat(groups.stateOf(3)).contains(AsymmetricAccessState.STANDBY);
        assertThat(groups.group(0xFFFF).orElseThrow().statusCode())
                .isEqualTo(TargetPortGroupStatusCode.ALTERED_BY_SET_TARGET_PORT_GROUPS);
        assertNotReady(AluaFixture.send(lu, A4, AluaFixture.inquiry()), 0x12);
        assertThat(drain(lu, A1)).isEmpty();
        assertThat(drain(lu, B1)).containsExactly(CHANGED);
    }

    @Test
    void exclusiveActiveOptimizedDemotesTheOtherGroupAsAnExplicitChange() {
        TargetPortGroups exclusive = AluaFixture.twoByTwo(time)
                .exclusiveActiveOptimized(AsymmetricAccessState.STANDBY).build();
        DeviceServer other = AluaFixture.logicalUnit(exclusive, "SN2");
        drainAll(other);
        assertGood(setTargetPortGroups(other, A3, 0x0, 2));
        assertThat(exclusive.group(1).orElseThrow().state()).isEqualTo(AsymmetricAccessState.STANDBY);
        assertThat(exclusive.group(1).orElseThrow().statusCode())
                .isEqualTo(TargetPortGroupStatusCode.ALTERED_BY_SET_TARGET_PORT_GROUPS);
        assertThat(exclusive.group(2).orElseThrow().state()).isEqualTo(AsymmetricAccessState.ACTIVE_OPTIMIZED);
        assertThat(drain(other, A3)).isEmpty();
        assertThat(drain(other, A1)).containsExactly(CHANGED);
    }

    @Test
    void timedExplicitTransitionCompletesEarlyAndNotifiesOnEachStep() {
        TargetPortGroups timed = AluaFixture.twoByTwo(time).explicitTransitionTime(Duration.ofSeconds(3)).build();
        DeviceServer other = AluaFixture.logicalUnit(timed, "SN2");
        drainAll(other);
        assertGood(setTargetPortGroups(other, A3, 0x0, 2));
        assertThat(timed.group(2).orElseThrow().state()).isEqualTo(AsymmetricAccessState.TRANSITIONING);
        assertThat(drain(other, B3)).containsExactly(CHANGED);
        assertNotReady(AluaFixture.send(other, A3, AluaFixture.testUnitReady()), 0x0A);
        time.advance(Duration.ofSeconds(2));
        assertThat(timed.group(2).orElseThrow().state()).isEqualTo(AsymmetricAccessState.TRANSITIONING);
        time.advance(Duration.ofSeconds(1));
        assertThat(timed.group(2).orElseThrow().state()).isEqualTo(AsymmetricAccessState.ACTIVE_OPTIMIZED);
        assertThat(timed.group(2).orElseThrow().statusCode())
                .isEqualTo(TargetPortGroupStatusCode.ALTERED_BY_SET_TARGET_PORT_GROUPS);
        assertThat(drain(other, B3)).containsExactly(CHANGED);
        assertThat(drain(other, A3)).isEmpty();
        assertGood(AluaFixture.send(other, A3, AluaFixture.testUnitReady()));
    }

    @Test
    void notDeclaredWithoutExplicitSupport() {
        TargetPortGroups implicitOnly = AluaFixture.twoByTwo(time)
                .targetPortGroupSupport(io.github.scsiemu.spc.inquiry.TargetPortGroupSupport.IMPLICIT).build();
        DeviceServer other = AluaFixture.logicalUnit(implicitOnly, "SN2");
        drainAll(other);
        assertSense(setTargetPortGroups(other, A3, 0x0, 2), SenseData.invalidCommandOperationCode());
        assertThat(other.commands().find(0xA4, 0x0A)).isEmpty();
    }
}
