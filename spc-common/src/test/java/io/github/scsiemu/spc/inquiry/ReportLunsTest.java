package io.github.scsiemu.spc.inquiry;

import static io.github.scsiemu.spc.inquiry.Requests.bytes;
import static io.github.scsiemu.spc.inquiry.Requests.disk;
import static io.github.scsiemu.spc.inquiry.Requests.nexus;
import static io.github.scsiemu.spc.inquiry.Requests.reportLuns;
import static io.github.scsiemu.spc.inquiry.Requests.request;
import static io.github.scsiemu.spc.inquiry.Requests.testUnitReady;
import static io.github.scsiemu.spc.inquiry.Requests.zeros;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LunInventory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportLunsTest {

    private final DeviceServer lu = disk();
    private final Nexus nexus = nexus("host1");

    private ScsiResponse send(byte[] cdb, int expected) {
        return lu.execute(request(nexus, cdb, expected));
    }

    private static void assertInvalidField(ScsiResponse r, int byteOffset, int bit) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense().orElseThrow().senseKey()).isEqualTo(SenseKey.ILLEGAL_REQUEST);
        assertThat(r.sense().orElseThrow().additionalSense()).isEqualTo(AdditionalSense.INVALID_FIELD_IN_CDB);
        assertThat(r.sense().orElseThrow().senseKeySpecific())
                .contains(SenseKeySpecific.FieldPointer.cdb(byteOffset, bit));
    }

    private static LunInventory inventory(List<Lun> luns) {
        return new LunInventory() {
            @Override
            public List<Lun> luns() {
                return luns;
            }

            @Override
            public List<Lun> wellKnownLuns() {
                return List.of(Lun.REPORT_LUNS_WELL_KNOWN);
            }
        };
    }

    @Test
    void standaloneLogicalUnitReportsLunZero() {
        ScsiResponse r = send(reportLuns(0, 255), 255);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInBytes()).isEqualTo(bytes(0, 0, 0, 8, zeros(4), zeros(8)));
        assertThat(r.dataInResidual()).isEqualTo(255 - 16);
    }

    @Test
    void emptyInventoryReportsOnlyTheHeader() {
        lu.attach(List::of);
        assertThat(send(reportLuns(0, 255), 255).dataInBytes()).isEqualTo(zeros(8));
    }

    @Test
    void threeHundredLunsUseFlatSpaceAddressingAbove255() {
        List<Lun> luns = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            luns.add(Lun.of(i));
        }
        lu.attach(() -> luns);
        ScsiResponse r = send(reportLuns(0, 8 + 8 * 300), 4096);
        byte[] data = r.dataInBytes();
        assertThat(data).hasSize(8 + 2400);
        assertThat(Arrays.copyOf(data, 8)).isEqualTo(bytes(0x00, 0x00, 0x09, 0x60, 0, 0, 0, 0));
        assertThat(Arrays.copyOfRange(data, 8, 16)).isEqualTo(bytes(0x00, 0x01, zeros(6)));
        assertThat(Arrays.copyOfRange(data, 8 + 8 * 254, 8 + 8 * 255)).isEqualTo(bytes(0x00, 0xFF, zeros(6)));
        assertThat(Arrays.copyOfRange(data, 8 + 8 * 255, 8 + 8 * 256)).isEqualTo(bytes(0x41, 0x00, zeros(6)));
        assertThat(Arrays.copyOfRange(data, 8 + 8 * 299, 8 + 8 * 300)).isEqualTo(bytes(0x41, 0x2C, zeros(6)));
        assertThat(r.dataInResidual()).isEqualTo(4096 - 2408);
    }

    @Test
    void lunListLengthIsReportedInFullWhenTruncated() {
        lu.attach(() -> List.of(Lun.of(0), Lun.of(1), Lun.of(2)));
        ScsiResponse r = send(reportLuns(0, 16), 255);
        assertThat(r.dataInBytes()).isEqualTo(bytes(0, 0, 0, 24, zeros(4), zeros(8)));
        assertThat(r.dataInResidual()).isEqualTo(255 - 16);
    }

    @Test
    void selectReportVariants() {
        lu.attach(inventory(List.of(Lun.of(0), Lun.of(5))));
        assertThat(send(reportLuns(0x00, 255), 255).dataInBytes())
                .isEqualTo(bytes(0, 0, 0, 16, zeros(4), zeros(8), 0x00, 0x05, zeros(6)));
        assertThat(send(reportLuns(0x01, 255), 255).dataInBytes())
                .isEqualTo(bytes(0, 0, 0, 8, zeros(4), 0xC1, 0x01, zeros(6)));
        assertThat(send(reportLuns(0x02, 255), 255).dataInBytes()).isEqualTo(
                bytes(0, 0, 0, 24, zeros(4), zeros(8), 0x00, 0x05, zeros(6), 0xC1, 0x01, zeros(6)));
    }

    @Test
    void standaloneLogicalUnitHasNoWellKnownLogicalUnits() {
        assertThat(send(reportLuns(0x01, 255), 255).dataInBytes()).isEqualTo(zeros(8));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x03, 0x10, 0x11, 0x12, 0xFF})
    void unsupportedSelectReportPointsAtByte2(int select) {
        assertInvalidField(send(reportLuns(select, 255), 255), 2, 7);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 15})
    void allocationLengthBelowSixteenPointsAtByte6(int allocation) {
        assertInvalidField(send(reportLuns(0, allocation), 255), 6, 7);
    }

    @Test
    void reservedByteIsRejected() {
        byte[] cdb = reportLuns(0, 255);
        cdb[1] = 0x01;
        assertInvalidField(send(cdb, 255), 1, 0);
    }

    @Test
    void reportLunsClearsReportedLunsDataHasChangedButNotOtherConditions() {
        assertThat(send(reportLuns(0, 255), 255).status()).isEqualTo(Status.GOOD); // POWER ON still pending
        lu.unitAttentions().establish(nexus, AdditionalSense.REPORTED_LUNS_DATA_HAS_CHANGED);
        assertThat(send(reportLuns(0, 255), 255).status()).isEqualTo(Status.GOOD);
        ScsiResponse first = send(testUnitReady(), 0);
        assertThat(first.sense().orElseThrow().additionalSense())
                .isEqualTo(AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
        assertThat(send(testUnitReady(), 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void failedReportLunsDoesNotClearTheCondition() {
        send(testUnitReady(), 0); // consumes POWER ON
        lu.unitAttentions().establish(nexus, AdditionalSense.REPORTED_LUNS_DATA_HAS_CHANGED);
        assertInvalidField(send(reportLuns(0, 8), 255), 6, 7);
        ScsiResponse tur = send(testUnitReady(), 0);
        assertThat(tur.sense().orElseThrow().additionalSense())
                .isEqualTo(AdditionalSense.REPORTED_LUNS_DATA_HAS_CHANGED);
    }
}
