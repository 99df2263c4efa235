package io.github.scsiemu.spc.log;

import static io.github.scsiemu.spc.mode.TestLu.A;
import static io.github.scsiemu.spc.mode.TestLu.bytes;
import static io.github.scsiemu.spc.mode.TestLu.checkCondition;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.mode.ModePageRegistry;
import io.github.scsiemu.spc.mode.TestLu;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogCommandsTest {

    private final LogCounter c0 = new LogCounter(0x0000, 4);
    private final LogCounter c1 = new LogCounter(0x0001, 4);
    private final LogCounter c5 = new LogCounter(0x0005, 2);
    private final LogCounter other = new LogCounter(0x0000, 2);
    private final LogPage counters = new LogPage("Test counters", 0x30, 0, List.of(c5, c0, c1));
    private final LogPage otherPage = new LogPage("Other counters", 0x31, 0x01, List.of(other));
    private final TestLu t = new TestLu(ModePageRegistry.builder().build(), LogPageRegistry.builder()
            .page(counters).page(otherPage)
            .page(InformationalExceptionsLogPage.create(() -> AdditionalSense.NO_ADDITIONAL_SENSE_INFORMATION, () -> 38))
            .build()).ready(A);

    private byte[] logSense(int pcPage, int subpage, int pointer) {
        return t.data(A, 0x4D, 0, pcPage, subpage, 0, pointer >>> 8, pointer & 0xFF, 0x10, 0, 0);
    }

    private ScsiResponse logSelect(int cdb1, int pcPage, int subpage, byte[] list) {
        return t.out(A, list, 0x4C, cdb1, pcPage, subpage, 0, 0, 0, list.length >>> 8, list.length & 0xFF, 0);
    }

    @Test
    void supportedLogPagesListsEveryPageCodeOnce() {
        assertThat(logSense(0x40, 0, 0)).containsExactly(0x80, 0x00, 0x00, 0x04, 0x00, 0x2F, 0x30, 0x31);
        TestLu bare = new TestLu().ready(A);
        assertThat(bare.data(A, 0x4D, 0, 0x40, 0, 0, 0, 0, 0x10, 0, 0)).containsExactly(0x80, 0, 0, 1, 0);
    }

    @Test
    void supportedLogPagesAndSubpagesListsEveryPair() {
        assertThat(logSense(0x40, 0xFF, 0)).containsExactly(0xC0, 0xFF, 0x00, 0x0A, 0x00, 0x00, 0x00, 0xFF, 0x2F, 0x00,
                0x30, 0x00, 0x31, 0x01);
    }

    @Test
    void informationalExceptionsReportsNoConditionAndTheTemperature() {
        assertThat(logSense(0x6F, 0, 0)).containsExactly(0xAF, 0x00, 0x00, 0x07, 0x00, 0x00, 0x03, 0x03, 0x00, 0x00, 38);
    }

    @Test
    void countersAreReturnedAscendingFromTheParameterPointer() {
        c0.add(2);
        c1.increment();
        c5.add(0x1_0005); // saturates at FFFFh
        assertThat(logSense(0x70, 0, 0)).containsExactly(0xB0, 0, 0, 0x16,
                0, 0, 0, 4, 0, 0, 0, 2,
                0, 1, 0, 4, 0, 0, 0, 1,
                0, 5, 0, 2, 0xFF, 0xFF);
        assertThat(logSense(0x70, 0, 2)).containsExactly(0xB0, 0, 0, 0x06, 0, 5, 0, 2, 0xFF, 0xFF);
        assertThat(logSense(0xF0, 0, 1)).containsExactly(0xB0, 0, 0, 0x0E, 0, 1, 0, 4, 0, 0, 0, 0, 0, 5, 0, 2, 0, 0);
    }

    @Test
    void parameterPointerAboveTheHighestCodeIsInvalid() {
        checkCondition(t.in(A, 255, 0x4D, 0, 0x70, 0, 0, 0, 6, 0, 0xFF, 0), SenseData.invalidFieldInCdb(5, 7));
        checkCondition(t.in(A, 255, 0x4D, 0, 0x40, 0, 0, 0, 1, 0, 0xFF, 0), SenseData.invalidFieldInCdb(5, 7));
    }

    @Test
    void logSenseFieldErrors() {
        checkCondition(t.in(A, 255, 0x4D, 0, 0x55, 0, 0, 0, 0, 0, 0xFF, 0), SenseData.invalidFieldInCdb(2, 5));
        checkCondition(t.in(A, 255, 0x4D, 0, 0x6F, 3, 0, 0, 0, 0, 0xFF, 0), SenseData.invalidFieldInCdb(3, 7));
        checkCondition(t.in(A, 255, 0x4D, 1, 0x70, 0, 0, 0, 0, 0, 0xFF, 0), SenseData.invalidFieldInCdb(1, 0));
        checkCondition(t.in(A, 255, 0x4D, 2, 0x70, 0, 0, 0, 0, 0, 0xFF, 0), SenseData.invalidFieldInCdb(1, 1));
        checkCondition(t.in(A, 255, 0x4D, 0, 0x30, 0, 0, 0, 0, 0, 0xFF, 0), SenseData.invalidFieldInCdb(2, 7));
    }

    @Test
    void pcrResetsTheCumulativeValuesOfAllPages() {
        c0.add(9);
        other.add(3);
        t.good(logSelect(0x02, 0x40, 0, new byte[0]));
        assertThat(c0.get()).isZero();
        assertThat(other.get()).isZero();
    }

    @Test
    void pcrWithAPageCodeResetsOnlyThatPage() {
        c0.add(9);
        other.add(3);
        t.good(logSelect(0x02, 0x71, 0xFF, new byte[0]));
        assertThat(c0.get()).isEqualTo(9);
        assertThat(other.get()).isZero();
        checkCondition(logSelect(0x02, 0x55, 0, new byte[0]), SenseData.invalidFieldInCdb(2, 5));
    }

    @Test
    void defaultCumulativeWithoutListResetsAndCurrentCumulativeChangesNothing() {
        c0.add(9);
        t.good(logSelect(0x00, 0x70, 0, new byte[0]));
        assertThat(c0.get()).isEqualTo(9);
        t.good(logSelect(0x00, 0xF0, 0, new byte[0]));
        assertThat(c0.get()).isZero();
    }

    @Test
    void pcrWithAParameterListIsInvalid() {
        checkCondition(logSelect(0x02, 0x40, 0, bytes(0x30, 0, 0, 0)), SenseData.invalidFieldInCdb(1, 1));
        checkCondition(logSelect(0x01, 0x40, 0, new byte[0]), SenseData.invalidFieldInCdb(1, 0));
    }

    @Test
    void parameterListSetsCumulativeValues() {
        t.good(logSelect(0, 0x40, 0, bytes(0x30, 0, 0, 0x0E, 0, 0, 0, 4, 0, 0, 1, 0, 0, 5, 0, 2, 0, 7)));
        assertThat(c0.get()).isEqualTo(256);
        assertThat(c5.get()).isEqualTo(7);
    }

    @Test
    void parameterListErrorsPointAtTheField() {
        checkCondition(logSelect(0, 0x40, 0, bytes(0x32, 0, 0, 0)), SenseData.invalidFieldInParameterList(0, 5));
        checkCondition(logSelect(0, 0x40, 0, bytes(0x30, 0, 0, 8, 0, 2, 0, 4, 0, 0, 0, 1)),
                SenseData.invalidFieldInParameterList(4, 7)); // unsupported parameter code
        checkCondition(logSelect(0, 0x40, 0, bytes(0x30, 0, 0, 0x0E, 0, 5, 0, 2, 0, 7, 0, 0, 0, 4, 0, 0, 0, 1)),
                SenseData.invalidFieldInParameterList(10, 7)); // not ascending
        checkCondition(logSelect(0, 0x40, 0, bytes(0x30, 0, 0, 7, 0, 5, 0, 3, 0, 0, 7)),
                SenseData.invalidFieldInParameterList(7, 7)); // wrong parameter length
        checkCondition(logSelect(0, 0x40, 0, bytes(0x30, 0, 0, 6, 0, 5, 3, 2, 0, 7)),
                SenseData.invalidFieldInParameterList(6, 1)); // FORMAT AND LINKING
        checkCondition(logSelect(0, 0x40, 0, bytes(0x2F, 0, 0, 7, 0, 0, 3, 3, 0, 0, 20)),
                SenseData.invalidFieldInParameterList(4, 7)); // not changeable
        checkCondition(logSelect(0, 0x40, 0, bytes(0x30, 0, 0, 6, 0, 5, 0, 4, 0, 7)),
                SenseData.invalidFieldInParameterList(2, 7)); // parameter runs past the page
        checkCondition(logSelect(0, 0x40, 0, bytes(0x30, 0, 0, 9, 0, 5, 0, 2, 0, 7)),
                SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR));
        checkCondition(logSelect(0, 0x70, 0, bytes(0x30, 0, 0, 0)), SenseData.invalidFieldInCdb(2, 5));
        checkCondition(logSelect(0, 0x00, 0, bytes(0x30, 0, 0, 0)), SenseData.invalidFieldInCdb(2, 7));
        assertThat(c5.get()).isZero();
    }

    @Test
    void logSelectIsAtomic() {
        checkCondition(logSelect(0, 0x40, 0, bytes(0x30, 0, 0, 6, 0, 5, 0, 2, 0, 7, 0x32, 0, 0, 0)),
                SenseData.invalidFieldInParameterList(10, 5));
        assertThat(c5.get()).isZero();
    }
}
