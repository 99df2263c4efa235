package io.github.scsiemu.proptest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GensTest {

    private static <T> List<T> draw(Gen<T> gen, long seed, int count) {
        Rng rng = new Rng(seed);
        List<T> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(gen.next(rng));
        }
        return values;
    }

    @Test
    void sameSeedGivesSameValues() {
        Gen<List<Integer>> gen = Gens.lists(Gens.integers(-50, 50), 0, 20);
        assertThat(draw(gen, 42, 100)).isEqualTo(draw(gen, 42, 100));
        assertThat(draw(gen, 42, 100)).isNotEqualTo(draw(gen, 43, 100));
        List<String> hex1 = draw(Gens.byteArrays(0, 16), 7, 50).stream().map(Show::hex).toList();
        List<String> hex2 = draw(Gens.byteArrays(0, 16), 7, 50).stream().map(Show::hex).toList();
        assertThat(hex1).isEqualTo(hex2);
    }

    @Test
    void sameSeedGivesSameValuesForEverySeed() {
        Gen<Pair<List<Integer>, byte[]>> gen = Gens.pairs(Gens.lists(Gens.integers(-9, 9), 0, 8), Gens.byteArrays(0, 8));
        Property.forAll("sameSeedGivesSameValues", Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE))
                .checkThat(seed -> Show.show(draw(gen, seed, 10)).equals(Show.show(draw(gen, seed, 10))));
    }

    @Test
    void sameSeedGivesSameTriesInAProperty() {
        Gen<List<Integer>> gen = Gens.lists(Gens.integers(0, 1000), 0, 10);
        List<List<Integer>> first = new ArrayList<>();
        List<List<Integer>> second = new ArrayList<>();
        Property.forAll("recordsValues", gen).seed(99).tries(50).check(first::add);
        Property.forAll("recordsValues", gen).seed(99).tries(50).check(second::add);
        assertThat(first).hasSize(50).isEqualTo(second);
    }

    @Test
    void nextAndGenerateAgreeForTheSameSeed() {
        Gen<Pair<Integer, List<Long>>> gen = Gens.pairs(Gens.integers(0, 9).map(i -> i * 2),
                Gens.lists(Gens.longs(-5, 5).filter(l -> l != 0), 1, 5));
        for (long seed = 0; seed < 50; seed++) {
            assertThat(gen.generate(new Rng(seed)).value()).isEqualTo(gen.next(new Rng(seed)));
        }
    }

    @Test
    void integersStayInRange() {
        Property.forAll("integersStayInRange",
                        Gens.pairs(Gens.integers(-1000, 1000), Gens.integers(0, 1000)).flatMap(p -> {
                            int min = p.first();
                            int max = min + p.second();
                            return Gens.integers(min, max).map(x -> new int[] {min, max, x});
                        }))
                .tries(500)
                .checkThat(r -> r[0] <= r[2] && r[2] <= r[1]);
        assertThat(draw(Gens.integers(Integer.MIN_VALUE, Integer.MAX_VALUE), 1, 100)).isNotEmpty();
        assertThat(draw(Gens.longs(Long.MAX_VALUE - 1, Long.MAX_VALUE), 1, 200))
                .containsOnly(Long.MAX_VALUE - 1, Long.MAX_VALUE)
                .contains(Long.MAX_VALUE - 1, Long.MAX_VALUE);
        assertThat(draw(Gens.integers(3, 3), 1, 10)).containsOnly(3);
    }

    @Test
    void integerShrinkCandidatesStayInRangeAndStartAtOrigin() {
        assertThat(Gens.integers(0, 1000).shrink(537).toList()).startsWith(0, 1, 2, 4).contains(268, 269).endsWith(536)
                .doesNotHaveDuplicates().allMatch(v -> v >= 0 && v < 537);
        assertThat(Gens.integers(0, 10).shrink(3).toList()).containsExactly(0, 1, 2);
        assertThat(Gens.integers(10, 20).shrink(15).toList()).first().isEqualTo(10);
        assertThat(Gens.integers(-20, -10).shrink(-15).toList()).first().isEqualTo(-10);
        assertThat(Gens.integers(-5, 5).shrink(0).toList()).isEmpty();
        assertThat(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).shrink(Long.MIN_VALUE).toList())
                .first().isEqualTo(0L);
        assertThat(Gens.longs(Long.MIN_VALUE, -1).shrink(Long.MIN_VALUE).toList())
                .allMatch(v -> v < 0).first().isEqualTo(-1L);
    }

    @Test
    void byteArrayLengthsStayInRangeAndShrinkShorterFirst() {
        assertThat(draw(Gens.byteArrays(2, 5), 3, 200)).allMatch(b -> b.length >= 2 && b.length <= 5);
        List<byte[]> candidates = Gens.byteArrays(1, 5).shrink(new byte[] {9, 8, 7}).toList();
        assertThat(candidates.get(0)).containsExactly(7);
        assertThat(candidates).last().satisfies(b -> assertThat(b).containsExactly(9, 8, 6));
        assertThat(candidates).allMatch(b -> b.length >= 1);
    }

    @Test
    void elementsShrinkTowardEarlierElements() {
        Gen<String> gen = Gens.elements("a", "b", "c");
        assertThat(gen.shrink("c").toList()).containsExactly("a", "b");
        assertThat(gen.shrink("a").toList()).isEmpty();
        assertThat(draw(gen, 5, 100)).containsOnly("a", "b", "c");
    }

    @Test
    void frequencyNeverPicksZeroWeight() {
        Gen<String> gen = Gens.frequency(List.of(new Weighted<>(0, Gens.constant("never")),
                new Weighted<>(3, Gens.constant("often")), new Weighted<>(1, Gens.constant("rare"))));
        assertThat(draw(gen, 11, 400)).containsOnly("often", "rare").contains("rare");
        assertThat(draw(Gens.<Object>oneOf(Gens.constant(1), Gens.constant("x")), 2, 100)).containsOnly(1, "x");
    }

    @Test
    void listsRespectSizesAndShrinkBiggestChunkFirst() {
        assertThat(draw(Gens.lists(Gens.booleans(), 2, 4), 9, 200)).allMatch(l -> l.size() >= 2 && l.size() <= 4);
        Gen<List<Integer>> gen = Gens.lists(Gens.integers(0, 9), 1, 10);
        assertThat(gen.shrink(List.of(5, 6, 7, 8)).limit(3).toList())
                .containsExactly(List.of(8), List.of(7, 8), List.of(5, 6));
        assertThat(Gens.lists(Gens.integers(0, 9), 0, 10).shrink(List.of(5, 6, 7, 8)).limit(4).toList())
                .containsExactly(List.of(), List.of(7, 8), List.of(5, 6), List.of(6, 7, 8));
    }

    @Test
    void filterGivesUpWithIllegalStateException() {
        Gen<Integer> impossible = Gens.integers(0, 10).filter(x -> x > 10);
        assertThatThrownBy(() -> impossible.next(new Rng(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void showRendersBytesAsHexAndNestedStructures() {
        assertThat(Show.show(new byte[] {0, 0x1f, (byte) 0xa0})).isEqualTo("hex[00 1f a0]");
        assertThat(Show.show(List.of(new byte[] {1}, "s"))).isEqualTo("[hex[01], \"s\"]");
        assertThat(Show.show(new Pair<>(new byte[] {2}, new int[] {3, 4}))).isEqualTo("(hex[02], [3, 4])");
        record Cdb(int opcode, byte[] bytes) { }
        assertThat(Show.show(new Cdb(0x28, new byte[] {(byte) 0xff}))).isEqualTo("Cdb[opcode=40, bytes=hex[ff]]");
        assertThat(Show.show(null)).isEqualTo("null");
        assertThat(Show.hex(new byte[300])).endsWith("... (300 bytes)]");
    }

    @Test
    void mapKeepsShrinkingThroughGenerate() {
        Function<Integer, String> label = i -> "n" + i;
        Shrinkable<String> tree = Gens.integers(0, 100).map(label).generate(new Rng(4));
        assertThat(tree.children().map(Shrinkable::value).findFirst()).contains("n0");
    }
}
