package io.github.scsiemu.spc.mode;

import static io.github.scsiemu.spc.mode.TestLu.A;
import static io.github.scsiemu.spc.mode.TestLu.bytes;
import static io.github.scsiemu.spc.mode.TestLu.checkCondition;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.log.LogPageRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ModeSenseTest {

    static final byte[] CONTROL_CURRENT = bytes(0x8A, 0x0A, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    static final byte[] CONTROL_CHANGEABLE = bytes(0x8A, 0x0A, 0x04, 0, 0x08, 0x40, 0, 0, 0, 0, 0, 0);
    static final byte[] CONTROL_EXTENSION = concat(bytes(0x4A, 0x01, 0x00, 0x1C), new byte[28]);

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, off, p.length);
            off += p.length;
        }
        return all;
    }

    private final TestLu t = new TestLu().ready(A);

    @Test
    void modeSense6ControlCurrentValues() {
        assertThat(t.data(A, 0x1A, 0, 0x0A, 0, 0xFF, 0)).containsExactly(concat(bytes(15, 0, 0, 0), CONTROL_CURRENT));
    }

    @Test
    void modeSense10ControlCurrentValues() {
        assertThat(t.data(A, 0x5A, 0, 0x0A, 0, 0, 0, 0, 0, 0xFF, 0))
                .containsExactly(concat(bytes(0, 18, 0, 0, 0, 0, 0, 0), CONTROL_CURRENT));
    }

    @Test
    void changeableValuesAreTheMaskOfDSenseSwpAndTas() {
        assertThat(t.data(A, 0x1A, 0, 0x4A, 0, 0xFF, 0))
                .containsExactly(concat(bytes(15, 0, 0, 0), CONTROL_CHANGEABLE));
    }

    @Test
    void defaultAndNeverSavedValuesAreTheDefaults() {
        assertThat(t.data(A, 0x1A, 0, 0x8A, 0, 0xFF, 0)).containsExactly(concat(bytes(15, 0, 0, 0), CONTROL_CURRENT));
        assertThat(t.data(A, 0x1A, 0, 0xCA, 0, 0xFF, 0)).containsExactly(concat(bytes(15, 0, 0, 0), CONTROL_CURRENT));
    }

    @Test
    void savedValuesWithoutSavedPagesSupportIsSavingParametersNotSupported() {
        TestLu none = new TestLu(ModePageRegistry.builder().store(ModePageStore.none()).build(),
                LogPageRegistry.builder().build()).ready(A);
        checkCondition(none.in(A, 255, 0x1A, 0, 0xCA, 0, 0xFF, 0),
                SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.SAVING_PARAMETERS_NOT_SUPPORTED));
        // and no page then claims to be saveable
        assertThat(none.data(A, 0x1A, 0, 0x0A, 0, 0xFF, 0)[4]).isEqualTo((byte) 0x0A);
    }

    @Test
    void allPagesWithoutSubpages() {
        assertThat(t.data(A, 0x1A, 0, 0x3F, 0x00, 0xFF, 0)).containsExactly(concat(bytes(15, 0, 0, 0),
                CONTROL_CURRENT));
    }

    @Test
    void allPagesAndSubpages() {
        assertThat(t.data(A, 0x1A, 0, 0x3F, 0xFF, 0xFF, 0)).containsExactly(concat(bytes(47, 0, 0, 0),
                CONTROL_CURRENT, CONTROL_EXTENSION));
    }

    @Test
    void subpageFfOfOnePageReturnsThePageAndItsSubpages() {
        assertThat(t.data(A, 0x5A, 0, 0x0A, 0xFF, 0, 0, 0, 0, 0xFF, 0)).containsExactly(concat(
                bytes(0, 50, 0, 0, 0, 0, 0, 0), CONTROL_CURRENT, CONTROL_EXTENSION));
    }

    @Test
    void oneSubpage() {
        assertThat(t.data(A, 0x1A, 0, 0x0A, 0x01, 0xFF, 0)).containsExactly(concat(bytes(35, 0, 0, 0),
                CONTROL_EXTENSION));
    }

    @Test
    void unsupportedPageCodePointsAtPageCode() {
        ScsiResponse r = t.in(A, 255, 0x1A, 0, 0x19, 0, 0xFF, 0);
        checkCondition(r, SenseData.invalidFieldInCdb(2, 5));
        byte[] sense = r.senseBytes();
        assertThat(Arrays.copyOfRange(sense, 12, 18)).containsExactly(0x24, 0x00, 0, 0xCD, 0x00, 0x02);
    }

    @Test
    void unsupportedSubpagePointsAtSubpageCode() {
        checkCondition(t.in(A, 255, 0x1A, 0, 0x0A, 0x05, 0xFF, 0), SenseData.invalidFieldInCdb(3, 7));
        checkCondition(t.in(A, 255, 0x1A, 0, 0x3F, 0x05, 0xFF, 0), SenseData.invalidFieldInCdb(3, 7));
        checkCondition(t.in(A, 255, 0x1A, 0, 0x19, 0xFF, 0xFF, 0), SenseData.invalidFieldInCdb(2, 5));
    }

    @Test
    void llbaaIsReservedInModeSense6() {
        checkCondition(t.in(A, 255, 0x1A, 0x10, 0x0A, 0, 0xFF, 0), SenseData.invalidFieldInCdb(1, 4));
    }

    @Test
    void dataIsTruncatedToTheAllocationLength() {
        assertThat(t.in(A, 255, 0x1A, 0, 0x0A, 0, 6, 0).dataInBytes()).containsExactly(15, 0, 0, 0, 0x8A, 0x0A);
    }

    /** A device with an 8-byte or 16-byte block descriptor and WP set in the device-specific parameter. */
    static final class Disk implements BlockDescriptors {
        static final byte[] SHORT = bytes(0, 0, 0x10, 0, 0, 0, 0x02, 0);
        static final byte[] LONG = bytes(0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x02, 0);
        byte[] selected;

        @Override
        public List<byte[]> sense(boolean longLbaAccepted, PageControl pageControl) {
            return List.of(longLbaAccepted ? LONG : SHORT);
        }

        @Override
        public BooleanSupplier select(List<byte[]> descriptors, boolean longLba, int parameterListOffset) {
            if (descriptors.size() != 1 || longLba) {
                throw io.github.scsiemu.spc.CheckConditionException.invalidParameter(parameterListOffset, 7);
            }
            return () -> {
                selected = descriptors.get(0);
                return true;
            };
        }
    }

    private static TestLu disk(Disk disk) {
        return new TestLu(ModePageRegistry.builder().blockDescriptors(disk).deviceSpecificParameter(() -> 0x80)
                .mediumType(() -> 0).build(), LogPageRegistry.builder().build()).ready(A);
    }

    @Test
    void blockDescriptorsAndDeviceSpecificParameterComeFromTheDevice() {
        TestLu d = disk(new Disk());
        assertThat(d.data(A, 0x1A, 0, 0x0A, 0, 0xFF, 0))
                .containsExactly(concat(bytes(23, 0, 0x80, 8), Disk.SHORT, CONTROL_CURRENT));
        assertThat(d.data(A, 0x5A, 0x10, 0x0A, 0, 0, 0, 0, 0, 0xFF, 0))
                .containsExactly(concat(bytes(0, 34, 0, 0x80, 1, 0, 0, 16), Disk.LONG, CONTROL_CURRENT));
        assertThat(d.data(A, 0x5A, 0, 0x0A, 0, 0, 0, 0, 0, 0xFF, 0))
                .containsExactly(concat(bytes(0, 26, 0, 0x80, 0, 0, 0, 8), Disk.SHORT, CONTROL_CURRENT));
    }

    @Test
    void dbdSuppressesBlockDescriptors() {
        TestLu d = disk(new Disk());
        assertThat(d.data(A, 0x1A, 0x08, 0x0A, 0, 0xFF, 0))
                .containsExactly(concat(bytes(15, 0, 0x80, 0), CONTROL_CURRENT));
    }

    @Test
    void modeSelectHandsBlockDescriptorsToTheDevice() {
        Disk disk = new Disk();
        TestLu d = disk(disk);
        byte[] descriptor = bytes(0, 0, 0, 0, 0, 0, 0x10, 0);
        d.good(d.out(A, concat(bytes(0, 0, 0, 8), descriptor), 0x15, 0x10, 0, 0, 12, 0));
        assertThat(disk.selected).containsExactly(descriptor);
        assertThat(d.lu.senseFormat()).isEqualTo(SenseFormat.FIXED);
    }
}
