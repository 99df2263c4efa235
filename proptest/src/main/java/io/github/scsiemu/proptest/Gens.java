package io.github.scsiemu.proptest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Factory of the basic {@link Gen generators} and combinators, each with a shrinker where one is sound. */
public final class Gens {
    private Gens() {
    }

    /**
     * Uniform ints in the closed range, shrinking toward the value nearest zero in the range (0 if in range,
     * otherwise {@code minInclusive} for positive and {@code maxInclusive} for negative ranges).
     *
     * @param minInclusive lower bound
     * @param maxInclusive upper bound
     * @return the generator
     */
    public static Gen<Integer> integers(int minInclusive, int maxInclusive) {
        checkRange(minInclusive, maxInclusive);
        long origin = Shrinking.origin(minInclusive, maxInclusive);
        return new Gen<>() {
            @Override
            public Integer next(Rng rng) {
                return rng.nextInt(minInclusive, maxInclusive);
            }

            @Override
            public Stream<Integer> shrink(Integer value) {
                return Shrinking.towards(value, origin).mapToObj(v -> (int) v);
            }
        };
    }

    /**
     * Uniform longs in the closed range, shrinking like {@link #integers(int, int)}.
     *
     * @param minInclusive lower bound
     * @param maxInclusive upper bound
     * @return the generator
     */
    public static Gen<Long> longs(long minInclusive, long maxInclusive) {
        checkRange(minInclusive, maxInclusive);
        long origin = Shrinking.origin(minInclusive, maxInclusive);
        return new Gen<>() {
            @Override
            public Long next(Rng rng) {
                return rng.nextLong(minInclusive, maxInclusive);
            }

            @Override
            public Stream<Long> shrink(Long value) {
                return Shrinking.towards(value, origin).boxed();
            }
        };
    }

    /**
     * Fair booleans, shrinking {@code true} to {@code false}.
     *
     * @return the generator
     */
    public static Gen<Boolean> booleans() {
        return new Gen<>() {
            @Override
            public Boolean next(Rng rng) {
                return rng.nextBoolean();
            }

            @Override
            public Stream<Boolean> shrink(Boolean value) {
                return value ? Stream.of(false) : Stream.empty();
            }
        };
    }

    /**
     * Uniform bytes over the whole range, shrinking toward 0.
     *
     * @return the generator
     */
    public static Gen<Byte> bytes() {
        return new Gen<>() {
            @Override
            public Byte next(Rng rng) {
                return (byte) rng.nextInt(Byte.MIN_VALUE, Byte.MAX_VALUE);
            }

            @Override
            public Stream<Byte> shrink(Byte value) {
                return Shrinking.towards(value, 0).mapToObj(v -> (byte) v);
            }
        };
    }

    /**
     * Random byte arrays with a uniform length in the closed range. Shrinks to shorter arrays first (as
     * {@link #lists} does), then zeroes and shrinks single bytes toward 0.
     *
     * @param minLength lower length bound, not negative
     * @param maxLength upper length bound
     * @return the generator
     */
    public static Gen<byte[]> byteArrays(int minLength, int maxLength) {
        checkSizes(minLength, maxLength);
        Gen<Byte> bytes = bytes();
        return new Gen<>() {
            @Override
            public byte[] next(Rng rng) {
                return rng.nextBytes(rng.nextInt(minLength, maxLength));
            }

            @Override
            public Stream<byte[]> shrink(byte[] value) {
                List<Shrinkable<Byte>> elements = new ArrayList<>(value.length);
                for (byte b : value) {
                    elements.add(Shrinkable.unfold(b, bytes::shrink));
                }
                return Shrinking.list(elements, minLength).children().map(c -> toArray(c.value()));
            }
        };
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] array = new byte[list.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = list.get(i);
        }
        return array;
    }

    /**
     * Always {@code value}; nothing to shrink.
     *
     * @param <T> value type
     * @param value the value
     * @return the generator
     */
    public static <T> Gen<T> constant(T value) {
        return rng -> value;
    }

    /**
     * One of {@code values}, uniformly, shrinking toward earlier elements.
     *
     * @param <T> element type
     * @param values non-empty list of non-null choices, simplest first
     * @return the generator
     */
    public static <T> Gen<T> elements(List<T> values) {
        List<T> choices = List.copyOf(values);
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("no elements to choose from");
        }
        return new Gen<>() {
            @Override
            public T next(Rng rng) {
                return rng.pick(choices);
            }

            @Override
            public Stream<T> shrink(T value) {
                int index = choices.indexOf(value);
                return index <= 0 ? Stream.empty() : choices.subList(0, index).stream();
            }
        };
    }

    /**
     * One of {@code values}, uniformly, shrinking toward earlier elements.
     *
     * @param <T> element type
     * @param values non-empty choices, simplest first
     * @return the generator
     */
    @SafeVarargs
    public static <T> Gen<T> elements(T... values) {
        List<T> list = new ArrayList<>(values.length);
        for (T v : values) {
            list.add(v);
        }
        return elements(list);
    }

    /**
     * Draws from one of {@code gens}, chosen uniformly; shrinks within the chosen generator.
     *
     * @param <T> common supertype
     * @param gens non-empty alternatives
     * @return the generator
     */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Weighted<T>> choices = new ArrayList<>();
        for (Gen<? extends T> gen : gens) {
            choices.add(new Weighted<>(1, gen));
        }
        return frequency(choices);
    }

    /**
     * Draws from one of the alternatives, chosen with probability proportional to its weight; shrinks within the
     * chosen generator.
     *
     * @param <T> common supertype
     * @param choices alternatives with a positive total weight
     * @return the generator
     */
    public static <T> Gen<T> frequency(List<Weighted<T>> choices) {
        List<Weighted<T>> alternatives = List.copyOf(choices);
        long total = alternatives.stream().mapToLong(Weighted::weight).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("total weight must be positive");
        }
        return TreeGen.of(rng -> {
            long ticket = rng.nextLong(0, total - 1);
            for (Weighted<T> alternative : alternatives) {
                ticket -= alternative.weight();
                if (ticket < 0) {
                    return Shrinkable.widen(alternative.gen().generate(rng));
                }
            }
            throw new AssertionError("unreachable: ticket beyond total weight");
        });
    }

    /**
     * Lists of a uniform size in the closed range. Shrinks by removing chunks (all removable elements, then halves,
     * quarters, ... single elements), then by shrinking single elements, which keeps failing command sequences
     * short and simple.
     *
     * @param <T> element type
     * @param element generator of the elements
     * @param minSize lower size bound, not negative
     * @param maxSize upper size bound
     * @return the generator of unmodifiable lists
     */
    public static <T> Gen<List<T>> lists(Gen<T> element, int minSize, int maxSize) {
        Objects.requireNonNull(element, "element");
        checkSizes(minSize, maxSize);
        return TreeGen.of(rng -> {
            int size = rng.nextInt(minSize, maxSize);
            List<Shrinkable<T>> elements = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                elements.add(element.generate(rng));
            }
            return Shrinking.list(elements, minSize);
        }, value -> Shrinking.list(value.stream().map(v -> Shrinkable.<T>unfold(v, element::shrink)).toList(), minSize)
                .children().map(Shrinkable::value));
    }

    /**
     * Independent pairs; shrinks the first value, then the second.
     *
     * @param <A> type of the first value
     * @param <B> type of the second value
     * @param a generator of the first value
     * @param b generator of the second value
     * @return the generator
     */
    public static <A, B> Gen<Pair<A, B>> pairs(Gen<A> a, Gen<B> b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return TreeGen.of(rng -> pair(a.generate(rng), b.generate(rng)),
                value -> pair(Shrinkable.unfold(value.first(), a::shrink), Shrinkable.unfold(value.second(), b::shrink))
                        .children().map(Shrinkable::value));
    }

    private static <A, B> Shrinkable<Pair<A, B>> pair(Shrinkable<A> a, Shrinkable<B> b) {
        return new Shrinkable<>(new Pair<>(a.value(), b.value()),
                () -> Stream.concat(a.children().map(x -> pair(x, b)), b.children().map(y -> pair(a, y))));
    }

    private static void checkRange(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
    }

    private static void checkSizes(int min, int max) {
        if (min < 0) {
            throw new IllegalArgumentException("negative minimum size " + min);
        }
        checkRange(min, max);
    }
}
