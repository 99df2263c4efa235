package io.github.scsiemu.server;

import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.iscsi.target.ExportedTarget;
import io.github.scsiemu.iscsi.target.IscsiTarget;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.copy.CopyDomain;
import io.github.scsiemu.server.config.AluaGroupConfig;
import io.github.scsiemu.server.config.ConfigException;
import io.github.scsiemu.server.config.LunConfig;
import io.github.scsiemu.server.config.PortalConfig;
import io.github.scsiemu.server.config.ServerConfig;
import io.github.scsiemu.server.config.TargetConfig;
import io.github.scsiemu.spc.alua.TargetPortGroups;
import io.github.scsiemu.spc.target.SimpleTarget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running emulator: the SCSI target devices a {@link ServerConfig} describes, each exported under its iSCSI
 * name through its network portals (RFC 7143 3.4.1). {@link #shutdown()} closes the portals, which ends every
 * session with I_T nexus loss, then closes every disk, which makes durable stores consistent on disk.
 */
public final class EmulatorServer implements AutoCloseable {

    private final ServerConfig config;
    private final List<ServedTarget> targets;
    private final List<IscsiTarget> portals;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EmulatorServer(ServerConfig config, List<ServedTarget> targets, List<IscsiTarget> portals) {
        this.config = config;
        this.targets = List.copyOf(targets);
        this.portals = List.copyOf(portals);
    }

    /**
     * Builds every logical unit and starts listening on every portal.
     *
     * @param config what to serve
     * @return the running server
     * @throws ConfigException if the configuration does not match what exists (a file store of another geometry)
     * @throws IOException     if a store cannot be opened or a portal cannot listen
     */
    public static EmulatorServer start(ServerConfig config) throws ConfigException, IOException {
        List<ServedTarget> targets = new ArrayList<>();
        List<IscsiTarget> portals = new ArrayList<>();
        try {
            for (TargetConfig t : config.targets()) {
                targets.add(build(config, t));
            }
            for (int i = 0; i < config.portals().size(); i++) {
                portals.add(listen(config, i, targets));
            }
        } catch (ConfigException | IOException | RuntimeException e) {
            new EmulatorServer(config, targets, portals).shutdown();
            throw e;
        }
        return new EmulatorServer(config, targets, portals);
    }

    private static IscsiTarget listen(ServerConfig config, int index, List<ServedTarget> targets)
            throws IOException {
        PortalConfig p = config.portals().get(index);
        IscsiTarget.Builder b = IscsiTarget.builder().address(p.address()).portalGroupTag(p.groupTag())
                .settings(config.settings()).discoveryAuthentication(config.discoveryAuthentication());
        for (ServedTarget t : targets) {
            TargetPort port = t.ports().get(index);
            if (port != null) {
                b.export(new ExportedTarget(t.name(), t.config().alias(), t.device(), port.relativeTargetPortId(),
                        port.targetPortGroup()).withAuthentication(t.config().authentication())
                        .withAccess(t.config().access()));
            }
        }
        IscsiTarget portal = b.build();
        try {
            return portal.start();
        } catch (IOException e) {
            portal.close();
            throw new IOException("cannot listen on " + Addresses.format(p.address()) + ": " + e.getMessage(), e);
        }
    }

    private static ServedTarget build(ServerConfig config, TargetConfig t) throws ConfigException, IOException {
        Map<Integer, TargetPort> ports = new LinkedHashMap<>();
        for (int portal : t.portals()) {
            ports.put(portal, TargetPort.iscsi(t.name(), config.portals().get(portal).groupTag(),
                    t.relativeTargetPortId(portal), t.targetPortGroup(portal)));
        }
        Optional<TargetPortGroups> groups = Optional.empty();
        if (!t.aluaGroups().isEmpty()) {
            TargetPortGroups.Builder g = TargetPortGroups.builder();
            for (AluaGroupConfig a : t.aluaGroups()) {
                g.group(a.id(), a.state(), a.portals().stream().map(ports::get).toArray(TargetPort[]::new));
                if (a.preferred()) {
                    g.preferred(a.id());
                }
            }
            groups = Optional.of(g.build());
        }
        SimpleTarget.Builder device = SimpleTarget.builder();
        ports.values().forEach(device::port);
        CopyDomain copyDomain = new CopyDomain();
        Map<Integer, Disk> disks = new LinkedHashMap<>();
        try {
            for (LunConfig lun : t.luns()) {
                Disk disk = LogicalUnits.disk(lun, t.name(), List.copyOf(ports.values()),
                        config.reservationDirectory(), copyDomain, groups);
                disks.put(lun.number(), disk);
                device.logicalUnit(lun.number(), disk.logicalUnit());
            }
        } catch (ConfigException | IOException | RuntimeException e) {
            disks.values().forEach(Disk::close);
            throw e;
        }
        return new ServedTarget(t, device.build(), disks, ports);
    }

    /** What is served. */
    public ServerConfig config() {
        return config;
    }

    /** The targets, in configuration order. */
    public List<ServedTarget> targets() {
        return targets;
    }

    /** The address each portal listens on (with the actual port where port 0 was asked for), by portal index. */
    public List<InetSocketAddress> portalAddresses() {
        return portals.stream().map(IscsiTarget::address).toList();
    }

    /**
     * Stops serving: closes every portal (each session ends, an I_T nexus loss for its logical units), then closes
     * every disk, flushing file stores. Only the first call does anything.
     *
     * @return one line per action, for the operator
     */
    public List<String> shutdown() {
        if (!stopped.compareAndSet(false, true)) {
            return List.of();
        }
        List<String> done = new ArrayList<>();
        for (IscsiTarget portal : portals) {
            String where = Addresses.format(portal.address());
            int sessions = portal.sessionCount();
            try {
                portal.close();
                done.add("closed portal " + where + ", ending " + sessions + " session(s)");
            } catch (IOException e) {
                done.add("closing portal " + where + " failed: " + e.getMessage());
            }
        }
        for (ServedTarget t : targets) {
            for (LunConfig lun : t.config().luns()) {
                Disk disk = t.disks().get(lun.number());
                if (disk == null) {
                    continue;
                }
                String what = t.name() + " LUN " + lun.number();
                try {
                    disk.close();
                    done.add(lun.store().isFile()
                            ? "flushed and closed " + what + " (" + lun.store() + ")"
                            : "closed " + what + " (memory store, contents discarded)");
                } catch (RuntimeException e) {
                    done.add("closing " + what + " failed: " + e.getMessage());
                }
            }
        }
        return done;
    }

    @Override
    public void close() {
        shutdown();
    }
}
