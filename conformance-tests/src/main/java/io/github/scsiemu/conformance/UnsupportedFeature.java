package io.github.scsiemu.conformance;

/**
 * Thrown by a check when the target under test does not claim the feature the check needs (for example, it does
 * not support REPORT SUPPORTED OPERATION CODES, or does not list MODE SELECT): the check is reported as unsupported,
 * not failed, in the manner of feature-driven test suites.
 */
public final class UnsupportedFeature extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the signal.
     *
     * @param reason which feature is missing and how the suite learned it
     */
    public UnsupportedFeature(String reason) {
        super(reason, null, false, false);
    }
}
