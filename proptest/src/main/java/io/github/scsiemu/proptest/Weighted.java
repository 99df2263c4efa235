package io.github.scsiemu.proptest;

import java.util.Objects;

/**
 * One alternative of {@link Gens#frequency(java.util.List)}: a generator chosen with probability proportional to
 * its weight.
 *
 * @param <T> generated type
 * @param weight relative weight, not negative
 * @param gen the alternative
 */
public record Weighted<T>(int weight, Gen<? extends T> gen) {
    /**
     * Validates the alternative.
     *
     * @param weight relative weight, not negative
     * @param gen the alternative
     */
    public Weighted {
        if (weight < 0) {
            throw new IllegalArgumentException("negative weight " + weight);
        }
        Objects.requireNonNull(gen, "gen");
    }
}
