package io.github.scsiemu.spc.target;

import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.ScsiTarget;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.TaskManagementResponse;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.LunInventory;
import io.github.scsiemu.spc.PeripheralDeviceType;
import io.github.scsiemu.spc.commands.CoreCommands;
import io.github.scsiemu.spc.inquiry.InquiryCommands;
import io.github.scsiemu.spc.inquiry.ReportLuns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A SCSI target device (SAM-5 4.6): logical units addressed by single-level LUNs, the REPORT LUNS well-known
 * logical unit (LUN C101h, SPC-4 8.2), and the answers for absent LUNs (SPC-4 4.3, see {@link AbsentLogicalUnit}).
 *
 * <p>Logical units may be added and removed while commands run. Each change establishes REPORTED LUNS DATA HAS
 * CHANGED (3Fh/0Eh) for every I_T nexus on every other {@link DeviceServer} logical unit, the well-known one
 * included (SPC-4 6.33). The target implements LUICLR (SPC-4 7.8.7, SAM-5 5.14): once any logical unit has reported
 * that condition to a nexus, by CHECK CONDITION or REQUEST SENSE, or a REPORT LUNS from that nexus has completed,
 * the condition is cleared for the nexus in every logical unit.
 *
 * <p>The target ports are those declared to the builder and any other port a command arrives through; they make the
 * SCSI Ports VPD page and the MULTIP bit. Declare every port up front so that the INQUIRY data never changes.
 */
public final class SimpleTarget implements ScsiTarget {

    private static final Comparator<Lun> ASCENDING = Comparator.comparing(Lun::value, Long::compareUnsigned);

    /**
     * The commands the REPORT LUNS well-known logical unit processes (SPC-4 8.2); any other ends with INVALID COMMAND
     * OPERATION CODE.
     */
    private static final Set<CommandDescriptor> REPORT_LUNS_WELL_KNOWN_COMMANDS = Set.of(InquiryCommands.INQUIRY,
            ReportLuns.DESCRIPTOR, CoreCommands.TEST_UNIT_READY, CoreCommands.REQUEST_SENSE);

    private final Map<Lun, LogicalUnit> units = new ConcurrentSkipListMap<>(ASCENDING);
    private final Map<Integer, TargetPort> ports = new ConcurrentSkipListMap<>();
    private final LunInventory inventory = new Inventory();
    private final DeviceServer wellKnown;
    private final AbsentLogicalUnit absent;

    private SimpleTarget(Builder b) {
        for (TargetPort p : b.ports) {
            ports.put(p.relativeTargetPortId(), p);
        }
        this.wellKnown = DeviceServer.builder(b.identity.withDeviceType(PeripheralDeviceType.WELL_KNOWN_LOGICAL_UNIT))
                .sharedCommands(REPORT_LUNS_WELL_KNOWN_COMMANDS::contains)
                .build();
        wellKnown.attach(inventory);
        this.absent = new AbsentLogicalUnit(b.identity, inventory);
        for (Map.Entry<Lun, LogicalUnit> e : b.units.entrySet()) {
            place(e.getKey(), e.getValue());
        }
    }

    /** Starts a target with no logical units, no declared ports and a default identity. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- inventory ----------------------------------------------------------------------------------------------

    /**
     * Adds a logical unit at run time and tells every nexus of the other logical units that the inventory changed.
     *
     * @throws IllegalArgumentException if the LUN is not a single-level peripheral or flat space LUN, or is taken
     */
    public synchronized void add(Lun lun, LogicalUnit logicalUnit) {
        place(lun, logicalUnit);
        reportedLunsChanged(logicalUnit);
    }

    /** {@link #add(Lun, LogicalUnit)} with the LUN {@link Lun#of(int)} assigns to {@code number}. */
    public void add(int number, LogicalUnit logicalUnit) {
        add(Lun.of(number), logicalUnit);
    }

    /** Removes a logical unit at run time and tells every nexus of the remaining ones that the inventory changed. */
    public synchronized Optional<LogicalUnit> remove(Lun lun) {
        LogicalUnit removed = units.remove(lun);
        if (removed != null) {
            reportedLunsChanged(removed);
        }
        return Optional.ofNullable(removed);
    }

    private void place(Lun lun, LogicalUnit logicalUnit) {
        Objects.requireNonNull(lun, "lun");
        Objects.requireNonNull(logicalUnit, "logicalUnit");
        if (!lun.isSingleLevel() || lun.isWellKnown() || lun.number() < 0) {
            throw new IllegalArgumentException("not a single-level peripheral or flat space LUN: " + lun);
        }
        if (units.putIfAbsent(lun, logicalUnit) != null) {
            throw new IllegalArgumentException(lun + " is already in use");
        }
        if (logicalUnit instanceof DeviceServer server) {
            server.attach(inventory);
        }
    }

    private void reportedLunsChanged(LogicalUnit changed) {
        for (DeviceServer server : deviceServers()) {
            if (server != changed) {
                server.unitAttentions().establishForAll(AdditionalSense.REPORTED_LUNS_DATA_HAS_CHANGED);
            }
        }
    }

    /** The engine-built logical units, the well-known one included. */
    private List<DeviceServer> deviceServers() {
        List<DeviceServer> list = new ArrayList<>();
        for (LogicalUnit lu : units.values()) {
            if (lu instanceof DeviceServer server) {
                list.add(server);
            }
        }
        list.add(wellKnown);
        return list;
    }

    /** The declared target ports and those commands have arrived through, ascending by relative port identifier. */
    public List<TargetPort> targetPorts() {
        return List.copyOf(ports.values());
    }

    @Override
    public List<Lun> luns() {
        return List.copyOf(units.keySet());
    }

    @Override
    public Optional<LogicalUnit> logicalUnit(Lun lun) {
        if (lun.equals(Lun.REPORT_LUNS_WELL_KNOWN)) {
            return Optional.of(wellKnown);
        }
        return Optional.ofNullable(units.get(lun));
    }

    // ---- commands -----------------------------------------------------------------------------------------------

    @Override
    public ScsiResponse execute(ScsiRequest request) {
        Nexus nexus = request.nexus();
        ports.putIfAbsent(nexus.target().relativeTargetPortId(), nexus.target());
        Optional<LogicalUnit> target = logicalUnit(request.lun());
        if (target.isEmpty()) {
            return afterwards(request, absent.execute(request), false);
        }
        LogicalUnit lu = target.get();
        boolean requestSenseReportsChange = request.operationCode() == CoreCommands.REQUEST_SENSE.operationCode()
                && lu instanceof DeviceServer server && server.unitAttentions().peek(nexus)
                        .map(s -> s.additionalSense().equals(AdditionalSense.REPORTED_LUNS_DATA_HAS_CHANGED))
                        .orElse(false);
        return afterwards(request, lu.execute(request), requestSenseReportsChange);
    }

    /** LUICLR: clears REPORTED LUNS DATA HAS CHANGED for the nexus everywhere once the nexus has learned of it. */
    private ScsiResponse afterwards(ScsiRequest request, ScsiResponse response, boolean requestSenseReportsChange) {
        boolean learned = response.sense()
                .map(s -> s.additionalSense().equals(AdditionalSense.REPORTED_LUNS_DATA_HAS_CHANGED))
                .orElse(false)
                || (response.status() == Status.GOOD && (requestSenseReportsChange
                        || request.operationCode() == ReportLuns.DESCRIPTOR.operationCode()));
        if (learned) {
            for (DeviceServer server : deviceServers()) {
                server.unitAttentions().clear(request.nexus(), AdditionalSense.REPORTED_LUNS_DATA_HAS_CHANGED);
            }
        }
        return response;
    }

    // ---- task management and nexus loss ---------------------------------------------------------------------------

    /**
     * Routes a task management function to the addressed logical unit; an absent LUN gets INCORRECT LOGICAL UNIT
     * NUMBER. I_T NEXUS RESET applies to every logical unit (SAM-5 7.6).
     */
    @Override
    public TaskManagementResponse manage(TaskManagementRequest request) {
        if (request.function() == TaskManagementFunction.I_T_NEXUS_RESET) {
            for (LogicalUnit lu : allLogicalUnits()) {
                lu.manage(request);
            }
            absent.forget(request.nexus());
            return TaskManagementResponse.COMPLETE;
        }
        return logicalUnit(request.lun()).map(lu -> lu.manage(request)).orElse(TaskManagementResponse.INCORRECT_LUN);
    }

    @Override
    public void nexusLost(Nexus nexus) {
        for (LogicalUnit lu : allLogicalUnits()) {
            lu.nexusLost(nexus);
        }
        absent.forget(nexus);
    }

    private List<LogicalUnit> allLogicalUnits() {
        List<LogicalUnit> all = new ArrayList<>(units.values());
        all.add(wellKnown);
        return all;
    }

    /** The target as its logical units see it. */
    private final class Inventory implements LunInventory {
        @Override
        public List<Lun> luns() {
            return SimpleTarget.this.luns();
        }

        @Override
        public List<Lun> wellKnownLuns() {
            return List.of(Lun.REPORT_LUNS_WELL_KNOWN);
        }

        @Override
        public List<TargetPort> targetPorts() {
            return SimpleTarget.this.targetPorts();
        }
    }

    /** Assembles a {@link SimpleTarget}. */
    public static final class Builder {
        private LogicalUnitIdentity identity = LogicalUnitIdentity.of(PeripheralDeviceType.WELL_KNOWN_LOGICAL_UNIT,
                "SCSI TARGET", "TARGET", List.of(0x00A0, 0x0460));
        private final List<TargetPort> ports = new ArrayList<>();
        private final Map<Lun, LogicalUnit> units = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The identity of the target device itself: the vendor, product, revision and serial number its REPORT LUNS
         * well-known logical unit reports, and that INQUIRY to an absent LUN returns. The device type is ignored.
         */
        public Builder identity(LogicalUnitIdentity value) {
            this.identity = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Declares a target port. */
        public Builder port(TargetPort port) {
            ports.add(Objects.requireNonNull(port, "port"));
            return this;
        }

        /** Adds a logical unit. */
        public Builder logicalUnit(Lun lun, LogicalUnit logicalUnit) {
            if (units.putIfAbsent(Objects.requireNonNull(lun, "lun"), logicalUnit) != null) {
                throw new IllegalArgumentException(lun + " is already in use");
            }
            return this;
        }

        /** Adds a logical unit at the LUN {@link Lun#of(int)} assigns to {@code number}. */
        public Builder logicalUnit(int number, LogicalUnit logicalUnit) {
            return logicalUnit(Lun.of(number), logicalUnit);
        }

        public SimpleTarget build() {
            return new SimpleTarget(this);
        }
    }
}
