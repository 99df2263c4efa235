package io.github.scsiemu.conformance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One named verification of one clause of a standard, runnable against any {@link TargetUnderTest}: the unit the
 * report and the JUnit adapter show. Immutable and reusable.
 */
public final class Check {
    private final String name;
    private final String clause;
    private final CheckBody body;

    private Check(String name, String clause, CheckBody body) {
        this.name = Objects.requireNonNull(name, "name");
        this.clause = Objects.requireNonNull(clause, "clause");
        this.body = Objects.requireNonNull(body, "body");
    }

    /**
     * Declares a check.
     *
     * @param name   the law, stated as what holds (e.g. {@code unlistedOperationCodesAreRejected})
     * @param clause the clause it verifies (e.g. {@code SPC-4 6.35.2})
     * @param body   the verification
     * @return the check
     */
    public static Check of(String name, String clause, CheckBody body) {
        return new Check(name, clause, body);
    }

    /** The law the check verifies. */
    public String name() {
        return name;
    }

    /** The clause of the standard the check verifies. */
    public String clause() {
        return clause;
    }

    /**
     * Runs the check with settings from the system properties.
     *
     * @param target the target under test
     * @return the verdict; never throws for a misbehaving target
     */
    public CheckOutcome run(TargetUnderTest target) {
        return run(target, RunSettings.fromSystemProperties());
    }

    /**
     * Runs the check.
     *
     * @param target   the target under test
     * @param settings seed and tries for property-based checks
     * @return the verdict; never throws for a misbehaving target
     */
    public CheckOutcome run(TargetUnderTest target, RunSettings settings) {
        CheckContext context = new CheckContext(target, settings);
        try {
            body.verify(context);
            return new CheckOutcome.Passed(context.notes());
        } catch (UnsupportedFeature e) {
            return new CheckOutcome.Unsupported(e.getMessage());
        } catch (PropertyViolation e) {
            return new CheckOutcome.Failed(violated() + e.getMessage(), OptionalLong.of(e.seed()));
        } catch (ConformanceViolation e) {
            return new CheckOutcome.Failed(violated() + e.getMessage(), OptionalLong.empty());
        } catch (RuntimeException | AssertionError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return new CheckOutcome.Failed(violated() + "the check could not complete: " + trace,
                    OptionalLong.empty());
        } finally {
            context.closeSessions();
        }
    }

    private String violated() {
        return "violates " + clause + ": ";
    }

    @Override
    public String toString() {
        return name + " (" + clause + ")";
    }
}
