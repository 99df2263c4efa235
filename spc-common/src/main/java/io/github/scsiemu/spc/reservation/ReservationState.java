package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.Nexus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The persistent reservation state of one logical unit (SPC-4 5.13): the registrations in the order they were made,
 * the reservation, PRgeneration and the APTPL value of the last command that set it. Immutable: every change makes a
 * new state, so the reservation gate reads a consistent snapshot without locking.
 *
 * <p>Invariants: no two registrations cover a common I_T nexus; a reservation's holder is registered; an
 * all-registrants reservation exists only while someone is registered.
 *
 * @param registrations the registrations, oldest first
 * @param reservation   the persistent reservation, if any
 * @param generation    PRgeneration, a 32-bit wrapping counter (SPC-4 6.15.2)
 * @param aptpl         whether persist through power loss is activated (SPC-4 5.13.5)
 */
public record ReservationState(List<Registration> registrations, Optional<Reservation> reservation, int generation,
        boolean aptpl) {

    /** No registrations, no reservation, PRgeneration zero: the state after power on without persisted data. */
    public static final ReservationState EMPTY = new ReservationState(List.of(), Optional.empty(), 0, false);

    public ReservationState {
        registrations = List.copyOf(registrations);
        Objects.requireNonNull(reservation, "reservation");
        for (int i = 0; i < registrations.size(); i++) {
            for (int j = i + 1; j < registrations.size(); j++) {
                if (registrations.get(i).registrant().overlaps(registrations.get(j).registrant())) {
                    throw new IllegalArgumentException("overlapping registrations " + registrations.get(i) + " and "
                            + registrations.get(j));
                }
            }
        }
        if (reservation.isPresent()) {
            Optional<Registrant> holder = reservation.get().holder();
            if (holder.isPresent()
                    ? registrations.stream().noneMatch(r -> r.registrant().equals(holder.get()))
                    : registrations.isEmpty()) {
                throw new IllegalArgumentException("reservation without a registered holder: " + reservation.get());
            }
        }
    }

    /** The registration of the registrant that covers {@code nexus}. */
    public Optional<Registration> registrationOf(Nexus nexus) {
        for (Registration r : registrations) {
            if (r.registrant().covers(nexus)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code nexus} is registered. */
    public boolean isRegistered(Nexus nexus) {
        return registrationOf(nexus).isPresent();
    }

    /** Whether {@code nexus} holds the reservation (SPC-4 5.13.10): for all-registrants types, any registered nexus. */
    public boolean isHolder(Nexus nexus) {
        if (reservation.isEmpty()) {
            return false;
        }
        Optional<Registrant> holder = reservation.get().holder();
        return holder.isPresent() ? holder.get().covers(nexus) : isRegistered(nexus);
    }

    /** Whether {@code registrant} holds the reservation. */
    public boolean isHolder(Registrant registrant) {
        return reservation.isPresent() && reservation.get().holder().map(registrant::equals)
                .orElseGet(() -> registrations.stream().anyMatch(r -> r.registrant().equals(registrant)));
    }

    /** The registration of the single holder, if the reservation has one. */
    public Optional<Registration> holderRegistration() {
        return reservation.flatMap(Reservation::holder).flatMap(h -> registrations.stream()
                .filter(r -> r.registrant().equals(h)).findFirst());
    }

    /** This state with other registrations and reservation, and PRgeneration incremented when {@code count}. */
    ReservationState with(List<Registration> newRegistrations, Optional<Reservation> newReservation, boolean count,
            boolean newAptpl) {
        return new ReservationState(newRegistrations, newReservation, count ? generation + 1 : generation, newAptpl);
    }

    /** The state a power on finds: what persisted, with PRgeneration zero (SPC-4 6.15.2). */
    public ReservationState afterPowerOn() {
        return new ReservationState(registrations, reservation, 0, aptpl);
    }
}
