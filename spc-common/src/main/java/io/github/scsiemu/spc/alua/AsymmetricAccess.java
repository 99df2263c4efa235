package io.github.scsiemu.spc.alua;

import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.Gate;
import io.github.scsiemu.spc.LogicalUnitFeature;
import io.github.scsiemu.spc.UnitAttentions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Asymmetric logical unit access for one logical unit (SPC-4 5.15.2), on target port groups the logical units of a
 * target share:
 * <ul>
 * <li>the {@link Gate.Stage#ASYMMETRIC_ACCESS} gate: the state of the port a command arrives through filters it by
 * its declaration ({@link AccessStateFilter});</li>
 * <li>REPORT TARGET PORT GROUPS, and SET TARGET PORT GROUPS when the TPGS field claims explicit management;</li>
 * <li>INQUIRY's TPGS field and PERIPHERAL QUALIFIER 001b through unavailable ports, which follow from REPORT TARGET
 * PORT GROUPS ({@link ReportTargetPortGroups}); the Device Identification VPD page already carries the relative target
 * port and target port group designators of the port (SPC-4 7.8.6.7, 7.8.6.8);</li>
 * <li>the unit attention conditions of SPC-4 5.15.2.5 for every I_T nexus of the logical unit after each change.</li>
 * </ul>
 *
 * <pre>{@code
 * TargetPortGroups groups = TargetPortGroups.builder()
 *         .group(1, AsymmetricAccessState.ACTIVE_OPTIMIZED, port1)
 *         .group(2, AsymmetricAccessState.STANDBY, port2)
 *         .build();
 * DeviceServer lu = DeviceServer.builder(identity).feature(AsymmetricAccess.of(groups)).build();
 * groups.setState(2, AsymmetricAccessState.ACTIVE_OPTIMIZED);   // failover, seen by every LU on these groups
 * }</pre>
 *
 * <p>A feature belongs to one logical unit; make one per logical unit. Asymmetric access states survive logical unit
 * reset and I_T nexus loss (SPC-4 5.15.2.9), so the feature has nothing to do on either.
 */
public final class AsymmetricAccess implements LogicalUnitFeature {

    private final TargetPortGroups groups;
    private final List<Command> commands;
    private volatile DeviceServer logicalUnit;

    private AsymmetricAccess(TargetPortGroups groups) {
        this.groups = groups;
        List<Command> list = new ArrayList<>();
        list.add(new Command(ReportTargetPortGroups.DESCRIPTOR, new ReportTargetPortGroups(groups)));
        if (groups.supportsExplicit()) {
            list.add(new Command(SetTargetPortGroups.DESCRIPTOR, new SetTargetPortGroups(groups)));
        }
        this.commands = List.copyOf(list);
    }

    /** Asymmetric access for one logical unit on the given target port groups. */
    public static AsymmetricAccess of(TargetPortGroups groups) {
        AsymmetricAccess feature = new AsymmetricAccess(Objects.requireNonNull(groups, "groups"));
        groups.addListener(feature::accessStateChanged);
        return feature;
    }

    /** The target port groups this logical unit shares. */
    public TargetPortGroups groups() {
        return groups;
    }

    @Override
    public List<Command> commands() {
        return commands;
    }

    @Override
    public Map<Gate.Stage, Gate> gates() {
        return Map.of(Gate.Stage.ASYMMETRIC_ACCESS, this::admit);
    }

    @Override
    public void attach(DeviceServer server) {
        bind(server);
    }

    private void bind(DeviceServer server) {
        DeviceServer bound = logicalUnit;
        if (bound == server) {
            return;
        }
        synchronized (this) {
            if (logicalUnit == null) {
                logicalUnit = server;
            } else if (logicalUnit != server) {
                throw new IllegalStateException("an AsymmetricAccess feature belongs to one logical unit");
            }
        }
    }

    /** The gate: a port in no target port group is outside asymmetric access and lets everything through. */
    private Optional<CommandResult> admit(CommandContext context) {
        bind(context.logicalUnit());
        AsymmetricAccessState state = groups.stateThrough(context.nexus().target());
        if (state == null) {
            return Optional.empty();
        }
        return AccessStateFilter.refusal(state, context.descriptor()).map(CommandResult::checkCondition);
    }

    /** SPC-4 5.15.2.5: the unit attention for every I_T nexus of this logical unit, but the one that asked. */
    private void accessStateChanged(AccessStateChange change) {
        DeviceServer lu = logicalUnit;
        if (lu == null) {
            return; // not yet serving: no I_T nexus holds unit attention conditions here
        }
        UnitAttentions ua = lu.unitAttentions();
        if (change.origin().isPresent()) {
            ua.establishForAllExcept(change.origin().get(), change.condition());
        } else {
            ua.establishForAll(change.condition());
        }
    }
}
