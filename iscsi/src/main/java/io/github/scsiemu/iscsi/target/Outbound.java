package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.iscsi.pdu.Digests;
import io.github.scsiemu.iscsi.pdu.Pdu;
import io.github.scsiemu.iscsi.pdu.PduWriter;
import io.github.scsiemu.iscsi.pdu.RawPdu;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The sending half of a connection in full feature phase (RFC 7143 4.2.2.2): stamps each PDU with the connection's
 * StatSN (advancing it for status-carrying PDUs) and the session's current ExpCmdSN and MaxCmdSN in the order the
 * PDUs are queued, and a writer thread writes them. Thread-safe.
 */
final class Outbound {
    /** Builds a target PDU from the sequence numbers current when it is queued. */
    @FunctionalInterface
    interface Stamped {
        Pdu build(int statSn, int expCmdSn, int maxCmdSn);
    }


    private final SocketChannel channel;
    private final PduWriter writer;
    private final Digests digests;
    private final CommandWindow window;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private int statSn;
    private boolean closed;

    Outbound(SocketChannel channel, Digests digests, CommandWindow window, int nextStatSn, String name) {
        this.channel = channel;
        this.writer = new PduWriter(channel);
        this.digests = digests;
        this.window = window;
        this.statSn = nextStatSn;
        this.thread = new Thread(this::run, name + "-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a PDU.
     *
     * @param pdu            builds the PDU from StatSN, ExpCmdSN and MaxCmdSN
     * @param advancesStatSn whether the PDU carries status and consumes a StatSN
     */
    synchronized void send(Stamped pdu, boolean advancesStatSn) {
        if (closed) {
            return;
        }
        int sn = statSn;
        if (advancesStatSn) {
            statSn++;
        }
        queue.add(pdu.build(sn, window.expCmdSn(), window.maxCmdSn()).toRaw());
    }

    /** Queues a raw PDU as it is (for deliberately malformed traffic in tests of initiators). */
    synchronized void sendRaw(RawPdu raw) {
        if (!closed) {
            queue.add(raw);
        }
    }

    /** Writes what is queued, then closes the socket. */
    synchronized void closeAfterFlush() {
        if (!closed) {
            closed = true;
            queue.add(new Object());
        }
    }

    private void run() {
        try {
            while (true) {
                Object next = queue.take();
                if (!(next instanceof RawPdu)) {
                    break;
                }
                writer.write((RawPdu) next, digests);
            }
        } catch (IOException | InterruptedException e) {
            // the connection is gone; the reader notices and ends the session
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
