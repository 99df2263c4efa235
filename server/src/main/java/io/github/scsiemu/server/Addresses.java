package io.github.scsiemu.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** How the server writes a portal's address for people and in {@code iscsi://} URLs (RFC 7143 13.2 TargetAddress). */
final class Addresses {

    private Addresses() {
    }

    /** {@code host:port}, with an IPv6 host in brackets. */
    static String format(InetSocketAddress address) {
        return host(address.getAddress()) + ":" + address.getPort();
    }

    /** The address an initiator on this machine connects to: loopback in place of the wildcard address. */
    static String connectable(InetSocketAddress address) {
        InetAddress a = address.getAddress();
        if (a == null || a.isAnyLocalAddress()) {
            a = InetAddress.getLoopbackAddress();
        }
        return host(a) + ":" + address.getPort();
    }

    private static String host(InetAddress a) {
        String h = a.getHostAddress();
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }
}
