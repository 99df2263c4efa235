package io.github.scsiemu.spc.alua;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.spc.inquiry.TargetPortGroupSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The target port groups of a SCSI target device and their asymmetric access states (SPC-4 5.15.2): the primary
 * target port groups, each a set of target ports always in the same primary state, and the offline secondary state
 * of single ports. Every logical unit built with an {@link AsymmetricAccess} feature on the same instance sees the
 * same states, so one operator action fails over every logical unit of the target at once.
 *
 * <p>The operator API models the device's implicit asymmetric access management (SPC-4 5.15.2.7): {@link #setState}
 * changes a group at once, {@link #beginTransition} puts it in the transitioning state until the
 * {@link TransitionScheduler} says the transition time has passed, {@link #failTransition} ends a transition in the
 * unavailable state, and {@link #takeOffline}/{@link #bringOnline} model a port losing and regaining its service
 * delivery subsystem (SPC-4 5.15.2.4.6). SET TARGET PORT GROUPS is the explicit management (SPC-4 5.15.2.8). Every
 * completed change is announced to the {@link AccessStateListener}s, which establish the unit attention conditions
 * of SPC-4 5.15.2.5.
 *
 * <p>Thread-safe: changes are serialized; the state a command sees is an immutable snapshot read without locking.
 * The states are kept through logical unit reset, I_T nexus loss and (within this object's life) power on, as
 * SPC-4 5.15.2.9 requires for explicit-only management.
 */
public final class TargetPortGroups {

    /** The longest IMPLICIT TRANSITION TIME the one-byte field of SPC-4 6.37 table 305 can report. */
    public static final Duration MAX_REPORTED_TRANSITION_TIME = Duration.ofSeconds(255);

    /** A primary target port group's mutable state, guarded by {@link #lock}. */
    private static final class Group {
        final int id;
        final List<Integer> ports;
        AsymmetricAccessState state;
        boolean preferred;
        TargetPortGroupStatusCode status = TargetPortGroupStatusCode.NO_STATUS;
        int vendorSpecific;
        Transition transition;

        Group(int id, List<Integer> ports) {
            this.id = id;
            this.ports = ports;
        }
    }

    /** A transition under way: where it ends, who asked for it, and its scheduled end. */
    private static final class Transition {
        final AsymmetricAccessState target;
        final Optional<Nexus> origin;
        TransitionScheduler.Scheduled end;

        Transition(AsymmetricAccessState target, Optional<Nexus> origin) {
            this.target = target;
            this.origin = origin;
        }

        TargetPortGroupStatusCode status() {
            return origin.isPresent() ? TargetPortGroupStatusCode.ALTERED_BY_SET_TARGET_PORT_GROUPS
                    : TargetPortGroupStatusCode.ALTERED_BY_IMPLICIT_BEHAVIOUR;
        }
    }

    /** What commands see: the reported groups and, per port, the state a command through it meets. */
    private record Snapshot(List<TargetPortGroup> groups, int[] ports, AsymmetricAccessState[] states) {
        AsymmetricAccessState stateOf(int relativeTargetPortId) {
            int i = Arrays.binarySearch(ports, relativeTargetPortId);
            return i < 0 ? null : states[i];
        }
    }

    private final TargetPortGroupSupport support;
    private final Set<AsymmetricAccessState> supportedStates;
    private final int supportBits;
    private final Duration implicitTransitionTime;
    private final Duration explicitTransitionTime;
    private final AsymmetricAccessState othersOnActivation;
    private final int offlineGroupId;
    private final TransitionScheduler scheduler;
    private final Object lock = new Object();
    private final Map<Integer, Group> groups;
    private final Map<Integer, Group> groupOfPort;
    private final TreeSet<Integer> offline = new TreeSet<>();
    private TargetPortGroupStatusCode offlineStatus = TargetPortGroupStatusCode.NO_STATUS;
    private final List<AccessStateListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot;

    private TargetPortGroups(Builder b) {
        this.support = b.support;
        this.supportedStates = Collections.unmodifiableSet(EnumSet.copyOf(b.supportedStates));
        int bits = 0;
        for (AsymmetricAccessState s : supportedStates) {
            bits |= s.supportBit();
        }
        this.supportBits = bits;
        this.implicitTransitionTime = b.implicitTransitionTime;
        this.explicitTransitionTime = b.explicitTransitionTime;
        this.othersOnActivation = b.othersOnActivation;
        this.offlineGroupId = b.offlineGroupId;
        this.scheduler = b.scheduler;
        Map<Integer, Group> byId = new TreeMap<>();
        Map<Integer, Group> byPort = new HashMap<>();
        for (Builder.Spec spec : b.groups.values()) {
            Group g = new Group(spec.id, List.copyOf(new TreeSet<>(spec.ports)));
            g.state = spec.state;
            g.preferred = spec.preferred;
            g.vendorSpecific = spec.vendorSpecific;
            byId.put(g.id, g);
            for (int port : g.ports) {
                byPort.put(port, g);
            }
        }
        this.groups = Collections.unmodifiableMap(byId);
        this.groupOfPort = Collections.unmodifiableMap(byPort);
        publish();
    }

    /** Starts a configuration; at least one group must be declared. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- what is supported -----------------------------------------------------------------------------------------

    /** The TPGS field every logical unit sharing these groups reports (SPC-4 6.6.2). */
    public TargetPortGroupSupport targetPortGroupSupport() {
        return support;
    }

    /** Whether SET TARGET PORT GROUPS is supported (TPGS 10b or 11b). */
    public boolean supportsExplicit() {
        return (support.code() & 0b10) != 0;
    }

    /** Whether the device changes states by itself, i.e. the operator API may be used (TPGS 01b or 11b). */
    public boolean supportsImplicit() {
        return (support.code() & 0b01) != 0;
    }

    /** The states the _SUP bits of every target port group descriptor report. */
    public Set<AsymmetricAccessState> supportedStates() {
        return supportedStates;
    }

    /** Byte 1 of a target port group descriptor: T_SUP, O_SUP, LBD_SUP, U_SUP, S_SUP, AN_SUP, AO_SUP. */
    public int supportBits() {
        return supportBits;
    }

    /** The time an implicit transition takes; REPORT TARGET PORT GROUPS reports it, in seconds, in byte 5. */
    public Duration implicitTransitionTime() {
        return implicitTransitionTime;
    }

    /** The time a transition requested by SET TARGET PORT GROUPS takes; zero makes it immediate. */
    public Duration explicitTransitionTime() {
        return explicitTransitionTime;
    }

    /** The TARGET PORT GROUP of the secondary target port group that holds the offline ports. */
    public int offlineGroupId() {
        return offlineGroupId;
    }

    // ---- what the groups are now ------------------------------------------------------------------------------------

    /**
     * Every target port group as REPORT TARGET PORT GROUPS reports it now, ascending by identifier: the primary target
     * port groups, each listing all its ports (offline ones included, SPC-4 5.15.2.10), then, while any port is
     * offline, the secondary target port group in the offline state that lists those ports.
     */
    public List<TargetPortGroup> groups() {
        return snapshot.groups();
    }

    /** The target port group with the given identifier, primary or secondary, as it is now. */
    public Optional<TargetPortGroup> group(int id) {
        for (TargetPortGroup g : snapshot.groups()) {
            if (g.id() == id) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** The primary target port group a port belongs to. */
    public OptionalInt groupOf(int relativeTargetPortId) {
        Group g = groupOfPort.get(relativeTargetPortId);
        return g == null ? OptionalInt.empty() : OptionalInt.of(g.id);
    }

    /** The relative target port identifiers of every port in a group, ascending. */
    public Set<Integer> relativeTargetPortIds() {
        return Collections.unmodifiableSet(new TreeSet<>(groupOfPort.keySet()));
    }

    /**
     * The asymmetric access state a command received through a port meets: offline if the port is, otherwise its
     * primary target port group's state (possibly transitioning); empty for a port in no group.
     */
    public Optional<AsymmetricAccessState> stateOf(int relativeTargetPortId) {
        return Optional.ofNullable(snapshot.stateOf(relativeTargetPortId));
    }

    /** {@link #stateOf} for the hot path: null for a port in no group. */
    AsymmetricAccessState stateThrough(TargetPort port) {
        return snapshot.stateOf(port.relativeTargetPortId());
    }

    // ---- listeners ----------------------------------------------------------------------------------------------

    /** Adds a listener for completed changes. */
    public void addListener(AccessStateListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeListener(AccessStateListener listener) {
        listeners.remove(listener);
    }

    // ---- the operator: implicit management ---------------------------------------------------------------------------

    /**
     * Changes a primary target port group's state at once, as the device's implicit management would (STATUS CODE
     * 02h); a transition under way is abandoned. Every logical unit establishes ASYMMETRIC ACCESS STATE CHANGED for
     * every I_T nexus. Setting the state the group already has changes nothing.
     *
     * @param groupId the target port group
     * @param state   active/optimized, active/non-optimized, standby or unavailable, and supported
     * @throws IllegalArgumentException for an unknown group or a state that cannot be set
     * @throws IllegalStateException    if the TPGS field claims no implicit management
     */
    public void setState(int groupId, AsymmetricAccessState state) {
        requireImplicit();
        Group g = requireGroup(groupId);
        requireSettable(state);
        boolean changed;
        synchronized (lock) {
            changed = cancelTransition(g) || g.state != state;
            if (changed) {
                g.state = state;
                g.status = TargetPortGroupStatusCode.ALTERED_BY_IMPLICIT_BEHAVIOUR;
                publish();
            }
        }
        if (changed) {
            fire(AccessStateChange.implicit());
        }
    }

    /** {@link #beginTransition(int, AsymmetricAccessState, Duration)} taking the {@link #implicitTransitionTime}. */
    public void beginTransition(int groupId, AsymmetricAccessState target) {
        beginTransition(groupId, target, implicitTransitionTime);
    }

    /**
     * Starts an implicit transition (SPC-4 5.15.2.5): the group enters the transitioning state now and the target
     * state once {@code time} has passed on the {@link TransitionScheduler}. Both steps are state changes: each
     * establishes ASYMMETRIC ACCESS STATE CHANGED for every I_T nexus. A transition already under way is replaced.
     *
     * @param groupId the target port group
     * @param target  the state the transition ends in
     * @param time    how long the transition takes
     * @throws IllegalArgumentException for an unknown group, a state that cannot be set, or transitioning unsupported
     * @throws IllegalStateException    if the TPGS field claims no implicit management
     */
    public void beginTransition(int groupId, AsymmetricAccessState target, Duration time) {
        requireImplicit();
        Group g = requireGroup(groupId);
        requireSettable(target);
        requireSupported(AsymmetricAccessState.TRANSITIONING);
        if (time.isNegative()) {
            throw new IllegalArgumentException("transition time must not be negative");
        }
        synchronized (lock) {
            startTransition(g, target, Optional.empty(), time);
            publish();
        }
        fire(AccessStateChange.implicit());
    }

    /**
     * Makes a transition under way fail (SPC-4 5.15.2.5): the group ends in the unavailable state (STATUS CODE 02h)
     * and every logical unit establishes IMPLICIT ASYMMETRIC ACCESS STATE TRANSITION FAILED for every I_T nexus.
     *
     * @return false, changing nothing, if the group was not transitioning
     * @throws IllegalArgumentException for an unknown group, or if the unavailable state is not supported
     * @throws IllegalStateException    if the TPGS field claims no implicit management
     */
    public boolean failTransition(int groupId) {
        requireImplicit();
        Group g = requireGroup(groupId);
        requireSupported(AsymmetricAccessState.UNAVAILABLE);
        synchronized (lock) {
            if (!cancelTransition(g)) {
                return false;
            }
            g.state = AsymmetricAccessState.UNAVAILABLE;
            g.status = TargetPortGroupStatusCode.ALTERED_BY_IMPLICIT_BEHAVIOUR;
            publish();
        }
        fire(AccessStateChange.implicitTransitionFailed());
        return true;
    }

    /**
     * Sets or clears a primary target port group's PREF bit (SPC-4 5.15.2.6). The preference is not an asymmetric
     * access state, so no unit attention condition is established.
     */
    public void setPreferred(int groupId, boolean preferred) {
        Group g = requireGroup(groupId);
        synchronized (lock) {
            g.preferred = preferred;
            publish();
        }
    }

    /**
     * Puts a target port in the offline secondary state (SPC-4 5.15.2.4.6), as when it loses its service delivery
     * subsystem: commands that still arrive through it are refused. An implicit change: ASYMMETRIC ACCESS STATE
     * CHANGED for every I_T nexus.
     *
     * @return false if the port was offline already
     * @throws IllegalArgumentException for a port in no group, or if the offline state is not supported
     */
    public boolean takeOffline(int relativeTargetPortId) {
        return setOffline(relativeTargetPortId, true, Optional.empty());
    }

    /**
     * Takes a target port out of the offline state once its service delivery subsystem works again (SPC-4
     * 5.15.2.4.6). An implicit change: ASYMMETRIC ACCESS STATE CHANGED for every I_T nexus.
     *
     * @return false if the port was not offline
     * @throws IllegalArgumentException for a port in no group
     */
    public boolean bringOnline(int relativeTargetPortId) {
        return setOffline(relativeTargetPortId, false, Optional.empty());
    }

    private boolean setOffline(int port, boolean goOffline, Optional<Nexus> origin) {
        if (!groupOfPort.containsKey(port)) {
            throw new IllegalArgumentException("no target port group contains relative target port " + port);
        }
        if (goOffline) {
            requireSupported(AsymmetricAccessState.OFFLINE);
        }
        synchronized (lock) {
            boolean changed = goOffline ? offline.add(port) : offline.remove(port);
            if (!changed) {
                return false;
            }
            offlineStatus = origin.isPresent() ? TargetPortGroupStatusCode.ALTERED_BY_SET_TARGET_PORT_GROUPS
                    : TargetPortGroupStatusCode.ALTERED_BY_IMPLICIT_BEHAVIOUR;
            publish();
        }
        fire(origin.map(AccessStateChange::explicit).orElseGet(AccessStateChange::implicit));
        return true;
    }

    // ---- SET TARGET PORT GROUPS: explicit management -------------------------------------------------------------------

    /**
     * Performs a validated SET TARGET PORT GROUPS parameter list (SPC-4 6.45) received through {@code origin}: each
     * named primary target port group goes to its requested state, each named port goes offline, and, if the
     * configuration says so, the other active/optimized groups give way to a group made active/optimized. Changed
     * groups get STATUS CODE 01h. With an {@link #explicitTransitionTime} the groups pass through transitioning and the
     * command completes before the transition does (SPC-4 6.45 b). Every logical unit establishes ASYMMETRIC ACCESS
     * STATE CHANGED for every I_T nexus but {@code origin}, once per completed step.
     *
     * @param descriptors the descriptors, each naming a known group or port with a supported, settable state
     * @param origin      the I_T nexus the command was received on
     */
    void setExplicitly(List<SetTargetPortGroupDescriptor> descriptors, Nexus origin) {
        Map<Group, AsymmetricAccessState> requested = new LinkedHashMap<>();
        List<Integer> ports = new ArrayList<>();
        for (SetTargetPortGroupDescriptor d : descriptors) {
            if (d.state() == AsymmetricAccessState.OFFLINE) {
                ports.add(d.targetPortGroupOrTargetPort());
            } else {
                requested.put(requireGroup(d.targetPortGroupOrTargetPort()), d.state());
            }
        }
        boolean changed = false;
        boolean timed = !explicitTransitionTime.isZero();
        synchronized (lock) {
            if (othersOnActivation != null && requested.containsValue(AsymmetricAccessState.ACTIVE_OPTIMIZED)) {
                for (Group g : groups.values()) {
                    if (!requested.containsKey(g) && effectiveTarget(g) == AsymmetricAccessState.ACTIVE_OPTIMIZED) {
                        requested.put(g, othersOnActivation);
                    }
                }
            }
            for (Map.Entry<Group, AsymmetricAccessState> e : requested.entrySet()) {
                Group g = e.getKey();
                if (effectiveTarget(g) == e.getValue() && g.transition == null) {
                    continue;
                }
                changed = true;
                if (timed) {
                    startTransition(g, e.getValue(), Optional.of(origin), explicitTransitionTime);
                } else {
                    cancelTransition(g);
                    g.state = e.getValue();
                    g.status = TargetPortGroupStatusCode.ALTERED_BY_SET_TARGET_PORT_GROUPS;
                }
            }
            for (int port : ports) {
                if (offline.add(port)) {
                    changed = true;
                    offlineStatus = TargetPortGroupStatusCode.ALTERED_BY_SET_TARGET_PORT_GROUPS;
                }
            }
            if (changed) {
                publish();
            }
        }
        if (changed) {
            fire(AccessStateChange.explicit(origin));
        }
    }

    /** The state a group is in or on its way to. */
    private static AsymmetricAccessState effectiveTarget(Group g) {
        return g.transition != null ? g.transition.target : g.state;
    }

    // ---- internals ------------------------------------------------------------------------------------------------

    /** Holding the lock: puts the group in transitioning and schedules the end. */
    private void startTransition(Group g, AsymmetricAccessState target, Optional<Nexus> origin, Duration time) {
        cancelTransition(g);
        Transition t = new Transition(target, origin);
        g.transition = t;
        g.state = AsymmetricAccessState.TRANSITIONING;
        g.status = t.status();
        t.end = scheduler.schedule(time, () -> completeTransition(g, t));
    }

    /** Holding the lock: abandons a transition under way; true if there was one. */
    private static boolean cancelTransition(Group g) {
        Transition t = g.transition;
        if (t == null) {
            return false;
        }
        g.transition = null;
        if (t.end != null) {
            t.end.cancel();
        }
        return true;
    }

    private void completeTransition(Group g, Transition t) {
        synchronized (lock) {
            if (g.transition != t) {
                return; // replaced or abandoned meanwhile
            }
            g.transition = null;
            g.state = t.target;
            g.status = t.status();
            publish();
        }
        fire(t.origin.map(AccessStateChange::explicit).orElseGet(AccessStateChange::implicit));
    }

    /** Holding the lock (or constructing): makes the current state visible to commands. */
    private void publish() {
        List<TargetPortGroup> reported = new ArrayList<>();
        for (Group g : groups.values()) {
            reported.add(new TargetPortGroup(g.id, g.state, g.preferred, g.status, g.vendorSpecific, g.ports));
        }
        if (!offline.isEmpty()) {
            reported.add(new TargetPortGroup(offlineGroupId, AsymmetricAccessState.OFFLINE, false, offlineStatus, 0,
                    List.copyOf(offline)));
            reported.sort((a, b) -> Integer.compare(a.id(), b.id()));
        }
        int[] ports = groupOfPort.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        AsymmetricAccessState[] states = new AsymmetricAccessState[ports.length];
        for (int i = 0; i < ports.length; i++) {
            states[i] = offline.contains(ports[i]) ? AsymmetricAccessState.OFFLINE : groupOfPort.get(ports[i]).state;
        }
        snapshot = new Snapshot(List.copyOf(reported), ports, states);
    }

    private void fire(AccessStateChange change) {
        for (AccessStateListener l : listeners) {
            l.accessStateChanged(change);
        }
    }

    private Group requireGroup(int id) {
        Group g = groups.get(id);
        if (g == null) {
            throw new IllegalArgumentException("no primary target port group " + id);
        }
        return g;
    }

    private void requireSettable(AsymmetricAccessState state) {
        if (!state.isSettledPrimary()) {
            throw new IllegalArgumentException(state + " cannot be set on a primary target port group");
        }
        requireSupported(state);
    }

    private void requireSupported(AsymmetricAccessState state) {
        if (!supportedStates.contains(state)) {
            throw new IllegalArgumentException(state + " is not a supported state");
        }
    }

    private void requireImplicit() {
        if (!supportsImplicit()) {
            throw new IllegalStateException("TPGS " + support + " claims no implicit asymmetric access management");
        }
    }

    @Override
    public String toString() {
        return "TargetPortGroups" + groups();
    }

    /** Assembles {@link TargetPortGroups}. */
    public static final class Builder {

        private static final class Spec {
            final int id;
            final AsymmetricAccessState state;
            final List<Integer> ports;
            boolean preferred;
            int vendorSpecific;

            Spec(int id, AsymmetricAccessState state, List<Integer> ports) {
                this.id = id;
                this.state = state;
                this.ports = ports;
            }
        }

        private final Map<Integer, Spec> groups = new TreeMap<>();
        private TargetPortGroupSupport support = TargetPortGroupSupport.IMPLICIT_AND_EXPLICIT;
        private Set<AsymmetricAccessState> supportedStates = EnumSet.of(AsymmetricAccessState.ACTIVE_OPTIMIZED,
                AsymmetricAccessState.ACTIVE_NON_OPTIMIZED, AsymmetricAccessState.STANDBY,
                AsymmetricAccessState.UNAVAILABLE, AsymmetricAccessState.OFFLINE,
                AsymmetricAccessState.TRANSITIONING);
        private Duration implicitTransitionTime = Duration.ZERO;
        private Duration explicitTransitionTime = Duration.ZERO;
        private AsymmetricAccessState othersOnActivation;
        private int offlineGroupId = 0xFFFF;
        private TransitionScheduler scheduler = TransitionScheduler.daemon();

        private Builder() {
        }

        /**
         * Declares a primary target port group.
         *
         * @param id                    the TARGET PORT GROUP, 0-65535
         * @param initial               its state: active/optimized, active/non-optimized, standby or unavailable
         * @param relativeTargetPortIds its ports (at least one), each in no other group
         */
        public Builder group(int id, AsymmetricAccessState initial, int... relativeTargetPortIds) {
            Objects.requireNonNull(initial, "initial");
            if (id < 0 || id > 0xFFFF) {
                throw new IllegalArgumentException("target port group must be 0-65535");
            }
            if (!initial.isSettledPrimary()) {
                throw new IllegalArgumentException(initial + " cannot be the initial state of a group");
            }
            if (relativeTargetPortIds.length == 0) {
                throw new IllegalArgumentException("a target port group contains at least one target port");
            }
            List<Integer> ports = new ArrayList<>();
            for (int p : relativeTargetPortIds) {
                if (p < 1 || p > 0xFFFF) {
                    throw new IllegalArgumentException("relative target port identifier must be 1-65535");
                }
                for (Spec other : groups.values()) {
                    if (other.ports.contains(p)) {
                        throw new IllegalArgumentException("port " + p + " is already in group " + other.id);
                    }
                }
                ports.add(p);
            }
            if (groups.putIfAbsent(id, new Spec(id, initial, ports)) != null) {
                throw new IllegalArgumentException("target port group " + id + " declared twice");
            }
            return this;
        }

        /**
         * Declares a primary target port group from the target ports themselves, so the TARGET PORT GROUP the Device
         * Identification VPD page reports for each port (SPC-4 7.8.6.8) cannot disagree with REPORT TARGET PORT
         * GROUPS.
         *
         * @param id      the TARGET PORT GROUP; every port must name it
         * @param initial its state
         * @param ports   its ports
         */
        public Builder group(int id, AsymmetricAccessState initial, TargetPort... ports) {
            int[] ids = new int[ports.length];
            for (int i = 0; i < ports.length; i++) {
                if (ports[i].targetPortGroup() != id) {
                    throw new IllegalArgumentException(ports[i].name() + " names target port group "
                            + ports[i].targetPortGroup() + ", not " + id);
                }
                ids[i] = ports[i].relativeTargetPortId();
            }
            return group(id, initial, ids);
        }

        /** Sets the PREF bit of a declared group (SPC-4 5.15.2.6). */
        public Builder preferred(int id) {
            spec(id).preferred = true;
            return this;
        }

        /** Sets the vendor specific byte of a declared group's descriptor. */
        public Builder vendorSpecific(int id, int value) {
            if (value < 0 || value > 0xFF) {
                throw new IllegalArgumentException("vendor specific is one byte");
            }
            spec(id).vendorSpecific = value;
            return this;
        }

        private Spec spec(int id) {
            Spec s = groups.get(id);
            if (s == null) {
                throw new IllegalArgumentException("declare target port group " + id + " first");
            }
            return s;
        }

        /** The management the TPGS field claims: implicit, explicit, or both (the default). */
        public Builder targetPortGroupSupport(TargetPortGroupSupport value) {
            if (Objects.requireNonNull(value, "value") == TargetPortGroupSupport.NOT_SUPPORTED) {
                throw new IllegalArgumentException("target port groups need TPGS 01b, 10b or 11b");
            }
            this.support = value;
            return this;
        }

        /**
         * The states the _SUP bits report and that may be entered; by default active/optimized, active/non-optimized,
         * standby, unavailable, offline and transitioning (logical block dependent needs referrals and is never
         * supported).
         */
        public Builder supportedStates(AsymmetricAccessState... states) {
            EnumSet<AsymmetricAccessState> set = EnumSet.noneOf(AsymmetricAccessState.class);
            set.addAll(List.of(states));
            if (set.contains(AsymmetricAccessState.LOGICAL_BLOCK_DEPENDENT)) {
                throw new IllegalArgumentException("the logical block dependent state needs referrals");
            }
            this.supportedStates = set;
            return this;
        }

        /** How long {@link TargetPortGroups#beginTransition(int, AsymmetricAccessState)} takes: 0-255 s (default 0). */
        public Builder implicitTransitionTime(Duration value) {
            if (value.isNegative() || value.compareTo(MAX_REPORTED_TRANSITION_TIME) > 0) {
                throw new IllegalArgumentException("implicit transition time must be 0-255 s");
            }
            this.implicitTransitionTime = value;
            return this;
        }

        /**
         * How long a transition requested by SET TARGET PORT GROUPS spends in the transitioning state; zero (the
         * default) makes it immediate, so the command completes with the new states in place.
         */
        public Builder explicitTransitionTime(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("explicit transition time must not be negative");
            }
            this.explicitTransitionTime = value;
            return this;
        }

        /**
         * Makes active/optimized exclusive under explicit management: when SET TARGET PORT GROUPS makes a group
         * active/optimized, every other active/optimized group not named in the parameter list goes to
         * {@code others} (SPC-4 6.45 allows such side effects; they are explicit changes). By default other groups are
         * left alone.
         */
        public Builder exclusiveActiveOptimized(AsymmetricAccessState others) {
            if (!Objects.requireNonNull(others, "others").isSettledPrimary()
                    || others == AsymmetricAccessState.ACTIVE_OPTIMIZED) {
                throw new IllegalArgumentException(others + " cannot be what other groups give way to");
            }
            this.othersOnActivation = others;
            return this;
        }

        /** The TARGET PORT GROUP of the secondary target port group of offline ports (default FFFFh). */
        public Builder offlineGroupId(int id) {
            if (id < 0 || id > 0xFFFF) {
                throw new IllegalArgumentException("target port group must be 0-65535");
            }
            this.offlineGroupId = id;
            return this;
        }

        /** Where timed transitions end: {@link TransitionScheduler#daemon()} by default. */
        public Builder scheduler(TransitionScheduler value) {
            this.scheduler = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Builds the groups.
         *
         * @throws IllegalStateException if no group is declared, an initial state is not supported, the offline group
         *                               identifier is also a primary group's, or a timed explicit transition is asked
         *                               for without the transitioning state
         */
        public TargetPortGroups build() {
            if (groups.isEmpty()) {
                throw new IllegalStateException("declare at least one target port group");
            }
            for (Spec s : groups.values()) {
                if (!supportedStates.contains(s.state)) {
                    throw new IllegalStateException("group " + s.id + " starts in unsupported state " + s.state);
                }
            }
            if (groups.containsKey(offlineGroupId)) {
                throw new IllegalStateException("offline group identifier " + offlineGroupId + " is a primary group");
            }
            if (!explicitTransitionTime.isZero() && !supportedStates.contains(AsymmetricAccessState.TRANSITIONING)) {
                throw new IllegalStateException("a timed explicit transition needs the transitioning state");
            }
            if (othersOnActivation != null && !supportedStates.contains(othersOnActivation)) {
                throw new IllegalStateException(othersOnActivation + " is not a supported state");
            }
            return new TargetPortGroups(this);
        }
    }
}
