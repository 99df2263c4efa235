package io.github.scsiemu.spc.reservation;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link ReservationStore} in memory: it survives a restart of the logical unit within one process (a new
 * {@link PersistentReservations} built on the same store), not the process.
 */
public final class InMemoryReservationStore implements ReservationStore {

    private final AtomicReference<ReservationState> saved = new AtomicReference<>();

    @Override
    public Optional<ReservationState> load() {
        return Optional.ofNullable(saved.get()).map(ReservationState::afterPowerOn);
    }

    @Override
    public void save(ReservationState state) {
        saved.set(state);
    }

    @Override
    public void clear() {
        saved.set(null);
    }
}
