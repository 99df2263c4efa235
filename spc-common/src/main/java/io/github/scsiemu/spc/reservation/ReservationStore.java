package io.github.scsiemu.spc.reservation;

import java.io.IOException;
import java.util.Optional;

/**
 * The non-volatile memory that keeps registrations and the reservation through power loss while APTPL is active
 * (SPC-4 5.13.5). What it keeps per registration is what SPC-4 5.13.5.1 lists: the initiator port (with its
 * TransportID), the reservation key and the target port; for the reservation, its holder, type and scope.
 * PRgeneration is not kept: power on sets it to zero.
 */
public interface ReservationStore {

    /**
     * Reads what was persisted, as the state a power on finds (PRgeneration zero), or empty if nothing is.
     *
     * @throws IOException if the persisted data cannot be read or fails its integrity check
     */
    Optional<ReservationState> load() throws IOException;

    /** Persists {@code state} completely before returning; after a crash either this or the previous state is read. */
    void save(ReservationState state) throws IOException;

    /** Removes what was persisted (APTPL set to zero). */
    void clear() throws IOException;
}
