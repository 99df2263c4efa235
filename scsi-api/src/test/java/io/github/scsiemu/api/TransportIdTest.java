package io.github.scsiemu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransportIdTest {

    @Test
    void iscsiPortFormatEncodesNameAndIsidNullTerminatedAndPadded() {
        TransportId id = InitiatorPort.iscsi("iqn.2026-01.org.example:h1", 0x23d000000001L).transportId();
        byte[] b = id.encode();
        String text = "iqn.2026-01.org.example:h1,i,0x23d000000001";
        int additional = (text.length() + 1 + 3) & ~3;
        assertThat(b).hasSize(4 + additional);
        assertThat(b[0]).isEqualTo((byte) 0x45);
        assertThat(((b[2] & 0xFF) << 8) | (b[3] & 0xFF)).isEqualTo(additional);
        assertThat(new String(b, 4, text.length(), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(b[4 + text.length()]).isZero();
        assertThat(TransportId.decode(b, 0, b.length)).contains(id);
    }

    @Test
    void iscsiDeviceFormatHasMinimumLengthOfTwentyFour() {
        TransportId id = new TransportId.Iscsi("iqn.a", Optional.empty());
        byte[] b = id.encode();
        assertThat(b).hasSize(24);
        assertThat(b[0]).isEqualTo((byte) 0x05);
        assertThat(TransportId.decode(b, 0, b.length)).contains(id);
    }

    @Test
    void fibreChannelAndSasRoundTrip() {
        TransportId fc = new TransportId.FibreChannel(0x2100_0024_ff12_3456L);
        byte[] f = fc.encode();
        assertThat(f).hasSize(24);
        assertThat(f[0]).isZero();
        assertThat(f[8]).isEqualTo((byte) 0x21);
        assertThat(TransportId.decode(f, 0, 24)).contains(fc);
        TransportId sas = new TransportId.Sas(0x5000_c500_1234_5678L);
        byte[] s = sas.encode();
        assertThat(s[0]).isEqualTo((byte) 0x06);
        assertThat(s[4]).isEqualTo((byte) 0x50);
        assertThat(TransportId.decode(s, 0, 24)).contains(sas);
    }

    @Test
    void malformedTransportIdsDecodeToEmpty() {
        byte[] b = new TransportId.Iscsi("iqn.a", Optional.empty()).encode();
        for (int i = 4; i < b.length; i++) {
            b[i] = 'x'; // no null terminator
        }
        assertThat(TransportId.decode(b, 0, b.length)).isEmpty();
        assertThat(TransportId.decode(new byte[10], 0, 10)).isEmpty();
        byte[] unknownProtocol = new byte[24];
        unknownProtocol[0] = 0x0F;
        assertThat(TransportId.decode(unknownProtocol, 0, 24)).isEmpty();
    }
}
