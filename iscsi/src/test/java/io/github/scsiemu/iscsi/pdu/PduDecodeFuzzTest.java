package io.github.scsiemu.iscsi.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;

/**
 * Coverage-guided fuzzing of PDU framing and decoding: whatever the bytes, reading throws only IOException
 * (framing) or PduFormatException, decoding only PduFormatException, and a decoded PDU encodes back to a PDU that
 * decodes to itself. In {@code mvn verify} it replays its inputs; {@code JAZZER_FUZZ=1} fuzzes.
 */
class PduDecodeFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodingArbitraryBytesThrowsOnlyTheCodecsErrors(FuzzedDataProvider in) {
        Digests digests = new Digests(in.consumeBoolean(), in.consumeBoolean());
        byte[] bytes = in.consumeRemainingAsBytes();
        try {
            RawPdu raw = new PduReader(Channels.newChannel(new ByteArrayInputStream(bytes))).read(digests, 65536);
            if (raw == null) {
                return;
            }
            Pdu pdu = PduCodec.decode(raw);
            assertThat(PduCodec.decode(pdu.toRaw())).isEqualTo(pdu);
        } catch (IOException | PduFormatException expected) {
            // the codec's declared errors
        }
    }
}
