package io.github.scsiemu.proptest;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A generator of values with an optional shrinker. Generation must be a pure function of the {@link Rng} draws so
 * that a seed replays the same values.
 *
 * <p>Two shrinking views exist: the value-level {@link #shrink(Object)} (what {@link #withShrinker} sets), and the
 * tree-level {@link #generate(Rng)} that {@link Property} uses. The combinators {@link #map}, {@link #flatMap} and
 * {@link #filter} keep the tree-level shrinking of their source even where no value-level shrinker can exist.
 *
 * @param <T> generated type
 */
@FunctionalInterface
public interface Gen<T> {

    /** How many times {@link #filter} draws before it gives up. */
    int FILTER_ATTEMPTS = 1000;

    /**
     * Generates one value.
     *
     * @param rng the randomness to draw from
     * @return a value
     */
    T next(Rng rng);

    /**
     * Candidate simpler values, simplest first; default none.
     *
     * @param value a value this generator produced
     * @return candidates, each also producible by this generator
     */
    default Stream<T> shrink(T value) {
        return Stream.empty();
    }

    /**
     * Generates one value with its shrink tree. Draws exactly what {@link #next(Rng)} draws, so both return the same
     * value for the same stream state. The default builds the tree from {@link #shrink(Object)}.
     *
     * @param rng the randomness to draw from
     * @return the value and its shrink candidates
     */
    default Shrinkable<T> generate(Rng rng) {
        return Shrinkable.unfold(next(rng), this::shrink);
    }

    /**
     * Transforms generated values. The result has no value-level shrinker (an inverse of {@code f} would be
     * needed), but shrinks through {@link #generate(Rng)} by shrinking the source value and mapping again.
     *
     * @param <R> result type
     * @param f pure function
     * @return the mapped generator
     */
    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        return TreeGen.of(rng -> generate(rng).map(f));
    }

    /**
     * Keeps only values satisfying {@code p}, redrawing up to {@link #FILTER_ATTEMPTS} times and then failing
     * with {@link IllegalStateException}. Shrink candidates are filtered too.
     *
     * @param p predicate generated values must satisfy
     * @return the filtered generator
     */
    default Gen<T> filter(Predicate<? super T> p) {
        Objects.requireNonNull(p, "p");
        Gen<T> self = this;
        return TreeGen.of(rng -> {
            for (int attempt = 0; attempt < FILTER_ATTEMPTS; attempt++) {
                Shrinkable<T> tree = self.generate(rng);
                if (p.test(tree.value())) {
                    return tree.filter(p);
                }
            }
            throw new IllegalStateException("filter rejected " + FILTER_ATTEMPTS + " values in a row");
        }, v -> self.shrink(v).filter(p));
    }

    /**
     * Generates a value, then draws from the generator it selects. Shrinks the outer value first (redrawing the
     * inner value from the same stream state), then the inner value.
     *
     * @param <R> result type
     * @param f chooses the inner generator from the outer value
     * @return the dependent generator
     */
    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
        Objects.requireNonNull(f, "f");
        return TreeGen.of(rng -> {
            Shrinkable<T> outer = generate(rng);
            long innerSeed = rng.nextLong(Long.MIN_VALUE, Long.MAX_VALUE);
            return TreeGen.bind(outer, f, innerSeed);
        });
    }

    /**
     * Same values, with {@code shrinker} as the value-level shrinker (replacing any other shrinking).
     *
     * @param shrinker candidate simpler values, simplest first; each must be a value this generator could produce
     * @return the generator with the new shrinker
     */
    default Gen<T> withShrinker(Function<T, Stream<T>> shrinker) {
        Objects.requireNonNull(shrinker, "shrinker");
        Gen<T> self = this;
        return new Gen<>() {
            @Override
            public T next(Rng rng) {
                return self.next(rng);
            }

            @Override
            public Stream<T> shrink(T value) {
                return shrinker.apply(value);
            }
        };
    }
}
