package io.github.scsiemu.proptest;

/**
 * The outcome of {@link Property#run}: {@link Passed} or {@link Failed}. Both carry the seed that replays the run
 * with {@code -Dproptest.seed=<n>}.
 *
 * @param <T> type of the generated values
 */
public sealed interface PropertyResult<T> permits PropertyResult.Passed, PropertyResult.Failed {

    /**
     * The law that was checked.
     *
     * @return its name
     */
    String law();

    /**
     * The seed the run used.
     *
     * @return the seed
     */
    long seed();

    /**
     * Human-readable summary, including {@code seed=<n>} and {@code replay with -Dproptest.seed=<n>}.
     *
     * @return one or more lines
     */
    String report();

    /**
     * Whether the law held on every try.
     *
     * @return true for {@link Passed}
     */
    default boolean passed() {
        return this instanceof Passed;
    }

    /**
     * The law held on every generated value.
     *
     * @param <T> type of the generated values
     * @param law the law's name
     * @param seed the seed of the run
     * @param tries how many values were checked
     */
    record Passed<T>(String law, long seed, int tries) implements PropertyResult<T> {
        @Override
        public String report() {
            return "Property \"" + law + "\" passed " + tries + " tries (seed=" + seed + "); replay with -Dproptest.seed="
                    + seed;
        }
    }

    /**
     * The law failed on a generated value.
     *
     * @param <T> type of the generated values
     * @param law the law's name
     * @param seed the seed of the run
     * @param tryIndex zero-based index of the failing try; the same seed fails again at this index
     * @param original the counterexample as generated
     * @param shrunk the simplest counterexample found by shrinking {@code original}
     * @param shrinkSteps how many shrink steps were taken from {@code original} to {@code shrunk}
     * @param cause what the law threw for {@code shrunk}
     */
    record Failed<T>(String law, long seed, int tryIndex, T original, T shrunk, int shrinkSteps, Throwable cause)
            implements PropertyResult<T> {
        @Override
        public String report() {
            return "Property \"" + law + "\" failed at try " + tryIndex + " (seed=" + seed + ")"
                    + "\n  original: " + Show.show(original)
                    + "\n  shrunk (" + shrinkSteps + " steps): " + Show.show(shrunk)
                    + "\n  cause: " + cause
                    + "\n  replay with -Dproptest.seed=" + seed;
        }
    }
}
