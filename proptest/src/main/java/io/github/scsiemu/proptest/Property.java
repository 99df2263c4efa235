package io.github.scsiemu.proptest;

import java.util.Iterator;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A named law checked over generated values. Immutable: the configuring methods return a new property.
 *
 * <p>Each try draws from its own stream split off the seed's stream, so a seed replays every value; on the first
 * failure the counterexample is shrunk greedily (repeatedly taking the first simpler candidate that still fails)
 * and reported with the seed to replay it with {@code -Dproptest.seed=<n>}.
 *
 * @param <T> type of the generated values
 */
public final class Property<T> {
    /** System property overriding the default number of tries. */
    public static final String TRIES_PROPERTY = "proptest.tries";
    /** System property fixing the seed of properties that do not set one. */
    public static final String SEED_PROPERTY = "proptest.seed";
    /** Tries when neither {@link #tries(int)} nor {@value #TRIES_PROPERTY} says otherwise. */
    public static final int DEFAULT_TRIES = 200;
    /** Shrink steps when {@link #maxShrinkSteps(int)} is not called. */
    public static final int DEFAULT_MAX_SHRINK_STEPS = 1000;

    private final String law;
    private final Gen<T> gen;
    private final Integer tries;
    private final Long seed;
    private final int maxShrinkSteps;

    private Property(String law, Gen<T> gen, Integer tries, Long seed, int maxShrinkSteps) {
        this.law = law;
        this.gen = gen;
        this.tries = tries;
        this.seed = seed;
        this.maxShrinkSteps = maxShrinkSteps;
    }

    /**
     * Starts a property.
     *
     * @param <T> type of the generated values
     * @param law the law's name, stated as what holds (e.g. {@code "decodeOfEncodeIsIdentity"})
     * @param gen generator of the values to check
     * @return the property with default settings
     */
    public static <T> Property<T> forAll(String law, Gen<T> gen) {
        return new Property<>(Objects.requireNonNull(law, "law"), Objects.requireNonNull(gen, "gen"), null, null,
                DEFAULT_MAX_SHRINK_STEPS);
    }

    /**
     * Sets the number of values to check (default {@value #DEFAULT_TRIES}, or the {@value #TRIES_PROPERTY} system
     * property when set).
     *
     * @param tries positive number of tries
     * @return the reconfigured property
     */
    public Property<T> tries(int tries) {
        if (tries <= 0) {
            throw new IllegalArgumentException("tries must be positive: " + tries);
        }
        return new Property<>(law, gen, tries, seed, maxShrinkSteps);
    }

    /**
     * Fixes the seed (default: the {@value #SEED_PROPERTY} system property when set, else a fresh random seed).
     *
     * @param seed the seed
     * @return the reconfigured property
     */
    public Property<T> seed(long seed) {
        return new Property<>(law, gen, tries, seed, maxShrinkSteps);
    }

    /**
     * Bounds how many shrink steps are taken (default {@value #DEFAULT_MAX_SHRINK_STEPS}); 0 disables shrinking.
     *
     * @param steps maximum number of accepted shrinks, not negative
     * @return the reconfigured property
     */
    public Property<T> maxShrinkSteps(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("negative shrink steps: " + steps);
        }
        return new Property<>(law, gen, tries, seed, steps);
    }

    /**
     * Runs the law; returns the outcome, never throws for a failing law (exceptions inside the body are failures).
     * Exceptions from the generator itself (a misconfigured generator) do propagate.
     *
     * @param body the law: returns normally when it holds, throws when it does not
     * @return {@link PropertyResult.Passed} or the shrunk {@link PropertyResult.Failed}
     */
    public PropertyResult<T> run(Consumer<? super T> body) {
        Objects.requireNonNull(body, "body");
        long runSeed = resolveSeed();
        int runTries = resolveTries();
        Rng master = new Rng(runSeed);
        for (int tryIndex = 0; tryIndex < runTries; tryIndex++) {
            Shrinkable<T> sample = gen.generate(master.split());
            Throwable failure = failure(body, sample.value());
            if (failure != null) {
                return shrink(body, runSeed, tryIndex, sample, failure);
            }
        }
        return new PropertyResult.Passed<>(law, runSeed, runTries);
    }

    /**
     * Runs the law and throws {@link PropertyFailure} (an {@link AssertionError}) on failure. For JUnit.
     *
     * @param body the law: returns normally when it holds, throws when it does not
     */
    public void check(Consumer<? super T> body) {
        PropertyResult<T> result = run(body);
        if (result instanceof PropertyResult.Failed<T> failed) {
            throw new PropertyFailure(failed);
        }
    }

    /**
     * Convenience: checks a boolean law, throwing {@link PropertyFailure} when it is false for some value.
     *
     * @param law true for values where the law holds
     */
    public void checkThat(Predicate<? super T> law) {
        Objects.requireNonNull(law, "law");
        check(value -> {
            if (!law.test(value)) {
                throw new AssertionError("law \"" + this.law + "\" is false for " + Show.show(value));
            }
        });
    }

    private PropertyResult.Failed<T> shrink(Consumer<? super T> body, long runSeed, int tryIndex, Shrinkable<T> original,
            Throwable originalFailure) {
        Shrinkable<T> current = original;
        Throwable cause = originalFailure;
        int steps = 0;
        try {
            boolean shrunk = true;
            while (shrunk && steps < maxShrinkSteps) {
                shrunk = false;
                for (Iterator<Shrinkable<T>> candidates = current.children().iterator(); candidates.hasNext();) {
                    Shrinkable<T> candidate = candidates.next();
                    Throwable failure = failure(body, candidate.value());
                    if (failure != null) {
                        current = candidate;
                        cause = failure;
                        steps++;
                        shrunk = true;
                        break;
                    }
                }
            }
        } catch (RuntimeException brokenShrinker) {
            // a shrinker or mapping function failed on a candidate: report the simplest failure found so far
        }
        return new PropertyResult.Failed<>(law, runSeed, tryIndex, original.value(), current.value(), steps, cause);
    }

    private static <T> Throwable failure(Consumer<? super T> body, T value) {
        try {
            body.accept(value);
            return null;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            return t;
        }
    }

    private long resolveSeed() {
        if (seed != null) {
            return seed;
        }
        String configured = System.getProperty(SEED_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            try {
                return Long.parseLong(configured.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SEED_PROPERTY + " is not a long: " + configured, e);
            }
        }
        return new SplittableRandom().nextLong();
    }

    private int resolveTries() {
        if (tries != null) {
            return tries;
        }
        String configured = System.getProperty(TRIES_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            try {
                int parsed = Integer.parseInt(configured.trim());
                if (parsed > 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
            throw new IllegalArgumentException(TRIES_PROPERTY + " is not a positive int: " + configured);
        }
        return DEFAULT_TRIES;
    }
}
