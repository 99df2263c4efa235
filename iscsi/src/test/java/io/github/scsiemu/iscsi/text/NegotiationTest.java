package io.github.scsiemu.iscsi.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NegotiationTest {

    private static final Map<String, String> TARGET = Map.of(Keys.HEADER_DIGEST, "CRC32C", Keys.DATA_DIGEST,
            "None,CRC32C", Keys.MAX_BURST_LENGTH, "262144", Keys.DEFAULT_TIME2WAIT, "2", Keys.INITIAL_R2T, "No",
            Keys.IMMEDIATE_DATA, "Yes", Keys.IF_MARKER, "No");

    private static List<TextKey> keys(String... pairs) {
        List<TextKey> l = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            l.add(new TextKey(pairs[i], pairs[i + 1]));
        }
        return l;
    }

    @Test
    void textCodecRoundTripsAndRejectsPairsWithoutTerminator() throws Exception {
        List<TextKey> k = keys("InitiatorName", "iqn.x", "SendTargets", "");
        ByteBuffer wire = TextCodec.encode(k);
        assertThat(new String(wire.array(), StandardCharsets.UTF_8)).isEqualTo("InitiatorName=iqn.x\0SendTargets=\0");
        assertThat(TextCodec.decode(wire)).isEqualTo(k);
        assertThatThrownBy(() -> TextCodec.decode(ByteBuffer.wrap("A=b".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(TextFormatException.class);
        assertThatThrownBy(() -> TextCodec.decode(ByteBuffer.wrap("novalue\0".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(TextFormatException.class);
    }

    @Test
    void responderAnswersEachResultFunction() throws Exception {
        Negotiation n = new Negotiation(TARGET, false);
        List<TextKey> answers = n.receive(keys(Keys.HEADER_DIGEST, "None,CRC32C", Keys.DATA_DIGEST, "CRC32C,None",
                Keys.MAX_BURST_LENGTH, "1048576", Keys.DEFAULT_TIME2WAIT, "0", Keys.INITIAL_R2T, "Yes",
                Keys.IMMEDIATE_DATA, "No", Keys.IF_MARKER, "No", Keys.MAX_RECV_DATA_SEGMENT_LENGTH, "65536",
                "X-private", "1", Keys.IF_MARK_INT, "2048"));
        assertThat(answers).containsExactly(new TextKey(Keys.HEADER_DIGEST, "CRC32C"),
                new TextKey(Keys.DATA_DIGEST, "CRC32C"), new TextKey(Keys.MAX_BURST_LENGTH, "262144"),
                new TextKey(Keys.DEFAULT_TIME2WAIT, "2"), new TextKey(Keys.INITIAL_R2T, "Yes"),
                new TextKey(Keys.IMMEDIATE_DATA, "No"), new TextKey(Keys.IF_MARKER, "No"),
                new TextKey("X-private", "NotUnderstood"), new TextKey(Keys.IF_MARK_INT, "Irrelevant"));
        assertThat(n.results()).containsEntry(Keys.MAX_RECV_DATA_SEGMENT_LENGTH, "65536");
        OperationalParameters p = OperationalParameters.from(n.results(), 262144);
        assertThat(p.headerDigest()).isTrue();
        assertThat(p.maxBurstLength()).isEqualTo(262144);
        assertThat(p.firstBurstLength()).isEqualTo(65536);
        assertThat(p.maxSendDataSegmentLength()).isEqualTo(65536);
        assertThat(p.initialR2T()).isTrue();
        assertThat(p.immediateData()).isFalse();
    }

    @Test
    void illegalOffersAreRejectedAndDiscoveryAnswersIrrelevant() throws Exception {
        Negotiation n = new Negotiation(TARGET, true);
        assertThat(n.receive(keys(Keys.MAX_BURST_LENGTH, "100", Keys.ERROR_RECOVERY_LEVEL, "7",
                Keys.DATA_PDU_IN_ORDER, "maybe", Keys.HEADER_DIGEST, "MD5"))).containsExactly(
                        new TextKey(Keys.MAX_BURST_LENGTH, "Irrelevant"),
                        new TextKey(Keys.ERROR_RECOVERY_LEVEL, "Reject"),
                        new TextKey(Keys.DATA_PDU_IN_ORDER, "Irrelevant"), new TextKey(Keys.HEADER_DIGEST, "Reject"));
        assertThat(n.results()).doesNotContainKeys(Keys.ERROR_RECOVERY_LEVEL, Keys.HEADER_DIGEST);
    }

    @Test
    void aKeyOfferedTwiceIsAnError() throws Exception {
        Negotiation n = new Negotiation(TARGET, false);
        n.receive(keys(Keys.MAX_BURST_LENGTH, "8192"));
        assertThatThrownBy(() -> n.receive(keys(Keys.MAX_BURST_LENGTH, "8192")))
                .isInstanceOf(TextFormatException.class);
    }

    @Test
    void originatorChecksAnswers() throws Exception {
        Negotiation n = new Negotiation(Map.of(), false);
        n.offer(keys(Keys.MAX_BURST_LENGTH, "65536", Keys.HEADER_DIGEST, "None", Keys.INITIAL_R2T, "Yes"));
        assertThat(n.hasOutstandingOffers()).isTrue();
        n.receive(keys(Keys.MAX_BURST_LENGTH, "8192", Keys.HEADER_DIGEST, "None", Keys.INITIAL_R2T, "Yes"));
        assertThat(n.hasOutstandingOffers()).isFalse();
        assertThat(n.results()).containsEntry(Keys.MAX_BURST_LENGTH, "8192");
        Negotiation bad = new Negotiation(Map.of(), false);
        bad.offer(keys(Keys.MAX_BURST_LENGTH, "65536"));
        assertThatThrownBy(() -> bad.receive(keys(Keys.MAX_BURST_LENGTH, "131072")))
                .isInstanceOf(TextFormatException.class);
        Negotiation badList = new Negotiation(Map.of(), false);
        badList.offer(keys(Keys.DATA_DIGEST, "None"));
        assertThatThrownBy(() -> badList.receive(keys(Keys.DATA_DIGEST, "CRC32C")))
                .isInstanceOf(TextFormatException.class);
        Negotiation badOr = new Negotiation(Map.of(), false);
        badOr.offer(keys(Keys.INITIAL_R2T, "Yes"));
        assertThatThrownBy(() -> badOr.receive(keys(Keys.INITIAL_R2T, "No")))
                .isInstanceOf(TextFormatException.class);
    }

    @Test
    void numbersMayBeHexadecimal() throws Exception {
        assertThat(Keys.definition(Keys.MAX_BURST_LENGTH).orElseThrow().number("0x2000")).isEqualTo(8192);
    }
}
