package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.iscsi.pdu.Bhs;
import io.github.scsiemu.iscsi.pdu.DataOutPdu;
import io.github.scsiemu.iscsi.pdu.Digests;
import io.github.scsiemu.iscsi.pdu.LogoutRequestPdu;
import io.github.scsiemu.iscsi.pdu.NopOutPdu;
import io.github.scsiemu.iscsi.pdu.Opcode;
import io.github.scsiemu.iscsi.pdu.Pdu;
import io.github.scsiemu.iscsi.pdu.PduCodec;
import io.github.scsiemu.iscsi.pdu.PduFormatException;
import io.github.scsiemu.iscsi.pdu.PduReader;
import io.github.scsiemu.iscsi.pdu.PduWriter;
import io.github.scsiemu.iscsi.pdu.RawPdu;
import io.github.scsiemu.iscsi.pdu.RejectReason;
import io.github.scsiemu.iscsi.pdu.ScsiCommandPdu;
import io.github.scsiemu.iscsi.pdu.SnackRequestPdu;
import io.github.scsiemu.iscsi.pdu.TaskManagementRequestPdu;
import io.github.scsiemu.iscsi.pdu.TextRequestPdu;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection to the target (RFC 7143 4.2): its reader thread runs the login phase, then reads PDUs in full
 * feature phase and hands them to the session; framing errors (header digest, oversized segments, broken
 * sequences) drop the connection, undefined opcodes and data digest errors get a Reject (RFC 7143 7.8 and 11.17).
 * A Data-Out with a data digest error is also handed to its task, which then ends with CHECK CONDITION once all its
 * data is in (RFC 7143 7.8, option b); a command whose immediate data fails its digest is discarded, and the
 * initiator recovers it by retrying the command.
 */
final class TargetConnection implements Runnable {
    private static final System.Logger LOG = System.getLogger(TargetConnection.class.getName());

    private final IscsiTarget portal;
    private final SocketChannel channel;

    TargetConnection(IscsiTarget portal, SocketChannel channel) {
        this.portal = portal;
        this.channel = channel;
    }

    @Override
    public void run() {
        TargetSession session = null;
        try {
            PduReader reader = new PduReader(channel);
            ScheduledFuture<?> timeout = portal.timers().schedule(this::closeQuietly,
                    portal.settings().loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Optional<TargetLogin.Result> login = new TargetLogin(portal, reader, new PduWriter(channel)).run();
            timeout.cancel(false);
            if (login.isEmpty()) {
                return;
            }
            TargetLogin.Result r = login.get();
            Digests digests = new Digests(r.params().headerDigest(), r.params().dataDigest());
            CommandWindow window = new CommandWindow(r.expCmdSn(), portal.settings().commandWindow());
            Outbound out = new Outbound(channel, digests, window, r.nextStatSn(),
                    "iscsi-" + r.identity().initiatorName());
            session = new TargetSession(portal, r.identity(), r.params(), window, out,
                    (InetSocketAddress) channel.getLocalAddress());
            portal.register(session);
            fullFeaturePhase(reader, session, digests, r.params().maxRecvDataSegmentLength());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection ended: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "connection failed", e);
        } finally {
            if (session != null) {
                session.terminate();
            } else {
                closeQuietly();
            }
        }
    }

    private void fullFeaturePhase(PduReader reader, TargetSession session, Digests digests, int limit)
            throws IOException {
        while (true) {
            RawPdu raw;
            Pdu pdu;
            try {
                raw = reader.read(digests, limit);
                if (raw == null) {
                    return;
                }
                pdu = PduCodec.decode(raw);
            } catch (PduFormatException e) {
                ByteBuffer header = e.header().orElseThrow();
                session.reject(e.reason(), header);
                if (e.reason() == RejectReason.DATA_DIGEST_ERROR) {
                    corruptedDataOut(header).ifPresent(session::corruptedDataOut);
                }
                continue;
            }
            if (pdu instanceof ScsiCommandPdu) {
                session.command((ScsiCommandPdu) pdu, raw.header());
            } else if (pdu instanceof DataOutPdu) {
                session.dataOut((DataOutPdu) pdu);
            } else if (pdu instanceof NopOutPdu) {
                session.nopOut((NopOutPdu) pdu);
            } else if (pdu instanceof TaskManagementRequestPdu) {
                session.taskManagement((TaskManagementRequestPdu) pdu);
            } else if (pdu instanceof TextRequestPdu) {
                session.text((TextRequestPdu) pdu);
            } else if (pdu instanceof LogoutRequestPdu) {
                session.logout((LogoutRequestPdu) pdu);
            } else if (pdu instanceof SnackRequestPdu) {
                session.reject(RejectReason.SNACK_REJECT, raw.header()); // error recovery level 0
            } else {
                session.reject(RejectReason.PROTOCOL_ERROR, raw.header()); // a login or a target PDU
            }
        }
    }

    /**
     * The Data-Out a header with a data digest error belongs to, its data lost (zeros); empty for other PDUs. Its
     * header is sound (a header digest error drops the connection first), so it still tells where it sits in its
     * sequence.
     */
    private static Optional<DataOutPdu> corruptedDataOut(ByteBuffer header) {
        Bhs h = Bhs.wrap(header.duplicate());
        if (h.opcodeCode() != Opcode.DATA_OUT.code() || h.totalAhsLength() != 0) {
            return Optional.empty(); // a command with immediate data is discarded and recovered by a retry
        }
        try {
            return Optional.of((DataOutPdu) PduCodec.decode(new RawPdu(header, ByteBuffer.allocate(0),
                    ByteBuffer.allocate(h.dataSegmentLength()))));
        } catch (PduFormatException impossible) {
            return Optional.empty();
        }
    }

    void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
