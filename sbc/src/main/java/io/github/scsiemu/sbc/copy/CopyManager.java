package io.github.scsiemu.sbc.copy;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LogicalUnitListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The copy manager of one disk (SPC-4 third-party copy): it executes the EXTENDED COPY (LID1) commands the disk receives,
 * between the disks of its {@link CopyDomain}, and holds their results per I_T nexus and LIST IDENTIFIER for RECEIVE
 * COPY RESULTS (SPC-4 third-party copy).
 *
 * <p>An EXTENDED COPY is decoded and checked whole ({@link ExtendedCopyParameterList#decode}); then a LIST
 * IDENTIFIER still in use by a copy in progress on the same nexus ends it with ILLEGAL REQUEST, OPERATION IN
 * PROGRESS (unless LIST ID USAGE is 11b), and a copy beyond the TOTAL CONCURRENT COPIES with ILLEGAL REQUEST,
 * INSUFFICIENT RESOURCES. Every segment is resolved ({@link SegmentCopy#resolve}) before any data moves, then the
 * segments are copied in order. Results, held unless LIST ID USAGE is 11b, replace those of an earlier command with
 * the same nexus and list identifier and are discarded when the nexus is lost or the logical unit is reset.
 */
public final class CopyManager implements LogicalUnitListener {

    private record ListKey(Nexus nexus, int listIdentifier) {
    }

    private final Disk disk;
    private final OperatingParameters limits;
    private final ConcurrentMap<ListKey, CopyResults> held = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean listening = new AtomicBoolean();

    /** The copy manager of {@code disk}, with the {@link OperatingParameters#DEFAULT} limits. */
    public CopyManager(Disk disk) {
        this(disk, OperatingParameters.DEFAULT);
    }

    /**
     * The copy manager of {@code disk}.
     *
     * @param disk   the disk that receives the commands; its copy domain is where CSCD descriptors are looked up
     * @param limits the limits reported and enforced
     */
    public CopyManager(Disk disk, OperatingParameters limits) {
        this.disk = Objects.requireNonNull(disk, "disk");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public OperatingParameters operatingParameters() {
        return limits;
    }

    /** The results held for a nexus and list identifier, if any. */
    public Optional<CopyResults> results(Nexus nexus, int listIdentifier) {
        return Optional.ofNullable(held.get(new ListKey(nexus, listIdentifier)));
    }

    /**
     * Executes EXTENDED COPY (LID1). A PARAMETER LIST LENGTH of zero copies nothing and is not an error (SPC-4
     * 6.4.1).
     */
    public CommandResult extendedCopy(CommandContext context) {
        if (context.cdb().parameterListLength() == 0) {
            return CommandResult.good();
        }
        ExtendedCopyParameterList list = ExtendedCopyParameterList.decode(context.parameterList(), limits);
        listenTo(context.logicalUnit());
        ListKey key = list.listIdUsage().holdsResults() ? new ListKey(context.nexus(), list.listIdentifier()) : null;
        if (key != null) {
            begin(key);
        }
        if (running.incrementAndGet() > limits.totalConcurrentCopies()) {
            running.decrementAndGet();
            CheckConditionException busy = CheckConditionException.of(SenseKey.ILLEGAL_REQUEST,
                    AdditionalSense.INSUFFICIENT_RESOURCES);
            update(key, r -> r.failed(busy.sense()));
            throw busy;
        }
        try {
            return copy(context, list, key);
        } finally {
            running.decrementAndGet();
        }
    }

    private void begin(ListKey key) {
        boolean[] inUse = {false};
        held.compute(key, (k, old) -> {
            if (old != null && old.inProgress()) {
                inUse[0] = true;
                return old;
            }
            return CopyResults.started();
        });
        if (inUse[0]) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.OPERATION_IN_PROGRESS);
        }
    }

    private CommandResult copy(CommandContext context, ExtendedCopyParameterList list, ListKey key) {
        try {
            List<SegmentCopy> copies = new ArrayList<>();
            for (BlockToBlockSegment segment : list.segments()) {
                copies.add(SegmentCopy.resolve(segment, list, disk.copyDomain(), limits));
            }
            for (SegmentCopy copy : copies) {
                update(key, r -> r.processing(copy.segment().index() + 1));
                if (!copy.execute(context.task(), n -> update(key, r -> r.transferred(n)))) {
                    if (key != null) {
                        held.remove(key);
                    }
                    return CommandResult.good(); // the engine answers for the aborted task
                }
            }
            update(key, CopyResults::succeeded);
            return CommandResult.good();
        } catch (CheckConditionException e) {
            update(key, r -> r.failed(e.sense()));
            throw e;
        }
    }

    private void update(ListKey key, UnaryOperator<CopyResults> change) {
        if (key != null) {
            held.computeIfPresent(key, (k, r) -> change.apply(r));
        }
    }

    /**
     * RECEIVE COPY STATUS (LID1) (SPC-4 RECEIVE COPY STATUS(LID1)).
     *
     * @param listIdentifier the CDB's LIST IDENTIFIER field
     */
    public CommandResult copyStatus(CommandContext context, CdbField listIdentifier) {
        return CommandResult.data(resultsFor(context, listIdentifier).copyStatus());
    }

    /**
     * RECEIVE COPY DATA (LID1) (SPC-4 RECEIVE COPY DATA(LID1)): AVAILABLE DATA zero, since no segment type this copy manager implements
     * holds data.
     *
     * @param listIdentifier the CDB's LIST IDENTIFIER field
     */
    public CommandResult copyData(CommandContext context, CdbField listIdentifier) {
        resultsFor(context, listIdentifier);
        return CommandResult.data(new byte[4]);
    }

    /**
     * RECEIVE COPY FAILURE DETAILS (LID1) (SPC-4 RECEIVE COPY FAILURE DETAILS(LID1)), with sense data in the logical unit's current format.
     *
     * @param listIdentifier the CDB's LIST IDENTIFIER field
     */
    public CommandResult failureDetails(CommandContext context, CdbField listIdentifier) {
        return CommandResult.data(resultsFor(context, listIdentifier)
                .failedSegmentDetails(context.logicalUnit().senseFormat()));
    }

    /** RECEIVE COPY OPERATING PARAMETERS (SPC-4 RECEIVE COPY OPERATING PARAMETERS). */
    public CommandResult operatingParameters(CommandContext context) {
        return CommandResult.data(limits.encode());
    }

    /** The held results for the nexus and the CDB's LIST IDENTIFIER; none is INVALID FIELD IN CDB at that field. */
    private CopyResults resultsFor(CommandContext context, CdbField listIdentifier) {
        CopyResults r = held.get(new ListKey(context.nexus(), context.cdb().getInt(listIdentifier)));
        if (r == null) {
            throw CheckConditionException.invalidField(listIdentifier);
        }
        return r;
    }

    private void listenTo(DeviceServer logicalUnit) {
        if (listening.compareAndSet(false, true)) {
            logicalUnit.addListener(this);
        }
    }

    /** A logical unit reset discards every held result. */
    @Override
    public void logicalUnitReset() {
        held.clear();
    }

    /** The loss of a nexus discards its held results. */
    @Override
    public void nexusLost(Nexus nexus) {
        held.keySet().removeIf(k -> k.nexus().equals(nexus));
    }
}
