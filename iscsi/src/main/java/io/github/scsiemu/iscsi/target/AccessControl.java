package io.github.scsiemu.iscsi.target;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A target's initiator access control list: which initiators (by iSCSI initiator name, RFC 7143 4.2.7) may log in
 * to it, and which logical units each sees ({@link LunMask}). A login by any other initiator ends with Status-Class
 * 2, Status-Detail 2, authorization failure (RFC 7143 11.13.5), and discovery does not list the target to it.
 *
 * @param anyInitiator whether initiators not listed may log in too (seeing every LUN)
 * @param initiators   the listed initiators and what each sees
 */
public record AccessControl(boolean anyInitiator, Map<String, LunMask> initiators) {
    /** Every initiator may log in and sees every LUN. */
    public static final AccessControl OPEN = new AccessControl(true, Map.of());

    public AccessControl {
        initiators = Map.copyOf(initiators);
    }

    /** Only listed initiators may log in; none is listed yet. */
    public static AccessControl closed() {
        return new AccessControl(false, Map.of());
    }

    /** This list with the initiator allowed, seeing every LUN. */
    public AccessControl allow(String initiatorName) {
        return allow(initiatorName, LunMask.ALL);
    }

    /** This list with the initiator allowed, seeing the LUNs of {@code mask}. */
    public AccessControl allow(String initiatorName, LunMask mask) {
        Map<String, LunMask> m = new LinkedHashMap<>(initiators);
        m.put(Objects.requireNonNull(initiatorName, "initiatorName"), Objects.requireNonNull(mask, "mask"));
        return new AccessControl(anyInitiator, m);
    }

    /** What the initiator sees; empty if it may not log in. */
    public Optional<LunMask> mask(String initiatorName) {
        LunMask m = initiators.get(initiatorName);
        if (m != null) {
            return Optional.of(m);
        }
        return anyInitiator ? Optional.of(LunMask.ALL) : Optional.empty();
    }

    /** Whether the initiator may log in. */
    public boolean permits(String initiatorName) {
        return mask(initiatorName).isPresent();
    }
}
