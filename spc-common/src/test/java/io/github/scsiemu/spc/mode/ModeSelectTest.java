package io.github.scsiemu.spc.mode;

import static io.github.scsiemu.spc.mode.ModeSenseTest.concat;
import static io.github.scsiemu.spc.mode.TestLu.A;
import static io.github.scsiemu.spc.mode.TestLu.B;
import static io.github.scsiemu.spc.mode.TestLu.bytes;
import static io.github.scsiemu.spc.mode.TestLu.checkCondition;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.log.LogPageRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModeSelectTest {

    static final SenseData PARAMETER_LIST_LENGTH_ERROR =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);

    private final TestLu t = new TestLu().ready(A).ready(B);

    /** A Control mode page as MODE SELECT sends it: PS clear, bytes 2, 3, 4, 5 as given. */
    static byte[] control(int b2, int b3, int b4, int b5) {
        return bytes(0x0A, 0x0A, b2, b3, b4, b5, 0, 0, 0, 0, 0, 0);
    }

    private ScsiResponse select6(int cdb1, byte[] list) {
        return t.out(A, list, 0x15, cdb1, 0, 0, list.length, 0);
    }

    private ScsiResponse select6(byte[] list) {
        return select6(0x10, list);
    }

    @Test
    void dSenseSwitchesLaterSenseDataToDescriptorFormat() {
        t.good(select6(concat(bytes(0, 0, 0, 0), control(0x06, 0, 0, 0))));
        assertThat(t.lu.senseFormat()).isEqualTo(SenseFormat.DESCRIPTOR);
        ScsiResponse r = t.in(A, 0, 0xC7, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        checkCondition(r, SenseData.invalidCommandOperationCode());
        assertThat(r.senseBytes()[0]).isEqualTo((byte) 0x72);
        assertThat(r.senseBytes()[1] & 0x0F).isEqualTo(0x05);
        assertThat(r.senseBytes()[2]).isEqualTo((byte) 0x20);
    }

    @Test
    void modeSense10AfterSelectReportsTheNewCurrentValues() {
        t.good(t.out(A, concat(bytes(0, 0, 0, 0, 0, 0, 0, 0), control(0x06, 0, 0x08, 0x40)),
                0x55, 0x10, 0, 0, 0, 0, 0, 0, 20, 0));
        assertThat(t.data(A, 0x1A, 0, 0x0A, 0, 0xFF, 0)).containsExactly(
                concat(bytes(15, 0, 0, 0), bytes(0x8A, 0x0A, 0x06, 0, 0x08, 0x40, 0, 0, 0, 0, 0, 0)));
        assertThat(t.lu.modePages().taskAbortedStatus()).isTrue();
        assertThat(t.lu.modePages().softwareWriteProtect()).isTrue();
    }

    @Test
    void modeParametersChangedReachesEveryOtherNexusExactlyOnce() {
        t.good(select6(concat(bytes(0, 0, 0, 0), control(0x06, 0, 0, 0))));
        checkCondition(t.in(B, 0, 0, 0, 0, 0, 0, 0), SenseData.unitAttention(AdditionalSense.MODE_PARAMETERS_CHANGED));
        t.good(t.in(B, 0, 0, 0, 0, 0, 0, 0));
        t.good(t.in(A, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void selectThatChangesNothingEstablishesNoUnitAttention() {
        t.good(select6(concat(bytes(0, 0, 0, 0), control(0x02, 0, 0, 0))));
        t.good(t.in(B, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void changingANonChangeableBitPointsAtTheMostSignificantDifferingBit() {
        checkCondition(select6(concat(bytes(0, 0, 0, 0), control(0x02, 0x06, 0, 0))),
                SenseData.invalidFieldInParameterList(7, 2)); // QERR
        checkCondition(select6(concat(bytes(0, 0, 0, 0), control(0x22, 0, 0, 0))),
                SenseData.invalidFieldInParameterList(6, 5)); // TST
        checkCondition(select6(concat(bytes(0, 0, 0, 0), control(0x00, 0, 0, 0))),
                SenseData.invalidFieldInParameterList(6, 1)); // GLTSD cleared
        assertThat(t.lu.modePages().control()).isEqualTo(ControlModePage.decode(ControlModePage.PAGE.defaults()));
    }

    @Test
    void pageHeaderErrorsPointIntoTheParameterList() {
        byte[] ps = concat(bytes(0, 0, 0, 0), control(0x02, 0, 0, 0));
        ps[4] = (byte) 0x8A;
        checkCondition(select6(ps), SenseData.invalidFieldInParameterList(4, 7));
        byte[] unknown = concat(bytes(0, 0, 0, 0), control(0x02, 0, 0, 0));
        unknown[4] = 0x19;
        checkCondition(select6(unknown), SenseData.invalidFieldInParameterList(4, 5));
        byte[] length = concat(bytes(0, 0, 0, 0), control(0x02, 0, 0, 0));
        length[5] = 0x09;
        checkCondition(select6(length), SenseData.invalidFieldInParameterList(5, 7));
        byte[] dataLength = concat(bytes(0, 0, 0, 0), control(0x02, 0, 0, 0));
        dataLength[0] = 15;
        checkCondition(select6(dataLength), SenseData.invalidFieldInParameterList(0, 7));
        byte[] unknownSubpage = concat(bytes(0, 0, 0, 0), bytes(0x4A, 0x05, 0, 0));
        checkCondition(select6(unknownSubpage), SenseData.invalidFieldInParameterList(5, 7));
    }

    @Test
    void subpageFormatPageLengthIsTwoBytes() {
        byte[] ext = concat(bytes(0, 0, 0, 0), bytes(0x4A, 0x01, 0x00, 0x1B), new byte[27]);
        checkCondition(select6(ext), SenseData.invalidFieldInParameterList(6, 7));
        t.good(select6(concat(bytes(0, 0, 0, 0), bytes(0x4A, 0x01, 0x00, 0x1C), new byte[28])));
        byte[] changed = concat(bytes(0, 0, 0, 0), bytes(0x4A, 0x01, 0x00, 0x1C), new byte[28]);
        changed[4 + 6] = 0x40; // MAXIMUM SENSE DATA LENGTH is not changeable
        checkCondition(select6(changed), SenseData.invalidFieldInParameterList(10, 6));
    }

    @Test
    void truncatedParameterListsAreParameterListLengthErrors() {
        checkCondition(select6(bytes(0, 0, 0)), PARAMETER_LIST_LENGTH_ERROR);
        checkCondition(select6(concat(bytes(0, 0, 0, 0), bytes(0x0A))), PARAMETER_LIST_LENGTH_ERROR);
        checkCondition(select6(concat(bytes(0, 0, 0, 0), bytes(0x0A, 0x0A, 0x02, 0))), PARAMETER_LIST_LENGTH_ERROR);
        checkCondition(select6(bytes(0, 0, 0, 8)), PARAMETER_LIST_LENGTH_ERROR);
        checkCondition(t.out(A, bytes(0, 0, 0, 0, 0, 0, 0), 0x55, 0x10, 0, 0, 0, 0, 0, 0, 7, 0),
                PARAMETER_LIST_LENGTH_ERROR);
    }

    @Test
    void zeroParameterListLengthIsNotAnError() {
        t.good(t.out(A, new byte[0], 0x15, 0x10, 0, 0, 0, 0));
        t.good(t.out(A, new byte[0], 0x15, 0x00, 0, 0, 0, 0));
    }

    @Test
    void blockDescriptorsAreRejectedWhenTheDeviceHasNone() {
        checkCondition(select6(concat(bytes(0, 0, 0, 8), new byte[8])), SenseData.invalidFieldInParameterList(3, 7));
        checkCondition(t.out(A, concat(bytes(0, 0, 0, 0, 0, 0, 0, 8), new byte[8]), 0x55, 0x10, 0, 0, 0, 0, 0, 0, 16,
                0), SenseData.invalidFieldInParameterList(6, 7));
    }

    @Test
    void reservedHeaderBitsOfModeSelect10AreChecked() {
        checkCondition(t.out(A, bytes(0, 0, 0, 0, 0x02, 0, 0, 0), 0x55, 0x10, 0, 0, 0, 0, 0, 0, 8, 0),
                SenseData.invalidFieldInParameterList(4, 1));
    }

    @Test
    void pfZeroIsRefusedForPagesButAcceptedForAHeaderOnly() {
        checkCondition(select6(0x00, concat(bytes(0, 0, 0, 0), control(0x06, 0, 0, 0))),
                SenseData.invalidFieldInCdb(1, 4));
        t.good(select6(0x00, bytes(0, 0, 0, 0)));
        assertThat(t.lu.senseFormat()).isEqualTo(SenseFormat.FIXED);
    }

    @Test
    void modeSelectIsAtomic() {
        byte[] ext = concat(bytes(0x4A, 0x01, 0x00, 0x1C), new byte[28]);
        ext[4] = 1; // IALUAE is not changeable
        checkCondition(select6(concat(bytes(0, 0, 0, 0), control(0x06, 0, 0, 0), ext)),
                SenseData.invalidFieldInParameterList(20, 0));
        assertThat(t.lu.senseFormat()).isEqualTo(SenseFormat.FIXED);
        t.good(t.in(B, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void savedPagesSurviveLogicalUnitReset() {
        t.good(select6(0x11, concat(bytes(0, 0, 0, 0), control(0x06, 0, 0, 0x40))));
        t.good(select6(concat(bytes(0, 0, 0, 0), control(0x02, 0, 0, 0))));
        assertThat(t.lu.senseFormat()).isEqualTo(SenseFormat.FIXED);
        assertThat(t.data(A, 0x1A, 0, 0xCA, 0, 0xFF, 0)).containsExactly(
                concat(bytes(15, 0, 0, 0), bytes(0x8A, 0x0A, 0x06, 0, 0, 0x40, 0, 0, 0, 0, 0, 0)));
        t.logicalUnitReset(A);
        t.in(A, 0, 0, 0, 0, 0, 0, 0); // the reset's unit attention
        assertThat(t.lu.senseFormat()).isEqualTo(SenseFormat.DESCRIPTOR);
        assertThat(t.lu.modePages().taskAbortedStatus()).isTrue();
        assertThat(t.data(A, 0x1A, 0, 0x0A, 0, 0xFF, 0)).containsExactly(
                concat(bytes(15, 0, 0, 0), bytes(0x8A, 0x0A, 0x06, 0, 0, 0x40, 0, 0, 0, 0, 0, 0)));
    }

    @Test
    void spWithoutSavedPagesIsInvalidFieldInCdb() {
        TestLu none = new TestLu(ModePageRegistry.builder().store(ModePageStore.none()).build(),
                LogPageRegistry.builder().build()).ready(A);
        byte[] list = concat(bytes(0, 0, 0, 0), control(0x06, 0, 0, 0));
        checkCondition(none.out(A, list, 0x15, 0x11, 0, 0, list.length, 0), SenseData.invalidFieldInCdb(1, 0));
        assertThat(none.lu.senseFormat()).isEqualTo(SenseFormat.FIXED);
    }

    // ------------------------------------------------------------- device pages with typed accessors

    /** A device page in the sub_page format: byte 4 bit 0 changeable, values 0-3 of byte 5 bits 1-0 valid. */
    record Knobs(boolean enabled, int level) {
        static final ModePage<Knobs> PAGE = ModePage.builder("Knobs", 0x19, 0x02, 4,
                        p -> new Knobs((p[4] & 1) != 0, p[5] & 0xFF))
                .changeable(4, 0x01).changeable(5, 0xFF).defaultByte(5, 1).saveable(false)
                .validator((proposed, current) -> (proposed[5] & 0xFF) > 3
                        ? Optional.of(new ModePage.InvalidField(5, 7)) : Optional.empty())
                .build();
    }

    @Test
    void devicePagesAreReadThroughTypedAccessorsAndListeners() {
        ModePageRegistry registry = ModePageRegistry.builder().page(Knobs.PAGE).build();
        List<Knobs> heard = new ArrayList<>();
        registry.addListener(Knobs.PAGE, heard::add);
        TestLu d = new TestLu(registry, LogPageRegistry.builder().build()).ready(A);
        assertThat(registry.current(Knobs.PAGE)).isEqualTo(new Knobs(false, 1));
        assertThat(d.data(A, 0x1A, 0, 0x19, 0x02, 0xFF, 0)).containsExactly(11, 0, 0, 0, 0x59, 0x02, 0, 4, 0, 1, 0,
                0);
        byte[] page = bytes(0x59, 0x02, 0, 4, 1, 3, 0, 0);
        d.good(d.out(A, concat(bytes(0, 0, 0, 0), page), 0x15, 0x10, 0, 0, 12, 0));
        assertThat(registry.current(Knobs.PAGE)).isEqualTo(new Knobs(true, 3));
        assertThat(heard).containsExactly(new Knobs(true, 3));
        page[5] = 4;
        checkCondition(d.out(A, concat(bytes(0, 0, 0, 0), page), 0x15, 0x10, 0, 0, 12, 0),
                SenseData.invalidFieldInParameterList(9, 7));
        page[6] = 1; // byte 6 is not changeable
        page[5] = 2;
        checkCondition(d.out(A, concat(bytes(0, 0, 0, 0), page), 0x15, 0x10, 0, 0, 12, 0),
                SenseData.invalidFieldInParameterList(10, 0));
        assertThat(d.lu.execute(io.github.scsiemu.api.ScsiRequest.of(A, io.github.scsiemu.api.Lun.of(0),
                bytes(0x1A, 0, 0x3F, 0xFF, 0xFF, 0), 255)).status()).isEqualTo(Status.GOOD);
        // a page not saveable is reported with PS clear, and reset returns it to its default
        d.logicalUnitReset(A);
        assertThat(registry.current(Knobs.PAGE)).isEqualTo(new Knobs(false, 1));
        assertThat(heard).containsExactly(new Knobs(true, 3), new Knobs(false, 1));
    }
}
