package io.github.scsiemu.conformance;

import io.github.scsiemu.proptest.Property;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * How property-based checks run: the seed every property uses (so one number replays a whole run) and,
 * optionally, a number of tries that overrides each check's own.
 *
 * @param seed  the seed of every property in the run
 * @param tries tries per property, overriding the checks' defaults when present
 */
public record RunSettings(long seed, OptionalInt tries) {

    public RunSettings {
        if (tries.isPresent() && tries.getAsInt() <= 0) {
            throw new IllegalArgumentException("tries must be positive");
        }
    }

    /**
     * Settings from the {@code proptest.seed} and {@code proptest.tries} system properties; a fresh random seed when
     * none is set.
     *
     * @return the settings
     */
    public static RunSettings fromSystemProperties() {
        String seed = System.getProperty(Property.SEED_PROPERTY);
        String tries = System.getProperty(Property.TRIES_PROPERTY);
        return new RunSettings(seed == null || seed.isBlank() ? new SplittableRandom().nextLong()
                : Long.parseLong(seed.trim()),
                tries == null || tries.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(tries.trim())));
    }

    /**
     * Fixed seed, checks' own tries.
     *
     * @param seed the seed
     * @return the settings
     */
    public static RunSettings withSeed(long seed) {
        return new RunSettings(seed, OptionalInt.empty());
    }
}
