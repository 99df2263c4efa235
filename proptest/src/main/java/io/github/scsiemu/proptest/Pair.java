package io.github.scsiemu.proptest;

/**
 * Two generated values, as produced by {@link Gens#pairs(Gen, Gen)}.
 *
 * @param <A> type of the first value
 * @param <B> type of the second value
 * @param first the first value
 * @param second the second value
 */
public record Pair<A, B>(A first, B second) {
    @Override
    public String toString() {
        return "(" + Show.show(first) + ", " + Show.show(second) + ")";
    }
}
