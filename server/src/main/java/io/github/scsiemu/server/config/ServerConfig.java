package io.github.scsiemu.server.config;

import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.target.TargetSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the emulator server serves: its iSCSI portals, the targets behind them with their logical units, the
 * iSCSI operational policy, and where persistent reservations with APTPL are kept (SPC-4 5.13.2).
 *
 * @param source               the file it was read from, or {@code built-in default}
 * @param portals              the network portals, at least one
 * @param targets              the targets, at least one
 * @param settings             the iSCSI operational policy every portal negotiates
 * @param reservationDirectory where each logical unit's persistent reservation state is saved; empty to keep it in
 *                             memory
 * @param discoveryAuthentication the CHAP policy of discovery sessions (RFC 7143 12.1.3)
 */
public record ServerConfig(String source, List<PortalConfig> portals, List<TargetConfig> targets,
        TargetSettings settings, Optional<Path> reservationDirectory, AuthenticationPolicy discoveryAuthentication) {

    public ServerConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(reservationDirectory, "reservationDirectory");
        Objects.requireNonNull(discoveryAuthentication, "discoveryAuthentication");
        portals = List.copyOf(portals);
        targets = List.copyOf(targets);
        if (portals.isEmpty() || targets.isEmpty()) {
            throw new IllegalArgumentException("a server has at least one portal and one target");
        }
    }

    /**
     * This configuration with its only portal moved (the command line's {@code --address} and {@code --port}).
     *
     * @param host the address to listen on, or empty to keep the configured one
     * @param port the port, or empty to keep the configured one
     * @throws ConfigException if there is more than one portal, so that the override would be ambiguous
     */
    public ServerConfig withPortalAddress(Optional<String> host, Optional<Integer> port) throws ConfigException {
        if (host.isEmpty() && port.isEmpty()) {
            return this;
        }
        if (portals.size() != 1) {
            throw new ConfigException(source, 0, "",
                    "--address and --port apply only to a configuration with one portal; this one has "
                            + portals.size());
        }
        PortalConfig p = portals.get(0);
        InetSocketAddress moved = new InetSocketAddress(host.orElse(p.address().getHostString()),
                port.orElse(p.address().getPort()));
        if (moved.isUnresolved()) {
            throw new ConfigException(source, 0, "", "--address: unknown host " + moved.getHostString());
        }
        return new ServerConfig(source, List.of(p.withAddress(moved)), targets, settings, reservationDirectory,
                discoveryAuthentication);
    }
}
