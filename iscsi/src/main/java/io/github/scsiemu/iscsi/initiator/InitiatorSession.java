package io.github.scsiemu.iscsi.initiator;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.pdu.DataInPdu;
import io.github.scsiemu.iscsi.pdu.DataOutPdu;
import io.github.scsiemu.iscsi.pdu.Digests;
import io.github.scsiemu.iscsi.pdu.LogoutRequestPdu;
import io.github.scsiemu.iscsi.pdu.LogoutResponsePdu;
import io.github.scsiemu.iscsi.pdu.NopInPdu;
import io.github.scsiemu.iscsi.pdu.NopOutPdu;
import io.github.scsiemu.iscsi.pdu.Pdu;
import io.github.scsiemu.iscsi.pdu.PduCodec;
import io.github.scsiemu.iscsi.pdu.PduFormatException;
import io.github.scsiemu.iscsi.pdu.PduReader;
import io.github.scsiemu.iscsi.pdu.PduWriter;
import io.github.scsiemu.iscsi.pdu.RawPdu;
import io.github.scsiemu.iscsi.pdu.ReadyToTransferPdu;
import io.github.scsiemu.iscsi.pdu.RejectPdu;
import io.github.scsiemu.iscsi.pdu.ScsiCommandPdu;
import io.github.scsiemu.iscsi.pdu.ScsiResponsePdu;
import io.github.scsiemu.iscsi.pdu.StatusSequencedPdu;
import io.github.scsiemu.iscsi.pdu.SerialNumbers;
import io.github.scsiemu.iscsi.pdu.TaskManagementRequestPdu;
import io.github.scsiemu.iscsi.pdu.TaskManagementResponsePdu;
import io.github.scsiemu.iscsi.pdu.TextRequestPdu;
import io.github.scsiemu.iscsi.pdu.TextResponsePdu;
import io.github.scsiemu.iscsi.text.OperationalParameters;
import io.github.scsiemu.iscsi.text.TextCodec;
import io.github.scsiemu.iscsi.text.TextFormatException;
import io.github.scsiemu.iscsi.text.TextKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An iSCSI initiator session with one connection (RFC 7143): logs in, then sends SCSI commands with immediate,
 * unsolicited and R2T-solicited data, reassembles Data-In checking DataSN and Buffer Offset, and offers task
 * management, NOP-Out pings, SendTargets and logout. A reader thread matches incoming PDUs to outstanding tasks by
 * ITT; PDUs that match none (Rejects of raw PDUs, asynchronous messages) go to {@link #unsolicited()}. Tests reach
 * the wire directly through {@link #sendRaw(RawPdu)}.
 */
public final class InitiatorSession implements AutoCloseable {
    private final SocketChannel channel;
    private final PduWriter writer;
    private final Digests digests;
    private final OperationalParameters params;
    private final Duration timeout;
    private final long isid;
    private final Map<String, String> loginKeys;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Pdu> unsolicited = new LinkedBlockingQueue<>();
    private final AtomicInteger tags = new AtomicInteger(0x1000);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private int cmdSn;
    private int maxCmdSn;
    private volatile int expStatSn;

    private InitiatorSession(SocketChannel channel, LoginOptions options, InitiatorLogin.Result login) {
        this.channel = channel;
        this.writer = new PduWriter(channel);
        this.params = login.params();
        this.digests = new Digests(params.headerDigest(), params.dataDigest());
        this.timeout = options.timeout();
        this.isid = options.isid();
        this.loginKeys = login.keys();
        this.cmdSn = login.cmdSn();
        this.maxCmdSn = login.cmdSn();
        this.expStatSn = login.expStatSn();
    }

    /**
     * Connects and logs in.
     *
     * @param portal  the target portal
     * @param options what to ask for
     * @return the session in full feature phase
     * @throws LoginException if the target refuses the login
     * @throws IOException    if the connection fails
     */
    public static InitiatorSession login(InetSocketAddress portal, LoginOptions options) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.socket().connect(portal, (int) options.timeout().toMillis());
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            PduReader reader = new PduReader(ch);
            InitiatorLogin.Result r = withTimeout(ch, options.timeout(),
                    () -> InitiatorLogin.run(options, reader, new PduWriter(ch)));
            InitiatorSession s = new InitiatorSession(ch, options, r);
            Thread t = new Thread(() -> s.readLoop(reader), "iscsi-initiator-" + Long.toHexString(options.isid()));
            t.setDaemon(true);
            t.start();
            return s;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    /** Runs a blocking login with a watchdog that closes the channel when it takes too long. */
    private static <T> T withTimeout(SocketChannel ch, Duration timeout, IoCall<T> call) throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing is all we can do
            }
            return null;
        });
        try {
            return call.call();
        } finally {
            done.complete(null);
        }
    }

    /** The negotiated parameters. */
    public OperationalParameters parameters() {
        return params;
    }

    /** The keys the target answered or declared during login. */
    public Map<String, String> loginKeys() {
        return loginKeys;
    }

    /** The ISID. */
    public long isid() {
        return isid;
    }

    /** PDUs that matched no outstanding request (e.g. Rejects of raw PDUs, asynchronous messages, target pings). */
    public BlockingQueue<Pdu> unsolicited() {
        return unsolicited;
    }

    /** Whether the connection is still open. */
    public boolean isConnected() {
        return !closed.isDone();
    }

    /** Waits until the target has closed the connection; false if it is still open after {@code wait}. */
    public boolean awaitDisconnect(Duration wait) {
        try {
            closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    // ---- commands ---------------------------------------------------------------------------------------------------

    /** Sends a command and waits for its outcome. */
    public CommandResult execute(IscsiCommand command) throws IOException {
        return await(submit(command));
    }

    /** Sends a command; the future completes with its outcome. */
    public CompletableFuture<CommandResult> submit(IscsiCommand command) throws IOException {
        int itt = nextTag();
        int sn = takeCmdSn();
        return submit(command, itt, sn);
    }

    /** The current ExpStatSN, for PDUs the caller builds itself. */
    public int expStatSn() {
        return expStatSn;
    }

    /**
     * Sends a command with a CmdSN of the caller's choice (which may lie outside the target's window) and does not
     * advance this session's CmdSN.
     */
    public CompletableFuture<CommandResult> submitWithCmdSn(IscsiCommand command, int chosenCmdSn) throws IOException {
        return submit(command, nextTag(), chosenCmdSn);
    }

    private CompletableFuture<CommandResult> submit(IscsiCommand c, int itt, int sn) throws IOException {
        int edtl = c.expectedDataTransferLength();
        ByteBuffer data = c.write() ? c.dataOut().limit(edtl) : ByteBuffer.allocate(0);
        int immediate = c.write() && params.immediateData()
                ? Math.min(edtl, Math.min(params.firstBurstLength(), params.maxSendDataSegmentLength())) : 0;
        int unsolicitedEnd = c.write() && !params.initialR2T() ? Math.min(edtl, params.firstBurstLength()) : immediate;
        boolean finalFlag = unsolicitedEnd == immediate;
        Pending p = new Pending(c, itt, data);
        pending.put(itt, p);
        ScsiCommandPdu pdu = new ScsiCommandPdu(false, finalFlag, c.read(), c.write(), c.attributes(), c.lun(), itt,
                edtl, sn, expStatSn, ByteBuffer.wrap(c.cdb()), OptionalInt.empty(), data.slice(0, immediate));
        synchronized (writer) {
            send(pdu);
            if (!finalFlag) {
                sendData(p, Pdu.RESERVED_TAG, immediate, unsolicitedEnd - immediate);
            }
        }
        return p.future;
    }

    /** Sends Data-Out PDUs for [offset, offset + length) of a task, DataSN from 0, F on the last. */
    private void sendData(Pending p, int ttt, int offset, int length) throws IOException {
        int segment = params.maxSendDataSegmentLength();
        int sn = 0;
        for (int done = 0; done < length;) {
            int n = Math.min(segment, length - done);
            boolean last = done + n == length;
            send(new DataOutPdu(last, p.command.lun(), p.itt, ttt, expStatSn, sn++, offset + done,
                    p.dataOut.slice(offset + done, n)));
            done += n;
        }
    }

    // ---- other requests ---------------------------------------------------------------------------------------------

    /**
     * Sends an immediate task management request and waits for the response code (RFC 7143 11.6.1).
     *
     * @param function        the function code, e.g. {@link TaskManagementRequestPdu#ABORT_TASK}
     * @param lun             the LUN
     * @param referencedTag   the ITT of the task to abort or query, or 0xFFFFFFFF
     * @param referencedCmdSn the CmdSN of that task
     */
    public int taskManagement(int function, Lun lun, int referencedTag, int referencedCmdSn) throws IOException {
        return manage(function, lun, referencedTag, referencedCmdSn).response();
    }

    /**
     * QUERY TASK (RFC 7144; SAM-5 7.10): asks whether the task with the given Initiator Task Tag is still in the task
     * set of this I_T_L nexus.
     *
     * @param lun           the LUN the task was sent to
     * @param referencedTag the task's Initiator Task Tag
     * @return 7 function succeeded if it is, else 0 function complete (or 2 LUN does not exist)
     */
    public TaskManagementResult queryTask(Lun lun, int referencedTag) throws IOException {
        return manage(TaskManagementRequestPdu.QUERY_TASK, lun, referencedTag, 0);
    }

    /**
     * QUERY TASK SET (RFC 7144; SAM-5 7.11): asks whether this I_T_L nexus has any task in the task set.
     *
     * @param lun the LUN
     * @return 7 function succeeded if it has, else 0 function complete (or 2 LUN does not exist)
     */
    public TaskManagementResult queryTaskSet(Lun lun) throws IOException {
        return manage(TaskManagementRequestPdu.QUERY_TASK_SET, lun, Pdu.RESERVED_TAG, 0);
    }

    /**
     * QUERY ASYNC EVENT (RFC 7144; SAM-5 7.9 QUERY ASYNCHRONOUS EVENT): asks whether a unit attention condition is
     * pending for this I_T_L nexus, without clearing it.
     *
     * @param lun the LUN
     * @return 7 function succeeded with the condition's sense key, ASC and ASCQ, else 0 function complete
     */
    public TaskManagementResult queryAsyncEvent(Lun lun) throws IOException {
        return manage(TaskManagementRequestPdu.QUERY_ASYNC_EVENT, lun, Pdu.RESERVED_TAG, 0);
    }

    /**
     * I_T NEXUS RESET (RFC 7144; SAM-5 7.6): the target processes an I_T nexus loss for this session and, after
     * answering, ends the session: on "function complete" this waits (up to the session's timeout) for the target to
     * close the connection, then closes this side.
     *
     * @return the answer; 0 function complete when the nexus was reset
     */
    public TaskManagementResult itNexusReset() throws IOException {
        TaskManagementResult r = manage(TaskManagementRequestPdu.I_T_NEXUS_RESET, new Lun(0), Pdu.RESERVED_TAG, 0);
        if (r.response() == TaskManagementResponsePdu.FUNCTION_COMPLETE) {
            awaitDisconnect(timeout);
            close();
        }
        return r;
    }

    /** Sends an immediate TMF request with the current CmdSN (not advanced) and waits for its response. */
    private TaskManagementResult manage(int function, Lun lun, int referencedTag, int referencedCmdSn)
            throws IOException {
        int itt = nextTag();
        Pending p = new Pending(null, itt, null);
        pending.put(itt, p);
        int sn;
        synchronized (this) {
            sn = cmdSn;
        }
        boolean refersToTask = function == TaskManagementRequestPdu.ABORT_TASK
                || function == TaskManagementRequestPdu.QUERY_TASK;
        send(new TaskManagementRequestPdu(true, function, lun, itt, refersToTask ? referencedTag : Pdu.RESERVED_TAG,
                sn, expStatSn, referencedCmdSn, 0));
        TaskManagementResponsePdu r = (TaskManagementResponsePdu) awaitPdu(p);
        return new TaskManagementResult(r.response(), r.additionalResponseInformation());
    }

    /** Pings the target with a non-immediate NOP-Out and returns the echoed data. */
    public byte[] ping(byte[] data) throws IOException {
        int itt = nextTag();
        Pending p = new Pending(null, itt, null);
        pending.put(itt, p);
        send(new NopOutPdu(false, new Lun(0), itt, Pdu.RESERVED_TAG, takeCmdSn(), expStatSn, ByteBuffer.wrap(data)));
        ByteBuffer echo = awaitPdu(p).data();
        byte[] b = new byte[echo.remaining()];
        echo.get(b);
        return b;
    }

    /** Asks for SendTargets with the given value ({@code All}, a target name, or empty) and returns the answer. */
    public List<TextKey> sendTargets(String value) throws IOException {
        int itt = nextTag();
        Pending p = new Pending(null, itt, null);
        pending.put(itt, p);
        send(new TextRequestPdu(false, true, false, new Lun(0), itt, Pdu.RESERVED_TAG, takeCmdSn(), expStatSn,
                TextCodec.encode(List.of(new TextKey("SendTargets", value)))));
        try {
            return TextCodec.decode(((TextResponsePdu) awaitPdu(p)).data());
        } catch (TextFormatException e) {
            throw new IOException("malformed Text Response: " + e.getMessage(), e);
        }
    }

    /** Logs out (closing the session) and closes the connection; returns the Logout Response code. */
    public int logout() throws IOException {
        int itt = nextTag();
        Pending p = new Pending(null, itt, null);
        pending.put(itt, p);
        int sn;
        synchronized (this) {
            sn = cmdSn;
        }
        send(new LogoutRequestPdu(true, LogoutRequestPdu.CLOSE_SESSION, itt, 0, sn, expStatSn));
        int response = ((LogoutResponsePdu) awaitPdu(p)).response();
        close();
        return response;
    }

    /** Sends a typed PDU as it is. */
    public void send(Pdu pdu) throws IOException {
        sendRaw(pdu.toRaw());
    }

    /** Sends raw bytes as a PDU (the header as given, so it may be deliberately wrong). */
    public void sendRaw(RawPdu raw) throws IOException {
        synchronized (writer) {
            writer.write(raw, digests);
        }
    }

    /** A fresh Initiator Task Tag. */
    public int nextTag() {
        return tags.getAndIncrement();
    }

    /**
     * Takes the next CmdSN for a PDU the caller builds itself (see {@link #send(Pdu)}), waiting while the target's
     * window is closed.
     */
    public int takeCmdSn() throws IOException {
        return takeCmdSnLocked();
    }

    private synchronized int takeCmdSnLocked() throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (SerialNumbers.lessThan(maxCmdSn, cmdSn)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !isConnected()) {
                throw new IOException("command window stayed closed");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return cmdSn++;
    }

    private synchronized void window(int exp, int max) {
        if (SerialNumbers.lessOrEqual(exp - 1, max) && SerialNumbers.lessThan(maxCmdSn, max)) {
            maxCmdSn = max;
            notifyAll();
        }
    }

    private CommandResult await(CompletableFuture<CommandResult> f) throws IOException {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no response within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        }
    }

    private Pdu awaitPdu(Pending p) throws IOException {
        try {
            return p.pdu.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.remove(p.itt);
            throw new IOException("no response within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        }
    }

    // ---- receiving --------------------------------------------------------------------------------------------------

    private void readLoop(PduReader reader) {
        IOException failure = new IOException("connection closed");
        try {
            while (true) {
                RawPdu raw;
                try {
                    raw = reader.read(digests, params.maxRecvDataSegmentLength());
                } catch (PduFormatException e) {
                    continue; // data digest error: the PDU is lost
                }
                if (raw == null) {
                    break;
                }
                try {
                    dispatch(PduCodec.decode(raw));
                } catch (PduFormatException e) {
                    failure = new IOException("target sent a malformed PDU: " + e.getMessage());
                    break;
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException("target broke the protocol: " + e, e);
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already closed
            }
            for (Pending p : pending.values()) {
                p.future.completeExceptionally(failure);
                p.pdu.completeExceptionally(failure);
            }
            pending.clear();
            closed.complete(null);
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private void dispatch(Pdu pdu) throws IOException {
        if (pdu instanceof ScsiResponsePdu || pdu instanceof TaskManagementResponsePdu
                || pdu instanceof TextResponsePdu || pdu instanceof LogoutResponsePdu || pdu instanceof NopInPdu
                || pdu instanceof RejectPdu || (pdu instanceof DataInPdu && ((DataInPdu) pdu).statusPresent())) {
            stat(pdu);
        }
        Pending p = pending.get(pdu.initiatorTaskTag());
        if (pdu instanceof RejectPdu) {
            Pending rejected = pending.remove(((RejectPdu) pdu).rejectedTaskTag());
            if (rejected != null) {
                IOException e = new IOException("rejected: " + ((RejectPdu) pdu).reason());
                rejected.future.completeExceptionally(e);
                rejected.pdu.completeExceptionally(e);
                return;
            }
            unsolicited.add(pdu);
            return;
        }
        if (p == null) {
            if (pdu instanceof NopInPdu && ((NopInPdu) pdu).targetTransferTag() != Pdu.RESERVED_TAG) {
                NopInPdu ping = (NopInPdu) pdu; // a target ping: answer it
                send(new NopOutPdu(true, ping.lun(), Pdu.RESERVED_TAG, ping.targetTransferTag(), cmdSnNow(),
                        expStatSn, Pdu.empty()));
            }
            unsolicited.add(pdu);
            return;
        }
        if (pdu instanceof DataInPdu) {
            p.dataIn((DataInPdu) pdu);
        } else if (pdu instanceof ReadyToTransferPdu) {
            ReadyToTransferPdu r2t = (ReadyToTransferPdu) pdu;
            window(r2t.expCmdSn(), r2t.maxCmdSn());
            synchronized (writer) {
                sendData(p, r2t.targetTransferTag(), r2t.bufferOffset(), r2t.desiredDataTransferLength());
            }
        } else if (pdu instanceof ScsiResponsePdu) {
            pending.remove(p.itt);
            p.response((ScsiResponsePdu) pdu);
        } else {
            pending.remove(p.itt);
            p.pdu.complete(pdu);
        }
    }

    private synchronized int cmdSnNow() {
        return cmdSn;
    }

    private void stat(Pdu pdu) {
        StatusSequencedPdu r = (StatusSequencedPdu) pdu;
        if (pdu instanceof NopInPdu nop && nop.initiatorTaskTag() == Pdu.RESERVED_TAG) {
            window(r.expCmdSn(), r.maxCmdSn());
            return; // an unsolicited NOP-In does not advance StatSN
        }
        expStatSn = r.statSn() + 1;
        window(r.expCmdSn(), r.maxCmdSn());
    }

    /** Closes the connection without logging out (I_T nexus loss for the target). */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** An outstanding request and, for SCSI commands, its Data-In reassembly. */
    private final class Pending {
        final IscsiCommand command;
        final int itt;
        final ByteBuffer dataOut;
        final CompletableFuture<CommandResult> future = new CompletableFuture<>();
        final CompletableFuture<Pdu> pdu = new CompletableFuture<>();
        final ByteBuffer dataIn;
        int nextDataSn;

        Pending(IscsiCommand command, int itt, ByteBuffer dataOut) {
            this.command = command;
            this.itt = itt;
            this.dataOut = dataOut;
            this.dataIn = command != null && command.read()
                    ? ByteBuffer.allocate(command.expectedDataTransferLength()) : ByteBuffer.allocate(0);
        }

        void dataIn(DataInPdu d) throws IOException {
            window(d.expCmdSn(), d.maxCmdSn());
            ByteBuffer data = d.data();
            if (d.dataSn() != nextDataSn || d.bufferOffset() != dataIn.position()
                    || data.remaining() > dataIn.remaining()) {
                throw new IOException("Data-In out of sequence: DataSN " + d.dataSn() + " offset "
                        + d.bufferOffset());
            }
            nextDataSn++;
            dataIn.put(data);
            if (d.statusPresent()) {
                pending.remove(itt);
                future.complete(new CommandResult(0, d.status(), new byte[0], received(), d.overflow(),
                        d.underflow(), d.residualCount(), nextDataSn));
            }
        }

        void response(ScsiResponsePdu r) {
            future.complete(new CommandResult(r.response(), r.status(), r.senseData(), received(), r.overflow(),
                    r.underflow(), r.residualCount(), nextDataSn));
        }

        private ByteBuffer received() {
            return dataIn.duplicate().flip().asReadOnlyBuffer();
        }
    }
}
