package io.github.scsiemu.proptest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/** Shrink-candidate strategies shared by {@link Gens}. */
final class Shrinking {
    private Shrinking() {
    }

    /**
     * Candidates between {@code target} and {@code x}, nearest to the target first: the target, then the target
     * moved toward {@code x} by 1, 2, 4, ... up to half the distance, then {@code x} moved toward the target by
     * half, a quarter, ... down to 1 (so a monotone law finds its exact boundary and a parity-like law still
     * reaches small values). Exact for the whole long range (distances are unsigned).
     */
    static LongStream towards(long x, long target) {
        if (x == target) {
            return LongStream.empty();
        }
        boolean down = x > target; // shrinking decreases x
        long distance = down ? x - target : target - x; // unsigned
        LongStream.Builder out = LongStream.builder();
        out.add(target);
        long half = distance >>> 1;
        for (int shift = 63 - Long.numberOfLeadingZeros(Math.max(half, 1)); shift >= 0; shift--) {
            long offset = half >>> shift;
            if (offset != 0) {
                out.add(down ? target + offset : target - offset);
            }
        }
        for (long step = half; step != 0; step >>>= 1) {
            out.add(down ? x - step : x + step);
        }
        return out.build().distinct();
    }

    /** The value nearest zero in {@code [min, max]}. */
    static long origin(long min, long max) {
        return min > 0 ? min : max < 0 ? max : 0;
    }

    /**
     * The tree of a list built from element trees: first remove chunks (everything above {@code minSize}, then
     * halves, quarters, ... single elements), then shrink each element in place.
     */
    static <T> Shrinkable<List<T>> list(List<Shrinkable<T>> elements, int minSize) {
        List<T> value = elements.stream().map(Shrinkable::value).toList();
        return new Shrinkable<>(value, () -> Stream.concat(removals(elements, minSize), elementShrinks(elements, minSize)));
    }

    private static <T> Stream<Shrinkable<List<T>>> removals(List<Shrinkable<T>> elements, int minSize) {
        int n = elements.size();
        int removable = n - minSize;
        if (removable <= 0) {
            return Stream.empty();
        }
        Stream<Integer> chunkSizes = Stream.concat(Stream.of(removable),
                Stream.iterate(n / 2, k -> k > 0, k -> k / 2).filter(k -> k < removable));
        return chunkSizes.flatMap(k -> IntStream.iterate(0, from -> from + k <= n, from -> from + k)
                .mapToObj(from -> {
                    List<Shrinkable<T>> rest = new ArrayList<>(elements.subList(0, from));
                    rest.addAll(elements.subList(from + k, n));
                    return list(rest, minSize);
                }));
    }

    private static <T> Stream<Shrinkable<List<T>>> elementShrinks(List<Shrinkable<T>> elements, int minSize) {
        return IntStream.range(0, elements.size()).boxed().flatMap(i -> elements.get(i).children().map(child -> {
            List<Shrinkable<T>> replaced = new ArrayList<>(elements);
            replaced.set(i, child);
            return list(replaced, minSize);
        }));
    }
}
