package io.github.scsiemu.spc.inquiry;

import static io.github.scsiemu.spc.inquiry.Requests.TARGET_NAME;
import static io.github.scsiemu.spc.inquiry.Requests.bytes;
import static io.github.scsiemu.spc.inquiry.Requests.disk;
import static io.github.scsiemu.spc.inquiry.Requests.inquiry;
import static io.github.scsiemu.spc.inquiry.Requests.nexus;
import static io.github.scsiemu.spc.inquiry.Requests.request;
import static io.github.scsiemu.spc.inquiry.Requests.testUnitReady;
import static io.github.scsiemu.spc.inquiry.Requests.zeros;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.DeviceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InquiryTest {

    private final DeviceServer lu = disk();
    private final Nexus nexus = nexus("host1");

    private ScsiResponse send(byte[] cdb) {
        return lu.execute(request(nexus, cdb, 255));
    }

    private static void assertInvalidField(ScsiResponse r, int byteOffset, int bit) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense().orElseThrow().senseKey()).isEqualTo(SenseKey.ILLEGAL_REQUEST);
        assertThat(r.sense().orElseThrow().additionalSense()).isEqualTo(AdditionalSense.INVALID_FIELD_IN_CDB);
        assertThat(r.sense().orElseThrow().senseKeySpecific())
                .contains(SenseKeySpecific.FieldPointer.cdb(byteOffset, bit));
        assertThat(r.dataInBytes()).isEmpty();
    }

    static final byte[] STANDARD = bytes(
            0x00, 0x00, 0x06, 0x12, 0x5B, 0x00, 0x00, 0x02,
            "SCSIEMU ", "TEST            ", "0001",
            zeros(20), 0x00, 0x00,
            0x00, 0xA0, 0x04, 0x60, zeros(12),
            zeros(22));

    @Test
    void standardInquiryDataIsExact() {
        ScsiResponse r = send(inquiry(false, 0, 255));
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(STANDARD).hasSize(96);
        assertThat(r.dataInBytes()).isEqualTo(STANDARD);
        assertThat(r.dataInResidual()).isEqualTo(255 - 96);
    }

    @Test
    void standardInquiryTruncatedTo36Bytes() {
        ScsiResponse r = send(inquiry(false, 0, 36));
        assertThat(r.dataInBytes()).isEqualTo(java.util.Arrays.copyOf(STANDARD, 36));
        assertThat(r.dataInResidual()).isEqualTo(255 - 36);
    }

    @Test
    void targetPortGroupSupportAndRemovableAppearInByte5AndByte1() {
        DeviceServer alua = DeviceServer.builder(Requests.identity().withRemovable(true))
                .vpdPages(VpdPageRegistry.builder().targetPortGroupSupport(TargetPortGroupSupport.IMPLICIT).build())
                .build();
        byte[] data = alua.execute(request(nexus, inquiry(false, 0, 96), 96)).dataInBytes();
        assertThat(data[1]).isEqualTo((byte) 0x80);
        assertThat(data[5]).isEqualTo((byte) 0x10);
    }

    @Test
    void pageCodeWithoutEvpdPointsAtPageCode() {
        assertInvalidField(send(inquiry(false, 0x80, 255)), 2, 7);
    }

    @Test
    void obsoleteCmddtBitIsReserved() {
        byte[] cdb = inquiry(false, 0, 255);
        cdb[1] = 0x02;
        assertInvalidField(send(cdb), 1, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x01, 0x81, 0x87, 0xB0, 0xFF})
    void unsupportedVpdPagePointsAtPageCode(int page) {
        assertInvalidField(send(inquiry(true, page, 255)), 2, 7);
    }

    @Test
    void inquiryReportsNoUnitAttentionAndLeavesItPending() {
        assertThat(send(inquiry(false, 0, 96)).status()).isEqualTo(Status.GOOD);
        assertThat(send(inquiry(true, 0x83, 255)).status()).isEqualTo(Status.GOOD);
        ScsiResponse tur = send(testUnitReady());
        assertThat(tur.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(tur.sense().orElseThrow().senseKey()).isEqualTo(SenseKey.UNIT_ATTENTION);
        assertThat(tur.sense().orElseThrow().additionalSense())
                .isEqualTo(AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
        assertThat(send(testUnitReady()).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void supportedVpdPagesListsStandardPagesAscending() {
        assertThat(send(inquiry(true, 0x00, 255)).dataInBytes())
                .isEqualTo(bytes(0x00, 0x00, 0x00, 0x05, 0x00, 0x80, 0x83, 0x86, 0x88));
    }

    @Test
    void supportedVpdPagesIncludesDevicePagesInOrder() {
        VpdPage b1 = new VpdPage() {
            @Override
            public int pageCode() {
                return 0xB1;
            }

            @Override
            public byte[] content(CommandContext context) {
                return new byte[] {0x12, 0x34};
            }
        };
        DeviceServer withPages = DeviceServer.builder(Requests.identity())
                .vpdPages(VpdPageRegistry.builder().page(b1).build()).build();
        assertThat(withPages.execute(request(nexus, inquiry(true, 0x00, 255), 255)).dataInBytes())
                .isEqualTo(bytes(0x00, 0x00, 0x00, 0x06, 0x00, 0x80, 0x83, 0x86, 0x88, 0xB1));
        assertThat(withPages.execute(request(nexus, inquiry(true, 0xB1, 255), 255)).dataInBytes())
                .isEqualTo(bytes(0x00, 0xB1, 0x00, 0x02, 0x12, 0x34));
    }

    @Test
    void unitSerialNumberPage() {
        assertThat(send(inquiry(true, 0x80, 255)).dataInBytes()).isEqualTo(bytes(0x00, 0x80, 0x00, 0x03, "SN1"));
    }

    static byte[] portNameDesignator(String portName, int association) {
        byte[] name = portName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int padded = (name.length + 1 + 3) & ~3;
        return bytes(0x53, 0x80 | association << 4 | 0x08, 0x00, padded, java.util.Arrays.copyOf(name, padded));
    }

    @Test
    void deviceIdentificationPageLayout() {
        byte[] naa = Requests.identity().naaRegisteredExtended();
        assertThat(naa[0] & 0xF0).isEqualTo(0x60);
        String portName = TARGET_NAME + ",t,0x0001";
        assertThat(portName).hasSize(43);
        byte[] expected = bytes(
                0x00, 0x83, 0x00, 0x9B,
                0x01, 0x03, 0x00, 0x10, naa,
                0x02, 0x01, 0x00, 0x1B, "SCSIEMU ", "TEST            ", "SN1",
                0x51, 0x94, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01,
                0x51, 0x95, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00,
                0x53, 0x98, 0x00, 44, portName, 0x00,
                0x53, 0xA8, 0x00, 36, TARGET_NAME, 0x00, 0x00);
        assertThat(expected).hasSize(4 + 0x9B);
        assertThat(portNameDesignator(portName, 1)).isEqualTo(bytes(0x53, 0x98, 0x00, 44, portName, 0x00));
        assertThat(send(inquiry(true, 0x83, 255)).dataInBytes()).isEqualTo(expected);
    }

    @Test
    void deviceIdentificationFollowsTheReceivingPort() {
        byte[] page = lu.execute(request(nexus("host1", Requests.PORT_2), inquiry(true, 0x83, 255), 255))
                .dataInBytes();
        // relative target port 2 and target port group 1
        assertThat(java.util.Arrays.copyOfRange(page, 55, 71)).isEqualTo(bytes(
                0x51, 0x94, 0x00, 0x04, 0x00, 0x00, 0x00, 0x02,
                0x51, 0x95, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01));
    }

    @Test
    void portWithoutIscsiSuffixHasNoTargetDeviceName() {
        io.github.scsiemu.api.TargetPort plain = new io.github.scsiemu.api.TargetPort("port-a", 7, 3);
        assertThat(DeviceIdentificationPage.designators(Requests.identity(), plain))
                .extracting(DesignationDescriptor::association)
                .containsExactly(DesignationDescriptor.Association.LOGICAL_UNIT,
                        DesignationDescriptor.Association.LOGICAL_UNIT, DesignationDescriptor.Association.TARGET_PORT,
                        DesignationDescriptor.Association.TARGET_PORT, DesignationDescriptor.Association.TARGET_PORT);
    }

    @Test
    void extendedInquiryDataPage() {
        byte[] expected = new byte[64];
        expected[1] = (byte) 0x86;
        expected[3] = 0x3C;
        expected[5] = 0x07; // HEADSUP, ORDSUP, SIMPSUP
        expected[7] = 0x01; // LUICLR
        assertThat(send(inquiry(true, 0x86, 255)).dataInBytes()).isEqualTo(expected);
    }

    @Test
    void extendedInquiryDataPageCanBeReplacedByADeviceType() {
        DeviceServer cached = DeviceServer.builder(Requests.identity())
                .vpdPages(VpdPageRegistry.builder().page(ExtendedInquiryDataPage.DEFAULT.withCaches(false, true))
                        .build()).build();
        byte[] page = cached.execute(request(nexus, inquiry(true, 0x86, 255), 255)).dataInBytes();
        assertThat(page[6]).isEqualTo((byte) 0x01); // V_SUP
    }

    @Test
    void scsiPortsPageOfAStandaloneLogicalUnitNamesTheReceivingPort() {
        String portName = TARGET_NAME + ",t,0x0001";
        assertThat(send(inquiry(true, 0x88, 255)).dataInBytes()).isEqualTo(bytes(
                0x00, 0x88, 0x00, 0x3C,
                0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x30,
                0x53, 0x98, 0x00, 44, portName, 0x00));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x80, 0x83, 0x86, 0x88})
    void pageLengthIsReportedInFullWithAllocationLengthFour(int page) {
        byte[] full = send(inquiry(true, page, 255)).dataInBytes();
        ScsiResponse r = send(inquiry(true, page, 4));
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInBytes()).isEqualTo(java.util.Arrays.copyOf(full, 4));
        assertThat(((full[2] & 0xFF) << 8) | (full[3] & 0xFF)).isEqualTo(full.length - 4);
        assertThat(r.dataInResidual()).isEqualTo(255 - 4);
    }

    @Test
    void notCapableQualifierGivesByte7FhAndNoVitalProductData() {
        DeviceServer absent = DeviceServer.builder(Requests.identity())
                .vpdPages(VpdPageRegistry.builder().peripheralQualifier(PeripheralQualifier.NOT_CAPABLE).build())
                .build();
        assertThat(absent.execute(request(nexus, inquiry(false, 0, 96), 96)).dataInBytes()[0])
                .isEqualTo((byte) 0x7F);
        ScsiResponse evpd = absent.execute(request(nexus, inquiry(true, 0x00, 255), 255));
        assertThat(evpd.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(evpd.sense().orElseThrow().additionalSense())
                .isEqualTo(AdditionalSense.LOGICAL_UNIT_NOT_SUPPORTED);
    }

    @Test
    void vpdHeaderCarriesTheQualifierAndDeviceType() {
        DeviceServer notConnected = DeviceServer.builder(Requests.identity())
                .vpdPages(VpdPageRegistry.builder().peripheralQualifier(PeripheralQualifier.NOT_CONNECTED).build())
                .build();
        assertThat(notConnected.execute(request(nexus, inquiry(true, 0x80, 255), 255)).dataInBytes()[0])
                .isEqualTo((byte) 0x20);
    }

    @Test
    void scsiNameStringIsNullTerminatedAndPaddedToFour() {
        assertThat(DesignationDescriptor.scsiNameString(DesignationDescriptor.Association.TARGET_DEVICE, "abcd")
                .orElseThrow().encode()).isEqualTo(bytes(0x53, 0xA8, 0x00, 0x08, "abcd", 0, 0, 0, 0));
        assertThat(DesignationDescriptor.scsiNameString(DesignationDescriptor.Association.TARGET_DEVICE, "abc")
                .orElseThrow().encode()).isEqualTo(bytes(0x53, 0xA8, 0x00, 0x04, "abc", 0));
        assertThat(DesignationDescriptor.scsiNameString(DesignationDescriptor.Association.TARGET_PORT,
                "x".repeat(252))).isEmpty();
    }

    @Test
    void registryRejectsPageZero() {
        VpdPage zero = new VpdPage() {
            @Override
            public int pageCode() {
                return 0;
            }

            @Override
            public byte[] content(CommandContext context) {
                return new byte[0];
            }
        };
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> VpdPageRegistry.builder().page(zero));
    }
}
