package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.ScsiTarget;
import io.github.scsiemu.api.TaskAttribute;
import io.github.scsiemu.iscsi.pdu.DataOutPdu;
import io.github.scsiemu.iscsi.pdu.FramingException;
import io.github.scsiemu.iscsi.pdu.LogoutRequestPdu;
import io.github.scsiemu.iscsi.pdu.LogoutResponsePdu;
import io.github.scsiemu.iscsi.pdu.NopInPdu;
import io.github.scsiemu.iscsi.pdu.NopOutPdu;
import io.github.scsiemu.iscsi.pdu.Pdu;
import io.github.scsiemu.iscsi.pdu.ReadyToTransferPdu;
import io.github.scsiemu.iscsi.pdu.RejectPdu;
import io.github.scsiemu.iscsi.pdu.RejectReason;
import io.github.scsiemu.iscsi.pdu.ScsiCommandPdu;
import io.github.scsiemu.iscsi.pdu.TaskManagementRequestPdu;
import io.github.scsiemu.iscsi.pdu.TextRequestPdu;
import io.github.scsiemu.iscsi.pdu.TextResponsePdu;
import io.github.scsiemu.iscsi.text.Keys;
import io.github.scsiemu.iscsi.text.OperationalParameters;
import io.github.scsiemu.iscsi.text.TextCodec;
import io.github.scsiemu.iscsi.text.TextFormatException;
import io.github.scsiemu.iscsi.text.TextKey;
import io.github.scsiemu.sense.SenseFormat;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session with one connection in full feature phase (RFC 7143 3.2 and 4.4): turns SCSI Command PDUs and their
 * data into {@link ScsiRequest}s on the session's I_T nexus, runs them on worker threads so that the reader never
 * waits for a device, solicits data with R2Ts, answers NOP-Out, Text (SendTargets) and Logout, and ends with I_T
 * nexus loss. Task management is delegated to {@link TaskManagement}. PDU handlers run on the connection's reader
 * thread.
 */
final class TargetSession {
    final SessionIdentity identity;
    final OperationalParameters params;
    final CommandWindow window;
    final Outbound out;
    private final IscsiTarget portal;
    private final Executor workers;
    private final InetSocketAddress localAddress;
    final Map<Integer, TargetTask> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger transferTags = new AtomicInteger(1);
    private final AtomicBoolean ended = new AtomicBoolean();
    private final TaskManagement taskManagement;
    private final Optional<ScsiTarget> device;

    TargetSession(IscsiTarget portal, SessionIdentity identity, OperationalParameters params, CommandWindow window,
            Outbound out, InetSocketAddress localAddress) {
        this.portal = portal;
        this.identity = identity;
        this.params = params;
        this.window = window;
        this.out = out;
        this.workers = portal.workers();
        this.localAddress = localAddress;
        this.taskManagement = new TaskManagement(this);
        this.device = identity.target().map(t -> t.deviceFor(identity.initiatorName()));
    }

    /** The device as this session's initiator may see it (its access control list applied). */
    Optional<ScsiTarget> device() {
        return device;
    }

    Nexus nexus() {
        return identity.nexus();
    }

    Executor workers() {
        return workers;
    }

    // ---- SCSI commands and data ------------------------------------------------------------------------------------

    void command(ScsiCommandPdu c, ByteBuffer header) throws FramingException {
        if (ended.get()) {
            return; // read after the session ended (a reset ends it before its response): never executed
        }
        long edtl = Integer.toUnsignedLong(c.expectedDataTransferLength());
        if (identity.discovery() || (c.write() && edtl > portal.settings().maxTransferLength())) {
            // the command still takes its place in CmdSN order; its answer is a Reject
            RejectReason reason = identity.discovery() ? RejectReason.PROTOCOL_ERROR : RejectReason.INVALID_PDU_FIELD;
            window.accept(c.cmdSn(), c.immediate(), false, () -> reject(reason, header));
            return;
        }
        if (tasks.containsKey(c.initiatorTaskTag())) {
            throw new FramingException("Initiator Task Tag already in use");
        }
        TargetTask task = new TargetTask(c, params, (int) Math.min(edtl, Integer.MAX_VALUE));
        tasks.put(task.itt, task);
        boolean accepted = window.accept(c.cmdSn(), c.immediate(), true, () -> {
            task.ordered();
            startIfReady(task);
        });
        if (!accepted) {
            tasks.remove(task.itt, task); // outside the window: silently discarded (RFC 7143 3.2.2.1)
            return;
        }
        solicit(task);
    }

    void dataOut(DataOutPdu d) {
        dataOut(d, false);
    }

    /**
     * A Data-Out whose data digest was wrong (RFC 7143 7.8): it keeps its place in the task's sequence, and the task
     * ends with CHECK CONDITION once its data is all in (see {@link TargetTask#receiveCorrupted(DataOutPdu)}).
     */
    void corruptedDataOut(DataOutPdu d) {
        dataOut(d, true);
    }

    private void dataOut(DataOutPdu d, boolean corrupted) {
        TargetTask task = tasks.get(d.initiatorTaskTag());
        if (task == null) {
            return; // late data of an aborted or unknown task is read and discarded
        }
        if (corrupted) {
            task.receiveCorrupted(d);
        } else {
            task.receive(d);
        }
        solicit(task);
        startIfReady(task);
    }

    private void solicit(TargetTask task) {
        for (TargetTask.Solicitation s : task.solicit(transferTags::getAndIncrement)) {
            out.send((statSn, exp, max) -> new ReadyToTransferPdu(task.lun, task.itt, s.targetTransferTag(), statSn,
                    exp, max, s.r2tSn(), s.offset(), s.length()), false);
        }
    }

    private void startIfReady(TargetTask task) {
        if (task.startIfReady()) {
            workers.execute(() -> execute(task));
        }
    }

    private void execute(TargetTask task) {
        ScsiCommandPdu c = task.command;
        int expectedIn = c.read() ? (c.write() ? c.bidirectionalReadLength().orElse(0) : task.edtl) : 0;
        ScsiRequest request = new ScsiRequest(nexus(), c.lun(), c.cdbBytes(), attribute(c.attributes()),
                Integer.toUnsignedLong(task.itt), c.write() ? task.dataOut() : ByteBuffer.allocate(0),
                Math.max(0, expectedIn));
        ScsiResponse response = task.failure()
                .map(sense -> ScsiResponse.checkCondition(sense, SenseFormat.FIXED, 0, 0))
                .orElseGet(() -> device().orElseThrow().execute(request));
        synchronized (task) {
            tasks.remove(task.itt, task);
            window.taskEnded();
            if (task.finish() && !response.terminated()) {
                StatusReporter.report(out, params, task, response);
            }
        }
    }

    /** Called by task management for a task it aborted before it ran. */
    void discard(TargetTask task) {
        if (tasks.remove(task.itt, task)) {
            window.taskEnded();
        }
    }

    private static TaskAttribute attribute(int attr) {
        switch (attr) {
            case 2:
                return TaskAttribute.ORDERED;
            case 3:
                return TaskAttribute.HEAD_OF_QUEUE;
            case 4:
                return TaskAttribute.ACA;
            default:
                return TaskAttribute.SIMPLE; // 0 untagged and 1 simple
        }
    }

    // ---- other requests --------------------------------------------------------------------------------------------

    void taskManagement(TaskManagementRequestPdu request) {
        if (ended.get()) {
            return;
        }
        window.accept(request.cmdSn(), request.immediate(), false, () -> taskManagement.handle(request));
    }

    void nopOut(NopOutPdu nop) {
        if (nop.initiatorTaskTag() == Pdu.RESERVED_TAG) {
            return; // an answer to our ping or a heartbeat: never answered
        }
        window.accept(nop.cmdSn(), nop.immediate(), false, () -> {
            ByteBuffer echo = nop.data();
            echo.limit(Math.min(echo.limit(), echo.position() + params.maxSendDataSegmentLength()));
            out.send((statSn, exp, max) -> new NopInPdu(nop.lun(), nop.initiatorTaskTag(), Pdu.RESERVED_TAG, statSn,
                    exp, max, echo), true);
        });
    }

    void text(TextRequestPdu request) {
        window.accept(request.cmdSn(), request.immediate(), false, () -> {
            List<TextKey> answer = new ArrayList<>();
            try {
                for (TextKey k : TextCodec.decode(request.data())) {
                    if (k.key().equals(Keys.SEND_TARGETS)) {
                        answer.addAll(SendTargets.answer(k.value(), visibleTargets(), identity.target(), localAddress,
                                identity.portalGroupTag()));
                    } else {
                        answer.add(new TextKey(k.key(), TextKey.NOT_UNDERSTOOD));
                    }
                }
            } catch (TextFormatException e) {
                reject(RejectReason.PROTOCOL_ERROR, request.toRaw().header());
                return;
            }
            ByteBuffer data = TextCodec.encode(answer);
            out.send((statSn, exp, max) -> new TextResponsePdu(true, false, request.lun(), request.initiatorTaskTag(),
                    Pdu.RESERVED_TAG, statSn, exp, max, data), true);
        });
    }

    /** The targets this session's initiator may log in to (RFC 7143 Appendix C: discovery lists only those). */
    private List<ExportedTarget> visibleTargets() {
        return portal.targets().stream().filter(t -> t.access().permits(identity.initiatorName())).toList();
    }

    void logout(LogoutRequestPdu request) {
        window.accept(request.cmdSn(), request.immediate(), false, () -> {
            if (request.reasonCode() == LogoutRequestPdu.REMOVE_FOR_RECOVERY) {
                out.send((statSn, exp, max) -> new LogoutResponsePdu(2, request.initiatorTaskTag(), statSn, exp, max,
                        0, 0), true);
                return;
            }
            end(); // nexus loss completes before the response (iscsi.md 1.11)
            out.send((statSn, exp, max) -> new LogoutResponsePdu(0, request.initiatorTaskTag(), statSn, exp, max, 0,
                    0), true);
            out.closeAfterFlush();
        });
    }

    void reject(RejectReason reason, ByteBuffer header) {
        ByteBuffer rejected = header.duplicate();
        out.send((statSn, exp, max) -> new RejectPdu(reason, statSn, exp, max, 0, rejected), true);
    }

    /**
     * Ends the session once: no task reports status any more, and the device learns of the I_T nexus loss.
     */
    void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        for (TargetTask t : tasks.values()) {
            t.abort();
        }
        tasks.clear();
        if (!identity.discovery()) {
            device().orElseThrow().nexusLost(nexus());
        }
        portal.unregister(this);
    }

    /**
     * The connection loss of a TARGET COLD RESET: this session's connection closes after what is queued (the TMF
     * response) is written, and every other session of the same target is terminated.
     */
    void coldReset() {
        ExportedTarget target = identity.target().orElseThrow();
        portal.terminateSessions(target, this);
        terminate();
    }

    /** Ends the session and closes its connection at once (session reinstatement, shutdown). */
    void terminate() {
        end();
        out.closeAfterFlush();
    }

    List<Lun> luns() {
        return device().map(ScsiTarget::luns).orElse(List.of());
    }
}
