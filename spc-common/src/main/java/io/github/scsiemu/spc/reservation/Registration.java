package io.github.scsiemu.spc.reservation;

import java.util.Objects;

/**
 * One registration (SPC-4 5.13.7): a registrant and its reservation key, never zero.
 *
 * @param registrant the I_T nexus (or, with ALL_TG_PT, the initiator port through all target ports)
 * @param key        the reservation key
 */
public record Registration(Registrant registrant, long key) {
    public Registration {
        Objects.requireNonNull(registrant, "registrant");
        if (key == 0) {
            throw new IllegalArgumentException("a reservation key of zero is never registered");
        }
    }

    /** This registration with another key. */
    public Registration withKey(long newKey) {
        return new Registration(registrant, newKey);
    }
}
