package io.github.scsiemu.conformance;

/**
 * What a check does: sends commands through the context's sessions and returns normally when the target conforms,
 * throws {@link ConformanceViolation} when it does not, and {@link UnsupportedFeature} when it lacks the feature.
 */
@FunctionalInterface
public interface CheckBody {

    /**
     * Verifies the clause.
     *
     * @param context the target, the run settings and helpers
     */
    void verify(CheckContext context);
}
