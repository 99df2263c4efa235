package io.github.scsiemu.proptest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PropertyTest {

    @Test
    void passingLawReportsSeedAndTries() {
        PropertyResult<Integer> result = Property.forAll("nonNegative", Gens.integers(0, 10)).seed(5).tries(50)
                .run(x -> assertThat(x).isNotNegative());
        assertThat(result).isEqualTo(new PropertyResult.Passed<Integer>("nonNegative", 5, 50));
        assertThat(result.passed()).isTrue();
        assertThat(result.report()).contains("seed=5", "replay with -Dproptest.seed=5", "50 tries");
    }

    @Test
    void integerCounterexampleShrinksToBoundary() {
        PropertyResult<Integer> result = Property.forAll("x < 100", Gens.integers(0, 1000)).seed(1)
                .run(x -> assertThat(x).isLessThan(100));
        assertThat(result).isInstanceOfSatisfying(PropertyResult.Failed.class, f -> {
            assertThat(f.shrunk()).isEqualTo(100);
            assertThat((Integer) f.original()).isGreaterThanOrEqualTo(100);
            assertThat(f.cause()).isInstanceOf(AssertionError.class);
        });
    }

    @Test
    void listWithoutSevenShrinksToSingletonSeven() {
        Gen<List<Integer>> gen = Gens.lists(Gens.integers(0, 20), 0, 30);
        for (long seed = 0; seed < 20; seed++) {
            PropertyResult<List<Integer>> result = Property.forAll("noElementIsSeven", gen).seed(seed)
                    .run(list -> assertThat(list).doesNotContain(7));
            assertThat(result).isInstanceOfSatisfying(PropertyResult.Failed.class,
                    f -> assertThat(f.shrunk()).isEqualTo(List.of(7)));
        }
    }

    @Test
    void sumLawShrinksToSmallList() {
        Gen<List<Integer>> gen = Gens.lists(Gens.integers(0, 40), 0, 40);
        for (long seed = 0; seed < 20; seed++) {
            PropertyResult<List<Integer>> result = Property.forAll("sumBelowFifty", gen).seed(seed)
                    .run(list -> assertThat(list.stream().mapToInt(Integer::intValue).sum()).isLessThan(50));
            assertThat(result).isInstanceOfSatisfying(PropertyResult.Failed.class, f -> {
                @SuppressWarnings("unchecked")
                List<Integer> shrunk = (List<Integer>) f.shrunk();
                assertThat(shrunk.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
                assertThat(shrunk).hasSizeLessThanOrEqualTo(3);
            });
        }
    }

    @Test
    void mappedValuesShrinkThroughTheSource() {
        record Command(String name, int lba) { }
        Gen<Command> commands = Gens.pairs(Gens.elements("READ", "WRITE"), Gens.integers(0, 10_000))
                .map(p -> new Command(p.first(), p.second()));
        PropertyResult<List<Command>> result = Property.forAll("noWriteBeyond500", Gens.lists(commands, 0, 20))
                .seed(3)
                .run(cmds -> assertThat(cmds).noneMatch(c -> c.name().equals("WRITE") && c.lba() > 500));
        assertThat(result).isInstanceOfSatisfying(PropertyResult.Failed.class,
                f -> assertThat(f.shrunk()).isEqualTo(List.of(new Command("WRITE", 501))));
    }

    @Test
    void flatMapShrinksOuterThenInner() {
        Gen<List<Integer>> gen = Gens.integers(0, 10).flatMap(n -> Gens.lists(Gens.integers(0, 100), n, n));
        PropertyResult<List<Integer>> result = Property.forAll("noElementAbove10", gen).seed(8)
                .run(list -> assertThat(list).allMatch(x -> x <= 10));
        assertThat(result).isInstanceOfSatisfying(PropertyResult.Failed.class,
                f -> assertThat(f.shrunk()).isEqualTo(List.of(11)));
    }

    @Test
    void failingCheckThrowsPropertyFailureWithSeedAndCause() {
        Property<Integer> property = Property.forAll("x < 100", Gens.integers(0, 1000)).seed(-77);
        assertThatThrownBy(() -> property.check(x -> assertThat(x).isLessThan(100)))
                .isInstanceOf(PropertyFailure.class)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("x < 100")
                .hasMessageContaining("seed=-77")
                .hasMessageContaining("replay with -Dproptest.seed=-77")
                .hasMessageContaining("shrunk (")
                .hasMessageContaining("): 100")
                .hasMessageContaining("failed at try ")
                .cause().isInstanceOf(AssertionError.class).hasMessageContaining("100");
    }

    @Test
    void exceptionsInTheBodyAreFailures() {
        PropertyResult<Integer> result = Property.forAll("neverThrows", Gens.integers(0, 10)).seed(2)
                .run(x -> {
                    if (x > 3) {
                        throw new IllegalStateException("boom at " + x);
                    }
                });
        assertThat(result).isInstanceOfSatisfying(PropertyResult.Failed.class, f -> {
            assertThat(f.shrunk()).isEqualTo(4);
            assertThat(f.cause()).isInstanceOf(IllegalStateException.class).hasMessage("boom at 4");
            assertThat(f.report()).contains("boom at 4");
        });
    }

    @Test
    void checkThatFailsWithLawName() {
        assertThatThrownBy(() -> Property.forAll("isEven", Gens.integers(0, 100)).seed(9).checkThat(x -> x % 2 == 0))
                .isInstanceOfSatisfying(PropertyFailure.class, e -> {
                    assertThat(e.result().shrunk()).isEqualTo(1);
                    assertThat(e.getCause()).hasMessageContaining("isEven");
                });
    }

    @Test
    void replayWithPrintedSeedReproducesOriginalCounterexample() {
        Gen<byte[]> gen = Gens.byteArrays(0, 32);
        PropertyResult<byte[]> first = Property.forAll("noByteIsFF", gen)
                .run(b -> assertThat(b).doesNotContain((byte) 0xff));
        assertThat(first).isInstanceOf(PropertyResult.Failed.class);
        PropertyResult.Failed<byte[]> failed = (PropertyResult.Failed<byte[]>) first;
        assertThat(failed.shrunk()).containsExactly(0xff);
        assertThat(failed.report()).contains("shrunk (", "): hex[ff]");

        String previous = System.getProperty(Property.SEED_PROPERTY);
        System.setProperty(Property.SEED_PROPERTY, Long.toString(failed.seed()));
        try {
            PropertyResult<byte[]> replay = Property.forAll("noByteIsFF", gen)
                    .run(b -> assertThat(b).doesNotContain((byte) 0xff));
            assertThat(replay).isInstanceOfSatisfying(PropertyResult.Failed.class, r -> {
                assertThat(r.seed()).isEqualTo(failed.seed());
                assertThat(r.tryIndex()).isEqualTo(failed.tryIndex());
                assertThat((byte[]) r.original()).isEqualTo(failed.original());
                assertThat((byte[]) r.shrunk()).isEqualTo(failed.shrunk());
            });
        } finally {
            if (previous == null) {
                System.clearProperty(Property.SEED_PROPERTY);
            } else {
                System.setProperty(Property.SEED_PROPERTY, previous);
            }
        }
    }

    @Test
    void triesSystemPropertyOverridesDefaultOnly() {
        String previous = System.getProperty(Property.TRIES_PROPERTY);
        System.setProperty(Property.TRIES_PROPERTY, "17");
        try {
            assertThat(Property.forAll("any", Gens.booleans()).seed(1).run(b -> { }))
                    .isEqualTo(new PropertyResult.Passed<Boolean>("any", 1, 17));
            assertThat(Property.forAll("any", Gens.booleans()).seed(1).tries(5).run(b -> { }))
                    .isEqualTo(new PropertyResult.Passed<Boolean>("any", 1, 5));
        } finally {
            if (previous == null) {
                System.clearProperty(Property.TRIES_PROPERTY);
            } else {
                System.setProperty(Property.TRIES_PROPERTY, previous);
            }
        }
    }

    @Test
    void maxShrinkStepsBoundsShrinking() {
        PropertyResult<Integer> result = Property.forAll("x < 100", Gens.integers(0, 1000)).seed(1)
                .maxShrinkSteps(0).run(x -> assertThat(x).isLessThan(100));
        assertThat(result).isInstanceOfSatisfying(PropertyResult.Failed.class, f -> {
            assertThat(f.shrinkSteps()).isZero();
            assertThat(f.shrunk()).isEqualTo(f.original());
        });
    }
}
