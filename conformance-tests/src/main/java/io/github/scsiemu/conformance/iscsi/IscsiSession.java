package io.github.scsiemu.conformance.iscsi;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementResponse;
import io.github.scsiemu.api.TaskManagementResponse.ServiceResponse;
import io.github.scsiemu.conformance.ConformanceViolation;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.scsi.Hex;
import io.github.scsiemu.iscsi.initiator.CommandResult;
import io.github.scsiemu.iscsi.initiator.InitiatorSession;
import io.github.scsiemu.iscsi.initiator.IscsiCommand;
import io.github.scsiemu.iscsi.pdu.Pdu;
import io.github.scsiemu.sense.DecodedSense;
import io.github.scsiemu.sense.SenseDecoder;
import io.github.scsiemu.sense.SenseFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * One iSCSI session (RFC 7143 3.2) as a conformance {@link Session}: a command becomes a SCSI Command PDU with its
 * data-out (RFC 7143 11.3), and the SCSI Response or phase-collapsed Data-In becomes the same {@link ScsiResponse}
 * an in-process logical unit returns (status, data-in, sense data, residuals, RFC 7143 11.4); a task management
 * function becomes a Task Management Function Request (RFC 7143 11.5, RFC 7144 for the SAM-4 functions); closing
 * logs the session out, which the target sees as an I_T nexus loss (SAM-5 6.3.4).
 *
 * <p>The residual the target reports belongs to data-out for a command that carries data-out and to data-in
 * otherwise (RFC 7143 11.4.5). Sense data travel as bytes; they are decoded here, and bytes that are not sense data
 * fail the check as a violation of SPC-4 4.5. An iSCSI response other than "command completed at target" is a
 * service delivery or target failure (SAM-5 5.1) and ends the check with an {@link UncheckedIOException}.
 */
final class IscsiSession implements Session {

    /** The iSCSI Function codes (RFC 7143 11.5.1, RFC 7144 4.1). */
    private static final int ABORT_TASK = 1;
    private static final int ABORT_TASK_SET = 2;
    private static final int CLEAR_ACA = 3;
    private static final int CLEAR_TASK_SET = 4;
    private static final int LOGICAL_UNIT_RESET = 5;
    private static final int QUERY_TASK = 9;
    private static final int QUERY_TASK_SET = 10;
    private static final int I_T_NEXUS_RESET = 11;
    private static final int QUERY_ASYNCHRONOUS_EVENT = 12;

    private final InitiatorSession connection;
    private final Nexus nexus;
    private volatile boolean closed;

    IscsiSession(InitiatorSession connection, Nexus nexus) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.nexus = Objects.requireNonNull(nexus, "nexus");
    }

    @Override
    public Nexus nexus() {
        return nexus;
    }

    /** The iSCSI session underneath, with what its login negotiated (RFC 7143 13). */
    InitiatorSession connection() {
        return connection;
    }

    @Override
    public ScsiResponse execute(Lun lun, byte[] cdb, ByteBuffer dataOut, int expectedDataInLength) {
        requireOpen();
        boolean write = dataOut.hasRemaining();
        if (write && expectedDataInLength > 0) {
            throw new UnsupportedOperationException("bidirectional commands need the Expected Bidirectional Read "
                    + "Data Length AHS (RFC 7143 11.3.5), which the initiator does not send");
        }
        IscsiCommand command = write ? IscsiCommand.write(lun, cdb, dataOut.duplicate())
                : expectedDataInLength > 0 ? IscsiCommand.read(lun, cdb, expectedDataInLength)
                : IscsiCommand.noData(lun, cdb);
        CommandResult result;
        try {
            result = connection.execute(command);
        } catch (IOException e) {
            throw new UncheckedIOException("iSCSI service delivery failure on " + nexus + ": " + e.getMessage(), e);
        }
        return response(result, write);
    }

    /** The iSCSI outcome as the SAM-5 outcome of the command. */
    private ScsiResponse response(CommandResult r, boolean write) {
        if (r.response() != 0) {
            throw new UncheckedIOException(new IOException(String.format(
                    "iSCSI response %02Xh (target failure, RFC 7143 11.4.3) instead of command completed at target",
                    r.response())));
        }
        Status status = Status.fromCode(r.status());
        int residual = r.underflow() ? r.residualCount() : r.overflow() ? -r.residualCount() : 0;
        ByteBuffer dataIn = r.dataIn().asReadOnlyBuffer();
        if (r.sense().length == 0) {
            return new ScsiResponse(status, dataIn, Optional.empty(), SenseFormat.FIXED, write ? 0 : residual,
                    write ? residual : 0, false);
        }
        DecodedSense decoded = SenseDecoder.decode(r.sense());
        if (!(decoded instanceof DecodedSense.Valid valid)) {
            throw new ConformanceViolation("SPC-4 4.5: the sense data the target returned with status "
                    + status + " are malformed (" + ((DecodedSense.Malformed) decoded).reason() + "): "
                    + Hex.of(r.sense()));
        }
        return new ScsiResponse(status, dataIn, Optional.of(valid.data()), valid.format(), write ? 0 : residual,
                write ? residual : 0, false);
    }

    @Override
    public TaskManagementResponse manage(Lun lun, TaskManagementFunction function, long referencedTag) {
        requireOpen();
        int code = switch (function) {
            case ABORT_TASK -> ABORT_TASK;
            case ABORT_TASK_SET -> ABORT_TASK_SET;
            case CLEAR_ACA -> CLEAR_ACA;
            case CLEAR_TASK_SET -> CLEAR_TASK_SET;
            case LOGICAL_UNIT_RESET -> LOGICAL_UNIT_RESET;
            case QUERY_TASK -> QUERY_TASK;
            case QUERY_TASK_SET -> QUERY_TASK_SET;
            case I_T_NEXUS_RESET -> I_T_NEXUS_RESET;
            case QUERY_ASYNCHRONOUS_EVENT -> QUERY_ASYNCHRONOUS_EVENT;
        };
        int response;
        try {
            // the Session contract does not expose the CmdSN of a referenced task, so RefCmdSN is 0 (RFC 7143 11.5.4)
            response = connection.taskManagement(code, lun, referencedTag == 0 ? Pdu.RESERVED_TAG : (int) referencedTag,
                    0);
        } catch (IOException e) {
            throw new UncheckedIOException("iSCSI service delivery failure on " + nexus + ": " + e.getMessage(), e);
        }
        return serviceResponse(response);
    }

    /** The Response field of a Task Management Function Response (RFC 7143 11.6.1, RFC 7144 4.2) in SAM-5 terms. */
    static TaskManagementResponse serviceResponse(int response) {
        return switch (response) {
            case 0, 1 -> TaskManagementResponse.COMPLETE; // "task does not exist": nothing left to do (SAM-5 7.2)
            case 2 -> TaskManagementResponse.INCORRECT_LUN;
            case 7 -> TaskManagementResponse.SUCCEEDED;
            case 5, 6, 255 -> TaskManagementResponse.REJECTED;
            default -> new TaskManagementResponse(ServiceResponse.SERVICE_DELIVERY_OR_TARGET_FAILURE, 0);
        };
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        end(connection);
    }

    /** Logs the session out, or drops the connection if that fails: an I_T nexus loss either way. */
    static void end(InitiatorSession connection) {
        try {
            connection.logout();
        } catch (IOException e) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("session closed: " + nexus);
        }
    }
}
