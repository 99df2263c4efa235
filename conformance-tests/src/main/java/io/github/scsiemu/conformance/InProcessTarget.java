package io.github.scsiemu.conformance;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.ScsiTarget;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.api.TaskAttribute;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.TaskManagementResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A target under test that calls a {@link ScsiTarget} (or a single {@link LogicalUnit} as LUN 0) in the same
 * process, through the {@code scsi-api} contract only. Each session is a new initiator port (same iSCSI name, next
 * ISID, RFC 7143 13.2), and sessions take the configured target ports in turn.
 */
public final class InProcessTarget implements TargetUnderTest {

    /** The target port sessions use when none is configured. */
    public static final TargetPort DEFAULT_PORT =
            TargetPort.iscsi("iqn.2026-01.io.github.scsiemu:target", 1, 1, 0);

    /** What the in-process target routes to: a whole target or one logical unit. */
    private interface Backend {
        ScsiResponse execute(ScsiRequest request);

        TaskManagementResponse manage(TaskManagementRequest request);

        void nexusLost(Nexus nexus);
    }

    private final String description;
    private final Backend backend;
    private final List<Lun> luns;
    private final List<TargetPort> ports;
    private final AtomicLong nextIsid = new AtomicLong(0x400000000000L); // ISID type 01b (EN): 40h...
    private final AtomicInteger nextPort = new AtomicInteger();

    private InProcessTarget(String description, Backend backend, List<Lun> luns, List<TargetPort> ports) {
        this.description = Objects.requireNonNull(description, "description");
        this.backend = backend;
        this.luns = List.copyOf(luns);
        this.ports = List.copyOf(ports);
        if (this.luns.isEmpty() || this.ports.isEmpty()) {
            throw new IllegalArgumentException("need at least one LUN and one target port");
        }
    }

    /**
     * Tests every logical unit of {@code target} in its inventory.
     *
     * @param description for reports
     * @param target      the target
     * @return the target under test, with one target port
     */
    public static InProcessTarget of(String description, ScsiTarget target) {
        Backend backend = new Backend() {
            @Override
            public ScsiResponse execute(ScsiRequest request) {
                return target.execute(request);
            }

            @Override
            public TaskManagementResponse manage(TaskManagementRequest request) {
                return target.manage(request);
            }

            @Override
            public void nexusLost(Nexus nexus) {
                target.nexusLost(nexus);
            }
        };
        return new InProcessTarget(description, backend, target.luns(), List.of(DEFAULT_PORT));
    }

    /**
     * Tests one logical unit on its own as LUN 0; every request goes to it, whatever LUN it carries.
     *
     * @param description for reports
     * @param logicalUnit the logical unit
     * @return the target under test, with one target port
     */
    public static InProcessTarget of(String description, LogicalUnit logicalUnit) {
        Backend backend = new Backend() {
            @Override
            public ScsiResponse execute(ScsiRequest request) {
                return logicalUnit.execute(request);
            }

            @Override
            public TaskManagementResponse manage(TaskManagementRequest request) {
                return logicalUnit.manage(request);
            }

            @Override
            public void nexusLost(Nexus nexus) {
                logicalUnit.nexusLost(nexus);
            }
        };
        return new InProcessTarget(description, backend, List.of(Lun.of(0)), List.of(DEFAULT_PORT));
    }

    /**
     * This target with other target ports; sessions use them in turn.
     *
     * @param targetPorts at least one port
     * @return the reconfigured target
     */
    public InProcessTarget withTargetPorts(List<TargetPort> targetPorts) {
        return new InProcessTarget(description, backend, luns, targetPorts);
    }

    /**
     * This target testing only the given LUNs.
     *
     * @param lunsToTest at least one LUN
     * @return the reconfigured target
     */
    public InProcessTarget withLuns(List<Lun> lunsToTest) {
        return new InProcessTarget(description, backend, lunsToTest, ports);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Lun> luns() {
        return luns;
    }

    @Override
    public Session openSession(String initiatorName) {
        TargetPort port = ports.get(Math.floorMod(nextPort.getAndIncrement(), ports.size()));
        InitiatorPort initiator = InitiatorPort.iscsi(initiatorName, nextIsid.getAndIncrement());
        return new InProcessSession(new Nexus(initiator, port));
    }

    /** One nexus into the backend. */
    private final class InProcessSession implements Session {
        private final Nexus nexus;
        private final AtomicLong nextTag = new AtomicLong(1);
        private volatile boolean closed;

        InProcessSession(Nexus nexus) {
            this.nexus = nexus;
        }

        @Override
        public Nexus nexus() {
            return nexus;
        }

        @Override
        public ScsiResponse execute(Lun lun, byte[] cdb, ByteBuffer dataOut, int expectedDataInLength) {
            requireOpen();
            return backend.execute(new ScsiRequest(nexus, lun, cdb, TaskAttribute.SIMPLE, nextTag.getAndIncrement(),
                    dataOut, expectedDataInLength));
        }

        @Override
        public TaskManagementResponse manage(Lun lun, TaskManagementFunction function, long referencedTag) {
            requireOpen();
            return backend.manage(new TaskManagementRequest(nexus, lun, function, referencedTag));
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                backend.nexusLost(nexus);
            }
        }

        private void requireOpen() {
            if (closed) {
                throw new IllegalStateException("session closed: " + nexus);
            }
        }
    }
}
