package io.github.scsiemu.server;

import io.github.scsiemu.iscsi.pdu.Bhs;
import io.github.scsiemu.iscsi.pdu.Digests;
import io.github.scsiemu.iscsi.pdu.Opcode;
import io.github.scsiemu.iscsi.pdu.PduReader;
import io.github.scsiemu.iscsi.pdu.PduWriter;
import io.github.scsiemu.iscsi.pdu.RawPdu;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between an external iSCSI initiator and a portal that records, for every SCSI Command (RFC 7143
 * 11.3), its CDB and the SCSI status the target ended it with (SCSI Response, 11.4, or a Data-In carrying status,
 * 11.7.1). It frames the traffic as PDUs (11.2) without digests, which is what an initiator that proposes
 * {@code HeaderDigest=None,CRC32C} gets from our target.
 */
final class RecordingRelay implements AutoCloseable {

    /** Larger than any data segment either side declares. */
    private static final int MAX_SEGMENT = 16 << 20;

    /**
     * One completed SCSI command.
     *
     * @param cdb    the CDB as carried in the BHS (16 bytes, zero-padded)
     * @param status the SCSI status (SAM-5 5.3.1)
     */
    record Exchange(byte[] cdb, int status) {
        int opcode() {
            return cdb[0] & 0xFF;
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(cdb) + " -> status " + String.format("%02X", status);
        }
    }

    private final InetSocketAddress portal;
    private final ServerSocketChannel listener;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<SocketChannel> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private RecordingRelay(InetSocketAddress portal, ServerSocketChannel listener) {
        this.portal = portal;
        this.listener = listener;
    }

    /** Listens on an ephemeral loopback port and relays each connection to {@code portal}. */
    static RecordingRelay start(InetSocketAddress portal) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(portal.getAddress(), 0));
        RecordingRelay relay = new RecordingRelay(portal, listener);
        relay.spawn("relay-accept", relay::accept);
        return relay;
    }

    /** The port initiators connect to. */
    int port() {
        return listener.socket().getLocalPort();
    }

    /** The exchanges completed since the last call, in completion order, and forgets them. */
    synchronized List<Exchange> drain() {
        List<Exchange> done = List.copyOf(exchanges);
        exchanges.clear();
        return done;
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel initiator = listener.accept();
                SocketChannel target = SocketChannel.open(portal);
                sockets.add(initiator);
                sockets.add(target);
                Map<Integer, byte[]> pending = new HashMap<>();
                spawn("relay-out", () -> pump(initiator, target, pending, true));
                spawn("relay-in", () -> pump(target, initiator, pending, false));
            }
        } catch (IOException closed) {
            // the relay was closed
        }
    }

    /** Copies PDUs from one side to the other, noting commands going out and status coming back. */
    private void pump(SocketChannel from, SocketChannel to, Map<Integer, byte[]> pending, boolean outbound) {
        PduReader reader = new PduReader(from);
        PduWriter writer = new PduWriter(to);
        try {
            RawPdu pdu;
            while ((pdu = reader.read(Digests.NONE, MAX_SEGMENT)) != null) {
                note(pdu.bhs(), pending, outbound);
                writer.write(pdu, Digests.NONE);
            }
        } catch (Exception endOrError) {
            // end of the connection; closing both sides ends the other pump too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void note(Bhs bhs, Map<Integer, byte[]> pending, boolean outbound) {
        int itt = bhs.i32(16);
        int opcode = bhs.opcodeCode();
        synchronized (pending) {
            if (outbound && opcode == Opcode.SCSI_COMMAND.code()) {
                byte[] cdb = new byte[16];
                bhs.bytes().get(32, cdb);
                pending.put(itt, cdb);
            } else if (!outbound && (opcode == Opcode.SCSI_RESPONSE.code()
                    || opcode == Opcode.DATA_IN.code() && bhs.flag(0x01))) {
                byte[] cdb = pending.remove(itt);
                if (cdb != null) {
                    completed(new Exchange(cdb, bhs.u8(3)));
                }
            }
        }
    }

    private synchronized void completed(Exchange exchange) {
        exchanges.add(exchange);
    }

    private void spawn(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(RecordingRelay::closeQuietly);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** For messages: the exchanges, one a line. */
    static String describe(List<Exchange> exchanges) {
        StringBuilder b = new StringBuilder();
        exchanges.forEach(e -> b.append(e).append('\n'));
        return b.toString();
    }
}
