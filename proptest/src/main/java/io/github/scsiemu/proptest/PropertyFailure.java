package io.github.scsiemu.proptest;

import java.util.Objects;

/**
 * Thrown by {@link Property#check} when a law fails: an {@link AssertionError} whose message is the failure
 * {@linkplain PropertyResult.Failed#report() report} and whose cause is what the law threw for the shrunk
 * counterexample (for example AssertJ's {@code AssertionError}).
 */
public final class PropertyFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    /** The failure; not serialized (counterexamples need not be serializable). */
    private final transient PropertyResult.Failed<?> result;

    /**
     * Wraps a failed result.
     *
     * @param result the failure
     */
    public PropertyFailure(PropertyResult.Failed<?> result) {
        super(Objects.requireNonNull(result, "result").report(), result.cause());
        this.result = result;
    }

    /**
     * The failure, with seed, try index and counterexamples.
     *
     * @return the failed result
     */
    public PropertyResult.Failed<?> result() {
        return result;
    }
}
