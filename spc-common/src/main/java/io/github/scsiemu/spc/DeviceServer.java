package io.github.scsiemu.spc;

import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TaskAttribute;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.TaskManagementResponse;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbViolation;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.inquiry.VpdPageRegistry;
import io.github.scsiemu.spc.log.LogPageRegistry;
import io.github.scsiemu.spc.mode.ModePageRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A logical unit built on the shared SPC engine: the device server and task manager of SAM-5 4.6.2. A device type
 * (disk, tape, changer) is a set of commands, pages and state added to it; the SPC commands every device type
 * shares come with it, unless the builder narrows them ({@link Builder#sharedCommands}).
 *
 * <p>A command first enters the logical unit's {@link TaskSet} and waits there, dormant, until its task attribute
 * lets it start (SAM-5 8.6); a command aborted while it waits returns at once. Every command then takes the same
 * path (DESIGN.md section 4, SAM-5 5.14): decode and validate the CDB against its
 * declaration; report a pending unit attention; the reservation and asymmetric access gates, if installed; the
 * device's readiness; the handler; then the response, with data-in truncated to the allocation length and the
 * residuals computed here and nowhere else. No exception leaves {@link #execute}.
 */
public final class DeviceServer implements LogicalUnit {

    private static final System.Logger LOG = System.getLogger(DeviceServer.class.getName());

    private final LogicalUnitIdentity identity;
    private final CommandSet commands;
    private final ModePageRegistry modePages;
    private final LogPageRegistry logPages;
    private final VpdPageRegistry vpdPages;
    private final Readiness readiness;
    private final Map<Gate.Stage, Gate> gates;
    private final UnitAttentions unitAttentions;
    private final TaskSet taskSet = new TaskSet();
    private final List<LogicalUnitListener> listeners = new CopyOnWriteArrayList<>();
    private volatile LunInventory inventory = LunInventory.SINGLE;

    private DeviceServer(Builder b) {
        this.identity = b.identity;
        List<Command> all = new ArrayList<>();
        for (Command shared : SpcCommands.all()) {
            if (b.sharedCommands.test(shared.descriptor())) {
                all.add(shared);
            }
        }
        all.addAll(b.commands);
        this.commands = new CommandSet(all);
        this.modePages = b.modePages != null ? b.modePages : ModePageRegistry.builder().build();
        this.logPages = b.logPages != null ? b.logPages : LogPageRegistry.builder().build();
        this.vpdPages = b.vpdPages != null ? b.vpdPages : VpdPageRegistry.builder().build();
        this.readiness = b.readiness;
        this.gates = new EnumMap<>(b.gates);
        this.listeners.addAll(b.listeners);
        this.unitAttentions = new UnitAttentions(b.powerOnUnitAttention);
        for (LogicalUnitFeature feature : b.features) {
            feature.attach(this);
        }
    }

    /** Starts a logical unit with the given identity and, unless narrowed, all the SPC commands. */
    public static Builder builder(LogicalUnitIdentity identity) {
        return new Builder(identity);
    }

    public LogicalUnitIdentity identity() {
        return identity;
    }

    /** The supported commands, SPC and device-specific. */
    public CommandSet commands() {
        return commands;
    }

    public ModePageRegistry modePages() {
        return modePages;
    }

    public LogPageRegistry logPages() {
        return logPages;
    }

    public VpdPageRegistry vpdPages() {
        return vpdPages;
    }

    public UnitAttentions unitAttentions() {
        return unitAttentions;
    }

    public TaskSet taskSet() {
        return taskSet;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** The inventory of the target this logical unit belongs to (for REPORT LUNS). */
    public LunInventory inventory() {
        return inventory;
    }

    /** Places this logical unit in a target's inventory; called by the target that adds it. */
    public void attach(LunInventory targetInventory) {
        this.inventory = Objects.requireNonNull(targetInventory, "targetInventory");
    }

    /** Registers a listener for resets and nexus loss. */
    public void addListener(LogicalUnitListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The sense format currently selected by the D_SENSE bit of the Control mode page. */
    public SenseFormat senseFormat() {
        return modePages.senseFormat();
    }

    @Override
    public ScsiResponse execute(ScsiRequest request) {
        Task task;
        try {
            task = taskSet.enter(request);
        } catch (RuntimeException e) {
            return internalFailure(request, e);
        }
        if (task == null) {
            return overlappedCommand(request);
        }
        try {
            if (task.attribute() == TaskAttribute.ACA) {
                return acaNotEstablished(request);
            }
            if (!taskSet.awaitEnabled(task)) {
                return abortedTaskResponse(request, task);
            }
            return executeTask(request, task);
        } catch (InterruptedException e) {
            // The transport is shutting down the thread: the task ends as an aborted one that returns no status.
            Thread.currentThread().interrupt();
            task.abort(Task.Abort.SILENT);
            return ScsiResponse.terminatedTask();
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            return internalFailure(request, e);
        } finally {
            taskSet.leave(task);
        }
    }

    /**
     * A command with the ACA task attribute. NORMACA is zero (SPC-4 6.6.2): no ACA condition is ever established, so
     * such a command is ended with CHECK CONDITION, ILLEGAL REQUEST, INVALID MESSAGE ERROR, as SAM-5 (5.9.2) requires
     * for an ACA command received while no ACA condition is established. (LIO answers INVALID FIELD IN CDB instead.)
     */
    private ScsiResponse acaNotEstablished(ScsiRequest request) {
        return checkCondition(request, SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_MESSAGE_ERROR),
                0);
    }

    /**
     * The response of an aborted task (SAM-5 5.6): TASK ABORTED status if it was aborted by another nexus while TAS
     * is one, otherwise none at all. No data is reported as transferred.
     */
    private static ScsiResponse abortedTaskResponse(ScsiRequest request, Task task) {
        return task.abortMode() == Task.Abort.TASK_ABORTED_STATUS
                ? ScsiResponse.status(Status.TASK_ABORTED, request.expectedDataInLength(), request.dataOutLength())
                : ScsiResponse.terminatedTask();
    }

    private ScsiResponse executeTask(ScsiRequest request, Task task) {
        byte[] cdbBytes = request.cdb();
        Command command;
        CommandSet.Lookup lookup = commands.lookup(cdbBytes);
        if (lookup instanceof CommandSet.Lookup.Found found) {
            command = found.command();
        } else if (lookup instanceof CommandSet.Lookup.UnknownServiceAction unknown) {
            return checkCondition(request, SenseData.invalidFieldInCdb(unknown.serviceActionField().byteOffset(),
                    unknown.serviceActionField().msbBit()), 0);
        } else {
            return checkCondition(request, SenseData.invalidCommandOperationCode(), 0);
        }
        CommandDescriptor descriptor = command.descriptor();
        if (cdbBytes.length < descriptor.cdbLength()) {
            return checkCondition(request, SenseData.invalidCommandOperationCode(), 0);
        }
        Optional<CdbViolation> violation = descriptor.validate(cdbBytes);
        if (violation.isPresent()) {
            return checkCondition(request,
                    SenseData.invalidFieldInCdb(violation.get().byteOffset(), violation.get().bit()), 0);
        }
        CommandContext context = new CommandContext(this, request, new Cdb(descriptor, cdbBytes), task);
        CommandResult result = gate(context, descriptor);
        if (result == null) {
            try {
                result = command.handler().handle(context);
            } catch (CheckConditionException e) {
                result = CommandResult.checkCondition(e.sense());
            }
        }
        if (task.isAborted()) {
            return abortedTaskResponse(request, task);
        }
        return respond(context, result);
    }

    /** The pre-execution gate; null when the command may run. */
    private CommandResult gate(CommandContext context, CommandDescriptor descriptor) {
        Nexus nexus = context.nexus();
        if (!descriptor.has(CommandFlag.ALLOWED_WITH_PENDING_UNIT_ATTENTION)) {
            Optional<SenseData> ua = unitAttentions.poll(nexus);
            if (ua.isPresent()) {
                return CommandResult.checkCondition(ua.get());
            }
        } else {
            unitAttentions.touch(nexus);
        }
        for (Map.Entry<Gate.Stage, Gate> stage : gates.entrySet()) { // EnumMap iterates in stage order
            if (stage.getKey().beforeReadiness()) {
                Optional<CommandResult> refused = stage.getValue().admit(context);
                if (refused.isPresent()) {
                    return refused.get();
                }
            }
        }
        if (!descriptor.has(CommandFlag.ALLOWED_WHEN_NOT_READY)) {
            Optional<SenseData> notReady = readiness.notReadyReason();
            if (notReady.isPresent()) {
                return CommandResult.checkCondition(notReady.get());
            }
        }
        for (Map.Entry<Gate.Stage, Gate> stage : gates.entrySet()) {
            if (!stage.getKey().beforeReadiness()) {
                Optional<CommandResult> refused = stage.getValue().admit(context);
                if (refused.isPresent()) {
                    return refused.get();
                }
            }
        }
        return null;
    }

    /** Truncates data-in to the allocation length and the data-in buffer and computes both residuals. */
    private ScsiResponse respond(CommandContext context, CommandResult result) {
        ScsiRequest request = context.request();
        int dataOutResidual = clamp((long) request.dataOutLength() - context.dataOutNeeded());
        if (result.status() == Status.CHECK_CONDITION && !result.data().hasRemaining()) {
            return ScsiResponse.checkCondition(result.sense().orElseThrow(), senseFormat(),
                    request.expectedDataInLength(), dataOutResidual);
        }
        // GOOD and friends, and CHECK CONDITION with data (a recovered error: the data is transferred, SAM-5 5.3.2)
        ByteBuffer data = result.data().duplicate();
        long available = data.remaining();
        Optional<Long> allocation = context.descriptor().allocationLengthField().map(context.cdb()::get);
        long deviceWouldSend = allocation.map(a -> Math.min(a, available)).orElse(available);
        int expected = request.expectedDataInLength();
        int sent = (int) Math.min(deviceWouldSend, expected);
        data.limit(data.position() + sent);
        return new ScsiResponse(result.status(), data.slice(), result.sense(), senseFormat(),
                clamp(expected - deviceWouldSend), dataOutResidual, false);
    }

    private static int clamp(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    private ScsiResponse checkCondition(ScsiRequest request, SenseData sense, int dataOutNeeded) {
        return ScsiResponse.checkCondition(sense, senseFormat(), request.expectedDataInLength(),
                request.dataOutLength() - dataOutNeeded);
    }

    /** SAM-5 5.10: a tag reused while its task is active aborts the nexus's tasks and reports the overlap. */
    private ScsiResponse overlappedCommand(ScsiRequest request) {
        TaskManager.abort(this, t -> t.nexus().equals(request.nexus()), request.nexus());
        return checkCondition(request, SenseData.of(SenseKey.ABORTED_COMMAND,
                AdditionalSense.OVERLAPPED_COMMANDS_ATTEMPTED), 0);
    }

    private ScsiResponse internalFailure(ScsiRequest request, Throwable e) {
        LOG.log(System.Logger.Level.ERROR, "internal failure executing " + request.operationCode(), e);
        return checkCondition(request, SenseData.of(SenseKey.HARDWARE_ERROR, AdditionalSense.INTERNAL_TARGET_FAILURE),
                0);
    }

    @Override
    public TaskManagementResponse manage(TaskManagementRequest request) {
        try {
            return TaskManager.execute(this, request);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "internal failure in task management", e);
            return new TaskManagementResponse(
                    TaskManagementResponse.ServiceResponse.SERVICE_DELIVERY_OR_TARGET_FAILURE, 0);
        }
    }

    @Override
    public void nexusLost(Nexus nexus) {
        TaskManager.abort(this, t -> t.nexus().equals(nexus), nexus);
        unitAttentions.resetTo(nexus, AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
        for (LogicalUnitListener l : listeners) {
            l.nexusLost(nexus);
        }
    }

    /**
     * Aborts the active tasks of the given nexuses, as PREEMPT AND ABORT does (SPC-4 5.13.11.2.6): a task of the
     * requesting nexus ends without status; another nexus's task ends with TASK ABORTED if the TAS bit is set,
     * otherwise without status and with COMMANDS CLEARED BY ANOTHER INITIATOR established for its nexus. It returns
     * without waiting for them to end: its caller is itself a task, which an aborted task may be waiting for.
     *
     * @param nexuses   the nexuses whose tasks are aborted
     * @param requester the nexus on whose behalf they are aborted
     */
    public void abortTasksOf(java.util.Set<Nexus> nexuses, Nexus requester) {
        TaskManager.abort(this, t -> nexuses.contains(t.nexus()), requester);
    }

    /**
     * Aborts the active tasks of the given nexuses except one, as PREEMPT AND ABORT does: every command of the
     * preempted nexuses except the PERSISTENT RESERVE OUT command itself (SPC-4 5.13.11.2.6 c), which may belong to
     * one of them. How each aborted task ends is as for {@link #abortTasksOf(java.util.Set, Nexus)}; it returns
     * without waiting for them to end.
     *
     * @param nexuses   the nexuses whose tasks are aborted
     * @param requester the nexus on whose behalf they are aborted
     * @param exempt    the task that is not aborted (the requesting command)
     */
    public void abortTasksOf(java.util.Set<Nexus> nexuses, Nexus requester, Task exempt) {
        TaskManager.abort(this, t -> t != exempt && nexuses.contains(t.nexus()), requester);
    }

    /** The effects of LOGICAL UNIT RESET (SAM-5 6.3.3 and 7.7) other than the service response. */
    void logicalUnitReset(Nexus requester) {
        TaskManager.abortAll(this, requester);
        modePages.resetToSaved();
        unitAttentions.resetAllTo(AdditionalSense.BUS_DEVICE_RESET_FUNCTION_OCCURRED);
        for (LogicalUnitListener l : listeners) {
            l.logicalUnitReset();
        }
    }

    /** Assembles a {@link DeviceServer}. */
    public static final class Builder {
        private final LogicalUnitIdentity identity;
        private final List<Command> commands = new ArrayList<>();
        private Predicate<CommandDescriptor> sharedCommands = d -> true;
        private boolean powerOnUnitAttention = true;
        private ModePageRegistry modePages;
        private LogPageRegistry logPages;
        private VpdPageRegistry vpdPages;
        private Readiness readiness = Readiness.ALWAYS_READY;
        private final Map<Gate.Stage, Gate> gates = new EnumMap<>(Gate.Stage.class);
        private final List<LogicalUnitListener> listeners = new ArrayList<>();
        private final List<LogicalUnitFeature> features = new ArrayList<>();

        private Builder(LogicalUnitIdentity identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
        }

        /**
         * Chooses which of the SPC commands every device type shares (INQUIRY, REPORT LUNS, TEST UNIT READY, REQUEST
         * SENSE, the MODE and LOG commands, the capability reports) this logical unit includes; by default all. A
         * logical unit that defines only a few, such as a well-known logical unit (SPC-4 8.1), leaves the rest out,
         * and the engine then ends them with INVALID COMMAND OPERATION CODE (or INVALID FIELD IN CDB for a service
         * action it lacks). Device-specific {@link #commands(List) commands} are not filtered. The last call wins.
         *
         * @param filter true for each shared command's declaration to include
         */
        public Builder sharedCommands(Predicate<CommandDescriptor> filter) {
            this.sharedCommands = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /**
         * Makes a logical unit that holds no power-on unit attention: the queue of a nexus it has not seen before
         * starts empty instead of with POWER ON, RESET, OR BUS DEVICE RESET OCCURRED (29h/00h, SAM-5 5.14). For a
         * stand-in that holds no unit attention conditions, such as the one a target answers an absent LUN with
         * (SPC-4 4.3); conditions established later (resets, nexus loss) are still queued.
         */
        public Builder withoutPowerOnUnitAttention() {
            this.powerOnUnitAttention = false;
            return this;
        }

        /** Adds device-specific commands. */
        public Builder commands(List<Command> more) {
            commands.addAll(more);
            return this;
        }

        public Builder modePages(ModePageRegistry value) {
            this.modePages = value;
            return this;
        }

        public Builder logPages(LogPageRegistry value) {
            this.logPages = value;
            return this;
        }

        public Builder vpdPages(VpdPageRegistry value) {
            this.vpdPages = value;
            return this;
        }

        public Builder readiness(Readiness value) {
            this.readiness = Objects.requireNonNull(value);
            return this;
        }

        /** Installs the check for one stage of the gate. */
        public Builder gate(Gate.Stage stage, Gate gate) {
            gates.put(stage, gate);
            return this;
        }

        public Builder listener(LogicalUnitListener listener) {
            listeners.add(listener);
            return this;
        }

        /**
         * Adds a feature: its commands, its gate checks (a stage may be installed once) and its listener; the
         * feature is attached to the logical unit when it is built.
         */
        public Builder feature(LogicalUnitFeature feature) {
            features.add(Objects.requireNonNull(feature, "feature"));
            commands.addAll(feature.commands());
            feature.gates().forEach((stage, gate) -> {
                if (gates.putIfAbsent(stage, gate) != null) {
                    throw new IllegalArgumentException("gate stage " + stage + " installed twice");
                }
            });
            listeners.add(feature.listener());
            return this;
        }

        public DeviceServer build() {
            return new DeviceServer(this);
        }
    }
}
