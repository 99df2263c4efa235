package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.api.TransportId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a registration belongs to (SPC-4 5.13.7): an initiator port, as its TransportID names it, through one target
 * port, or through every target port of the logical unit when it was registered with ALL_TG_PT set (SPC-4 6.16.3).
 * An iSCSI TransportID of format 00b (name only, SPC-4 7.6.4.6) names every initiator port of that iSCSI name.
 * Target ports are compared by their RELATIVE TARGET PORT IDENTIFIER, which is unique within the SCSI target device.
 *
 * @param initiator  the initiator port; its TransportID decides which nexuses the registrant covers
 * @param targetPort the target port, or empty for all target ports
 */
public record Registrant(InitiatorPort initiator, Optional<TargetPort> targetPort) {

    public Registrant {
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(targetPort, "targetPort");
    }

    /** The registrant of exactly one I_T nexus. */
    public static Registrant of(Nexus nexus) {
        return new Registrant(nexus.initiator(), Optional.of(nexus.target()));
    }

    /** The registrant of an initiator port through every target port (ALL_TG_PT=1). */
    public static Registrant allTargetPorts(InitiatorPort initiator) {
        return new Registrant(initiator, Optional.empty());
    }

    /** Whether the registration is for every target port. */
    public boolean allTargetPortsRegistered() {
        return targetPort.isEmpty();
    }

    /** Whether commands received on {@code nexus} come from this registrant. */
    public boolean covers(Nexus nexus) {
        return targetPort.map(p -> p.relativeTargetPortId() == nexus.target().relativeTargetPortId()).orElse(true)
                && initiatorMatches(initiator.transportId(), nexus.initiator().transportId());
    }

    /** Whether some I_T nexus is covered by both registrants. */
    public boolean overlaps(Registrant other) {
        boolean ports = targetPort.isEmpty() || other.targetPort.isEmpty()
                || targetPort.get().relativeTargetPortId() == other.targetPort.get().relativeTargetPortId();
        return ports && (initiatorMatches(initiator.transportId(), other.initiator.transportId())
                || initiatorMatches(other.initiator.transportId(), initiator.transportId()));
    }

    /**
     * Whether the initiator port of {@code actual} is named by {@code named}: equal TransportIDs, or an iSCSI name
     * (format 00b) that names the iSCSI port's device.
     */
    static boolean initiatorMatches(TransportId named, TransportId actual) {
        if (named.equals(actual)) {
            return true;
        }
        return named instanceof TransportId.Iscsi n && n.isid().isEmpty() && actual instanceof TransportId.Iscsi a
                && n.name().toLowerCase(Locale.ROOT).equals(a.name().toLowerCase(Locale.ROOT));
    }

    /** The I_T nexus this registrant names when it names exactly one, for establishing unit attentions. */
    Optional<Nexus> soleNexus() {
        TransportId id = initiator.transportId();
        boolean onePort = !(id instanceof TransportId.Iscsi i) || i.isid().isPresent();
        return onePort ? targetPort.map(p -> new Nexus(initiator, p)) : Optional.empty();
    }

    @Override
    public String toString() {
        return initiator.name() + " -> " + targetPort.map(TargetPort::name).orElse("all target ports");
    }
}
