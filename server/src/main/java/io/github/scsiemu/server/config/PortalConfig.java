package io.github.scsiemu.server.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One iSCSI network portal (RFC 7143 3.4.1): the TCP address it listens on and its target portal group tag.
 *
 * @param address  the address; port 0 picks a free port
 * @param groupTag the TPGT, 0-65535, unique among the portals
 * @param origin   where it was configured
 */
public record PortalConfig(InetSocketAddress address, int groupTag, Origin origin) {

    public PortalConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(origin, "origin");
        if (groupTag < 0 || groupTag > 0xFFFF) {
            throw new IllegalArgumentException("TPGT is sixteen bits");
        }
    }

    /** This portal on another address. */
    public PortalConfig withAddress(InetSocketAddress value) {
        return new PortalConfig(value, groupTag, origin);
    }
}
