package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An iSCSI target network portal (RFC 7143 3.4.1) serving one or more named SCSI target devices: it listens on a
 * TCP address (loopback by default), logs initiators in, and runs their sessions. Each connection has a reader and
 * a writer thread; commands and task management run on a shared pool of worker threads, so several commands of one
 * session execute concurrently and the reader never waits for a device (iscsi.md 4.2).
 *
 * <pre>{@code
 * try (IscsiTarget portal = IscsiTarget.builder()
 *         .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 3260))
 *         .export(ExportedTarget.of("iqn.2026-01.io.github.scsiemu:disk", scsiTarget))
 *         .build().start()) {
 *     ...
 * }
 * }</pre>
 */
public final class IscsiTarget implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IscsiTarget.class.getName());

    private final InetSocketAddress requested;
    private final int portalGroupTag;
    private final TargetSettings settings;
    private final Map<String, ExportedTarget> targets;
    private final AuthenticationPolicy discoveryAuthentication;
    private final Map<String, TargetSession> sessions = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final AtomicInteger tsih = new AtomicInteger();
    private volatile ServerSocketChannel listener;
    private volatile boolean closed;

    private IscsiTarget(Builder b) {
        this.requested = b.address;
        this.portalGroupTag = b.portalGroupTag;
        this.settings = b.settings;
        this.targets = Map.copyOf(b.targets);
        this.discoveryAuthentication = b.discoveryAuthentication;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> daemon(r, "iscsi-worker-" + n.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "iscsi-timer"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A builder for a portal on 127.0.0.1:3260, portal group tag 1, default settings and no targets. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the listening socket and starts accepting connections.
     *
     * @return this portal
     * @throws IOException if the address cannot be bound
     */
    public synchronized IscsiTarget start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        ServerSocketChannel l = ServerSocketChannel.open();
        l.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        l.bind(requested);
        listener = l;
        daemon(this::accept, "iscsi-accept-" + address().getPort()).start();
        return this;
    }

    /** The bound address (with the actual port when port 0 was requested). */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("portal is closed", e);
        }
    }

    /** The number of sessions logged in at the moment (discovery sessions included). */
    public int sessionCount() {
        return sessions.size();
    }

    private void accept() {
        while (!closed) {
            try {
                SocketChannel c = listener.accept();
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                daemon(new TargetConnection(this, c), "iscsi-reader-" + c.getRemoteAddress()).start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed: " + e.getMessage());
                }
                return;
            }
        }
    }

    /** Stops listening and ends every session (I_T nexus loss for each). */
    @Override
    public void close() throws IOException {
        closed = true;
        if (listener != null) {
            listener.close();
        }
        for (TargetSession s : List.copyOf(sessions.values())) {
            s.terminate();
        }
        workers.shutdown();
        timers.shutdownNow();
    }

    // ---- for connections and sessions --------------------------------------------------------------------------

    TargetSettings settings() {
        return settings;
    }

    int portalGroupTag() {
        return portalGroupTag;
    }

    Optional<ExportedTarget> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    AuthenticationPolicy discoveryAuthentication() {
        return discoveryAuthentication;
    }

    List<ExportedTarget> targets() {
        return new ArrayList<>(targets.values());
    }

    ExecutorService workers() {
        return workers;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    int nextTsih() {
        int t;
        do {
            t = tsih.incrementAndGet() & 0xFFFF;
        } while (t == 0);
        return t;
    }

    /** Registers a new session; an existing one with the same identity is reinstated (RFC 7143 6.3.5). */
    void register(TargetSession session) {
        String key = session.identity.key() + "#" + System.identityHashCode(session);
        if (!session.identity.discovery()) {
            key = session.identity.key();
            TargetSession old = sessions.get(key);
            if (old != null) {
                old.terminate();
            }
        }
        sessions.put(key, session);
    }

    /** Terminates every normal session with the given target except {@code keep}. */
    void terminateSessions(ExportedTarget target, TargetSession keep) {
        for (TargetSession s : List.copyOf(sessions.values())) {
            if (s != keep && s.identity.target().filter(t -> t.name().equals(target.name())).isPresent()) {
                s.terminate();
            }
        }
    }

    void unregister(TargetSession session) {
        sessions.values().remove(session);
    }

    /** Builds an {@link IscsiTarget}. */
    public static final class Builder {
        private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 3260);
        private int portalGroupTag = 1;
        private TargetSettings settings = TargetSettings.DEFAULT;
        private final Map<String, ExportedTarget> targets = new LinkedHashMap<>();
        private AuthenticationPolicy discoveryAuthentication = AuthenticationPolicy.NONE;

        private Builder() {
        }

        /** The address to listen on; port 0 picks a free port. */
        public Builder address(InetSocketAddress value) {
            this.address = Objects.requireNonNull(value, "address");
            return this;
        }

        /** Listens on the loopback address with the given port (0 for a free one). */
        public Builder port(int port) {
            return address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }

        /** The portal group tag (TPGT) of this portal, 0-65535. */
        public Builder portalGroupTag(int value) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("TPGT is sixteen bits");
            }
            this.portalGroupTag = value;
            return this;
        }

        /** The operational policy. */
        public Builder settings(TargetSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Exports a target. */
        public Builder export(ExportedTarget target) {
            if (targets.putIfAbsent(target.name(), target) != null) {
                throw new IllegalArgumentException("target exported twice: " + target.name());
            }
            return this;
        }

        /** How initiators authenticate for discovery sessions (RFC 7143 12); none by default. */
        public Builder discoveryAuthentication(AuthenticationPolicy value) {
            this.discoveryAuthentication = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The portal, not yet listening. */
        public IscsiTarget build() {
            return new IscsiTarget(this);
        }
    }
}
