package io.github.scsiemu.spc;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import java.nio.ByteBuffer;

/**
 * Everything a handler may look at while executing one command: the request, its CDB read through the
 * declaration, the nexus, the task, and the logical unit's shared state.
 */
public final class CommandContext {
    private final DeviceServer logicalUnit;
    private final ScsiRequest request;
    private final Cdb cdb;
    private final Task task;
    private long dataOutNeeded;

    CommandContext(DeviceServer logicalUnit, ScsiRequest request, Cdb cdb, Task task) {
        this.logicalUnit = logicalUnit;
        this.request = request;
        this.cdb = cdb;
        this.task = task;
        this.dataOutNeeded = cdb.descriptor().parameterListLengthField().map(cdb::get).orElse(0L);
    }

    /** The logical unit executing the command, with its mode pages, unit attentions and other shared state. */
    public DeviceServer logicalUnit() {
        return logicalUnit;
    }

    public ScsiRequest request() {
        return request;
    }

    public Nexus nexus() {
        return request.nexus();
    }

    public Cdb cdb() {
        return cdb;
    }

    public CommandDescriptor descriptor() {
        return cdb.descriptor();
    }

    public Task task() {
        return task;
    }

    /** A view of the whole data-out buffer. */
    public ByteBuffer dataOut() {
        return request.dataOut().duplicate();
    }

    /**
     * The parameter list: the first PARAMETER LIST LENGTH bytes of the data-out buffer, or fewer if the application
     * client sent fewer (the engine reports the shortfall as a data-out residual).
     */
    public byte[] parameterList() {
        ByteBuffer d = dataOut();
        int n = (int) Math.min(d.remaining(), dataOutNeeded);
        byte[] b = new byte[n];
        d.get(b);
        return b;
    }

    /**
     * Declares how many data-out bytes the command wants (e.g. TRANSFER LENGTH times the block size), so the engine
     * reports the data-out residual. Commands with a PARAMETER LIST LENGTH field need not call this.
     */
    public void dataOutNeeded(long bytes) {
        this.dataOutNeeded = bytes;
    }

    long dataOutNeeded() {
        return dataOutNeeded;
    }
}
