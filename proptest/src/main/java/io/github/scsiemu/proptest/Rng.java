package io.github.scsiemu.proptest;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Source of randomness for generators: a deterministic stream wrapping {@link SplittableRandom}. The same seed
 * always yields the same sequence of draws, which is what makes a printed seed replayable.
 *
 * <p>Instances are mutable and not thread-safe; use {@link #split()} to hand an independent, still deterministic,
 * stream to another consumer.
 */
public final class Rng {
    private final SplittableRandom random;

    /**
     * Creates a stream determined entirely by {@code seed}.
     *
     * @param seed the seed
     */
    public Rng(long seed) {
        this(new SplittableRandom(seed));
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /**
     * Draws a uniformly distributed int in the closed range.
     *
     * @param minInclusive lower bound
     * @param maxInclusive upper bound, not below {@code minInclusive}
     * @return a value in {@code [minInclusive, maxInclusive]}
     */
    public int nextInt(int minInclusive, int maxInclusive) {
        return (int) nextLong(minInclusive, maxInclusive);
    }

    /**
     * Draws a uniformly distributed long in the closed range.
     *
     * @param minInclusive lower bound
     * @param maxInclusive upper bound, not below {@code minInclusive}
     * @return a value in {@code [minInclusive, maxInclusive]}
     */
    public long nextLong(long minInclusive, long maxInclusive) {
        if (minInclusive > maxInclusive) {
            throw new IllegalArgumentException("empty range [" + minInclusive + ", " + maxInclusive + "]");
        }
        if (maxInclusive != Long.MAX_VALUE) {
            return random.nextLong(minInclusive, maxInclusive + 1);
        }
        if (minInclusive == Long.MIN_VALUE) {
            return random.nextLong();
        }
        return random.nextLong(minInclusive - 1, maxInclusive) + 1;
    }

    /**
     * Draws a fair coin.
     *
     * @return true or false with equal probability
     */
    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    /**
     * Draws uniformly random bytes.
     *
     * @param length number of bytes, not negative
     * @return a new array of {@code length} random bytes
     */
    public byte[] nextBytes(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Picks one element uniformly.
     *
     * @param <T> element type
     * @param choices non-empty list to pick from
     * @return one of {@code choices}
     */
    public <T> T pick(List<T> choices) {
        Objects.requireNonNull(choices, "choices");
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("nothing to pick from");
        }
        return choices.get(nextInt(0, choices.size() - 1));
    }

    /**
     * Splits off an independent child stream. Deterministic: the child depends only on this stream's state, and
     * this stream advances as if one draw was made.
     *
     * @return the child stream
     */
    public Rng split() {
        return new Rng(random.split());
    }
}
