package io.github.scsiemu.proptest;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A generated value together with its lazily computed shrink candidates, each itself shrinkable (a rose tree).
 * Carrying the tree instead of the bare value lets shrinking survive {@link Gen#map}, {@link Gen#flatMap} and
 * {@link Gen#filter}, where a value-only shrinker cannot be written soundly.
 *
 * @param <T> value type
 */
public final class Shrinkable<T> {
    private final T value;
    private final Supplier<Stream<Shrinkable<T>>> children;

    /**
     * Creates a node.
     *
     * @param value the value
     * @param children supplier of the simpler candidates, simplest first; called afresh each time
     */
    public Shrinkable(T value, Supplier<Stream<Shrinkable<T>>> children) {
        this.value = value;
        this.children = Objects.requireNonNull(children, "children");
    }

    /**
     * A value that cannot be shrunk.
     *
     * @param <T> value type
     * @param value the value
     * @return a leaf
     */
    public static <T> Shrinkable<T> leaf(T value) {
        return new Shrinkable<>(value, Stream::empty);
    }

    /**
     * Builds the tree induced by a value-level shrinker: children of {@code value} are {@code shrinker(value)},
     * their children are obtained the same way.
     *
     * @param <T> value type
     * @param value the root value
     * @param shrinker candidate simpler values, simplest first
     * @return the tree
     */
    public static <T> Shrinkable<T> unfold(T value, Function<? super T, ? extends Stream<? extends T>> shrinker) {
        Objects.requireNonNull(shrinker, "shrinker");
        return new Shrinkable<>(value, () -> shrinker.apply(value).map(v -> Shrinkable.<T>unfold(v, shrinker)));
    }

    /**
     * The value at this node.
     *
     * @return the value
     */
    public T value() {
        return value;
    }

    /**
     * The shrink candidates of this node, simplest first.
     *
     * @return a fresh lazy stream
     */
    public Stream<Shrinkable<T>> children() {
        return children.get();
    }

    /**
     * Applies {@code f} to every value of the tree.
     *
     * @param <R> result type
     * @param f pure function
     * @return the mapped tree
     */
    public <R> Shrinkable<R> map(Function<? super T, ? extends R> f) {
        return new Shrinkable<>(f.apply(value), () -> children().map(c -> c.map(f)));
    }

    /**
     * Drops candidates (with their subtrees) whose value fails {@code p}; the root is kept as is.
     *
     * @param p predicate every candidate must satisfy
     * @return the filtered tree
     */
    public Shrinkable<T> filter(Predicate<? super T> p) {
        return new Shrinkable<>(value, () -> children().filter(c -> p.test(c.value)).map(c -> c.filter(p)));
    }

    /**
     * Widens the value type; safe because a tree is read-only.
     *
     * @param <T> target type
     * @param tree tree of a subtype
     * @return the same tree, typed as {@code Shrinkable<T>}
     */
    @SuppressWarnings("unchecked")
    public static <T> Shrinkable<T> widen(Shrinkable<? extends T> tree) {
        return (Shrinkable<T>) tree;
    }

    @Override
    public String toString() {
        return "Shrinkable[" + Show.show(value) + "]";
    }
}
