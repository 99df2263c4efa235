package io.github.scsiemu.spc;

import java.util.List;
import java.util.Map;

/**
 * An optional part of a logical unit that brings its own commands, gate checks and reactions to resets, added to a
 * {@link DeviceServer} as a whole: persistent reservations (SPC-4 5.13), asymmetric logical unit access (SPC-4
 * 5.15), and the like. A feature is bound to one logical unit; {@link #attach} hands it that logical unit once it is
 * built, so it can reach the task set and the unit attention queues.
 */
public interface LogicalUnitFeature {

    /** The commands the feature adds. */
    default List<Command> commands() {
        return List.of();
    }

    /** The gate checks the feature installs, by stage. */
    default Map<Gate.Stage, Gate> gates() {
        return Map.of();
    }

    /** Called once, when the logical unit that holds the feature has been built. */
    default void attach(DeviceServer logicalUnit) {
    }

    /** Reactions to logical unit reset and I_T nexus loss. */
    default LogicalUnitListener listener() {
        return new LogicalUnitListener() {
        };
    }
}
