package io.github.scsiemu.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.iscsi.pdu.Digests;
import io.github.scsiemu.iscsi.pdu.LoginRequestPdu;
import io.github.scsiemu.iscsi.pdu.LoginResponsePdu;
import io.github.scsiemu.iscsi.pdu.Pdu;
import io.github.scsiemu.iscsi.pdu.PduCodec;
import io.github.scsiemu.iscsi.pdu.PduFormatException;
import io.github.scsiemu.iscsi.pdu.PduReader;
import io.github.scsiemu.iscsi.pdu.PduWriter;
import io.github.scsiemu.iscsi.pdu.RawPdu;
import io.github.scsiemu.iscsi.text.TextCodec;
import io.github.scsiemu.iscsi.text.TextKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test client that owns its socket outright, so that it can put anything on the wire: login requests with chosen
 * fields and keys, PDUs with deliberately wrong digests, truncated PDUs. Reads time out instead of blocking forever,
 * and {@link #awaitEnd(Duration)} tells whether the target dropped the connection.
 */
final class RawConnection implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);

    private final SocketChannel channel;
    private final PduReader reader;
    private final PduWriter writer;
    private final long isid;
    private Digests digests = Digests.NONE;
    private int cmdSn = 1;
    private int expStatSn;

    private RawConnection(SocketChannel channel, long isid) throws IOException {
        this.channel = channel;
        this.isid = isid;
        channel.socket().setSoTimeout((int) WAIT.toMillis());
        this.reader = new PduReader(Channels.newChannel(channel.socket().getInputStream()));
        this.writer = new PduWriter(channel);
    }

    static RawConnection open(InetSocketAddress portal, long isid) throws IOException {
        return new RawConnection(SocketChannel.open(portal), isid);
    }

    /** A login request of version 0 for a new session (TSIH 0) with the given stages and keys. */
    LoginRequestPdu request(boolean transit, int csg, int nsg, List<TextKey> keys) {
        return new LoginRequestPdu(transit, false, csg, nsg, 0, 0, isid, 0, 1, 0, cmdSn, expStatSn,
                TextCodec.encode(keys));
    }

    /** Sends a login request and returns the target's answer. */
    LoginResponsePdu login(LoginRequestPdu request) throws IOException {
        writer.write(request.toRaw(), Digests.NONE);
        Pdu answer = read(Digests.NONE);
        assertThat(answer).isInstanceOf(LoginResponsePdu.class);
        LoginResponsePdu r = (LoginResponsePdu) answer;
        expStatSn = r.statSn() + 1;
        return r;
    }

    /** Sends a login request made by {@link #request} and returns the target's answer. */
    LoginResponsePdu login(boolean transit, int csg, int nsg, List<TextKey> keys) throws IOException {
        return login(request(transit, csg, nsg, keys));
    }

    /**
     * Logs in to full feature phase with one operational-stage request (as libiscsi does without CHAP), offering
     * the given digests; they are in force afterwards.
     */
    LoginResponsePdu loginToFullFeaturePhase(String initiator, String target, String headerDigest,
            String dataDigest) throws IOException {
        LoginResponsePdu r = login(true, 1, 3, List.of(new TextKey("InitiatorName", initiator),
                new TextKey("TargetName", target), new TextKey("SessionType", "Normal"),
                new TextKey("HeaderDigest", headerDigest), new TextKey("DataDigest", dataDigest),
                new TextKey("InitialR2T", "Yes"), new TextKey("ImmediateData", "Yes"),
                new TextKey("MaxRecvDataSegmentLength", "262144")));
        assertThat(r.status()).isZero();
        assertThat(r.transit()).isTrue();
        assertThat(r.nextStage()).isEqualTo(3);
        Map<String, String> keys = keys(r);
        digests = new Digests("CRC32C".equals(keys.get("HeaderDigest")), "CRC32C".equals(keys.get("DataDigest")));
        return r;
    }

    /** The digests in force. */
    Digests digests() {
        return digests;
    }

    /** The CmdSN for the next non-immediate command, which it takes. */
    int takeCmdSn() {
        return cmdSn++;
    }

    /** The CmdSN an immediate PDU carries (not taken). */
    int cmdSn() {
        return cmdSn;
    }

    int expStatSn() {
        return expStatSn;
    }

    /** Sends a PDU with the digests in force. */
    void send(Pdu pdu) throws IOException {
        sendRaw(pdu.toRaw());
    }

    /** Sends a raw PDU (its header as given) with the digests in force. */
    void sendRaw(RawPdu raw) throws IOException {
        writer.write(raw, digests);
    }

    /** Puts bytes on the wire as they are. */
    void sendBytes(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Signals the end of what this side sends (a TCP FIN), keeping the receiving side open. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** The next PDU from the target; fails if none comes within {@link #WAIT}. */
    Pdu read() throws IOException {
        return read(digests);
    }

    private Pdu read(Digests d) throws IOException {
        try {
            RawPdu raw = reader.read(d, 1 << 24);
            if (raw == null) {
                throw new IOException("the target closed the connection");
            }
            Pdu pdu = PduCodec.decode(raw);
            if (pdu instanceof io.github.scsiemu.iscsi.pdu.StatusSequencedPdu) {
                expStatSn = ((io.github.scsiemu.iscsi.pdu.StatusSequencedPdu) pdu).statSn() + 1;
            }
            return pdu;
        } catch (PduFormatException e) {
            throw new IOException(e);
        }
    }

    /** The next PDU if one comes within {@code wait}. */
    Optional<Pdu> poll(Duration wait) throws IOException {
        channel.socket().setSoTimeout((int) wait.toMillis());
        try {
            return Optional.of(read());
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } finally {
            channel.socket().setSoTimeout((int) WAIT.toMillis());
        }
    }

    /**
     * Reads until the target closes the connection and returns the PDUs it sent before; fails if the connection is
     * still open after {@code wait}.
     */
    List<Pdu> awaitEnd(Duration wait) throws IOException {
        List<Pdu> before = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            channel.socket().setSoTimeout((int) left);
            try {
                RawPdu raw = reader.read(digests, 1 << 24);
                if (raw == null) {
                    return before;
                }
                before.add(PduCodec.decode(raw));
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the target kept the connection open for " + wait);
            } catch (PduFormatException e) {
                throw new IOException(e);
            } catch (IOException reset) {
                return before; // connection reset, or the stream ended inside a PDU
            }
        }
    }

    static Map<String, String> keys(Pdu response) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (TextKey k : TextCodec.decode(response.data())) {
                m.put(k.key(), k.value());
            }
        } catch (io.github.scsiemu.iscsi.text.TextFormatException e) {
            throw new AssertionError(e);
        }
        return m;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
