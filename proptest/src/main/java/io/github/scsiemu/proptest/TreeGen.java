package io.github.scsiemu.proptest;

import java.util.function.Function;
import java.util.stream.Stream;

/** A generator defined by its shrink tree; {@link #next} is the tree's root so both views agree. */
final class TreeGen<T> implements Gen<T> {
    private final Function<Rng, Shrinkable<T>> trees;
    private final Function<T, Stream<T>> shrinker;

    private TreeGen(Function<Rng, Shrinkable<T>> trees, Function<T, Stream<T>> shrinker) {
        this.trees = trees;
        this.shrinker = shrinker;
    }

    static <T> Gen<T> of(Function<Rng, Shrinkable<T>> trees) {
        return new TreeGen<>(trees, v -> Stream.empty());
    }

    static <T> Gen<T> of(Function<Rng, Shrinkable<T>> trees, Function<T, Stream<T>> shrinker) {
        return new TreeGen<>(trees, shrinker);
    }

    /** The tree of a dependent generation: outer shrinks (inner redrawn from {@code innerSeed}), then inner shrinks. */
    static <T, R> Shrinkable<R> bind(Shrinkable<T> outer, Function<? super T, Gen<R>> f, long innerSeed) {
        Shrinkable<R> inner = f.apply(outer.value()).generate(new Rng(innerSeed));
        return new Shrinkable<>(inner.value(),
                () -> Stream.concat(outer.children().map(o -> bind(o, f, innerSeed)), inner.children()));
    }

    @Override
    public T next(Rng rng) {
        return trees.apply(rng).value();
    }

    @Override
    public Stream<T> shrink(T value) {
        return shrinker.apply(value);
    }

    @Override
    public Shrinkable<T> generate(Rng rng) {
        return trees.apply(rng);
    }
}
