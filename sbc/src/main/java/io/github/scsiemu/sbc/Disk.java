package io.github.scsiemu.sbc;

import io.github.scsiemu.sbc.commands.SbcCommands;
import io.github.scsiemu.sbc.copy.CopyDomain;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LogicalUnitFeature;
import io.github.scsiemu.spc.mode.ModePageRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An emulated direct-access block device (SBC-4) and the operator's handle on it: the logical unit a transport
 * serves ({@link #logicalUnit()}), its medium and state, and the actions a tester scripts from outside (a capacity
 * change, medium removal, fault injection). Closing it flushes and closes the store.
 *
 * <pre>{@code
 * Disk disk = Disk.builder(DiskConfig.builder(1L << 21, 512).thin().build()).build();
 * target.add(0, disk.logicalUnit());
 * }</pre>
 */
public final class Disk implements AutoCloseable {

    private final DiskConfig config;
    private final Medium medium;
    private final DiskState state;
    private final ModePageRegistry modePages;
    private final DeviceServer logicalUnit;
    private final CopyDomain copyDomain;

    private Disk(Builder b) {
        this.config = b.config;
        BlockStore store = b.store != null ? b.store
                : new SparseMemoryBlockStore(config.logicalBlockSize(), config.capacity());
        this.medium = new Medium(config, store);
        this.copyDomain = (b.copyDomain != null ? b.copyDomain : new CopyDomain()).join(this);
        this.state = new DiskState(this);
        this.modePages = SbcModePages.registry(this);
        DeviceServer.Builder server = DeviceServer.builder(config.identity())
                .commands(SbcCommands.all(this))
                .modePages(modePages)
                .vpdPages(SbcVpdPages.registry(this))
                .readiness(state.readiness())
                .listener(state.listener());
        state.gates().forEach(server::gate);
        for (LogicalUnitFeature f : b.features) {
            server.feature(f);
        }
        this.logicalUnit = server.build();
    }

    /** Starts a disk with the given configuration, on a {@link SparseMemoryBlockStore} unless told otherwise. */
    public static Builder builder(DiskConfig config) {
        return new Builder(config);
    }

    /** The logical unit to serve, execute commands on, or add to a target. */
    public DeviceServer logicalUnit() {
        return logicalUnit;
    }

    public DiskConfig config() {
        return config;
    }

    public Medium medium() {
        return medium;
    }

    /** The logical units this disk's EXTENDED COPY may copy between (SPC-4 6.4); its own unless one was given. */
    public CopyDomain copyDomain() {
        return copyDomain;
    }

    /** Medium presence, start/stop, prevention of removal, long operations in progress. */
    public DiskState state() {
        return state;
    }

    /**
     * The fault injection API: failing or slow logical blocks and failing commands, for tests
     * ({@link io.github.scsiemu.sbc.fault.DiskFaults}).
     */
    public io.github.scsiemu.sbc.fault.DiskFaults faults() {
        return state.faults();
    }

    /** The disk's mode pages (Caching, Control, ...), as MODE SELECT leaves them. */
    public ModePageRegistry modePages() {
        return modePages;
    }

    /**
     * Changes the number of logical blocks at run time and establishes CAPACITY DATA HAS CHANGED for every I_T
     * nexus (SBC-4 4.6).
     *
     * @param newCapacity at least one block
     */
    public void resize(long newCapacity) {
        medium.store().resize(newCapacity);
        logicalUnit.unitAttentions().establishForAll(AdditionalSense.CAPACITY_DATA_HAS_CHANGED);
    }

    /** Leaves the copy domain, makes everything written durable and closes the store. */
    @Override
    public void close() {
        copyDomain.leave(this);
        state.close();
        medium.store().close();
    }

    /** Assembles a {@link Disk}. */
    public static final class Builder {
        private final DiskConfig config;
        private BlockStore store;
        private final List<LogicalUnitFeature> features = new ArrayList<>();
        private CopyDomain copyDomain;

        private Builder(DiskConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The store that holds the logical blocks (for example a file-backed store). */
        public Builder store(BlockStore value) {
            this.store = Objects.requireNonNull(value);
            return this;
        }

        /** Adds a logical unit feature (persistent reservations, asymmetric access, ...). */
        public Builder feature(LogicalUnitFeature feature) {
            features.add(Objects.requireNonNull(feature));
            return this;
        }

        /** The copy domain (for example one per target) the disk joins, so EXTENDED COPY can reach its peers. */
        public Builder copyDomain(CopyDomain value) {
            this.copyDomain = Objects.requireNonNull(value);
            return this;
        }

        public Disk build() {
            return new Disk(this);
        }
    }
}
