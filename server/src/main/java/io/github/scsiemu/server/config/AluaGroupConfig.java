package io.github.scsiemu.server.config;

import io.github.scsiemu.spc.alua.AsymmetricAccessState;
import java.util.List;
import java.util.Objects;

/**
 * One primary target port group of a target (SPC-4 5.15.2): its TARGET PORT GROUP, initial asymmetric access
 * state, PREF bit and member ports, given as the target's portals.
 *
 * @param id         the TARGET PORT GROUP, 0-65535
 * @param state      the initial state: active/optimized, active/non-optimized, standby or unavailable
 * @param preferred  the PREF bit
 * @param portals    indexes into {@link ServerConfig#portals()}, each a target port of the target
 * @param origin     where it was configured
 */
public record AluaGroupConfig(int id, AsymmetricAccessState state, boolean preferred, List<Integer> portals,
        Origin origin) {

    public AluaGroupConfig {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(origin, "origin");
        portals = List.copyOf(portals);
    }
}
