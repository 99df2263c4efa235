package io.github.scsiemu.conformance.junit;

import io.github.scsiemu.conformance.Check;
import io.github.scsiemu.conformance.CheckOutcome;
import io.github.scsiemu.conformance.RunSettings;
import io.github.scsiemu.conformance.Suite;
import io.github.scsiemu.conformance.Suites;
import io.github.scsiemu.conformance.TargetUnderTest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The suites as JUnit Jupiter tests, in the manner of a TCK's abstract verification class: extend it, say how to
 * build the target under test, and every check of every suite becomes a dynamic test, grouped by suite. A failed
 * check fails its test with the report text (command, response, sense, clause, seed); an unsupported one is
 * aborted (shown as skipped). The seed and tries come from {@code -Dproptest.seed} and {@code -Dproptest.tries}.
 */
public abstract class ConformanceTests {

    /**
     * Creates a fresh target under test; called once per check, so checks do not see each other's state.
     *
     * @return the target under test
     */
    protected abstract TargetUnderTest createTarget();

    /**
     * The suites to run; all by default.
     *
     * @return the suites
     */
    protected List<Suite> suites() {
        return Suites.all();
    }

    /**
     * One container per suite, one test per check.
     *
     * @return the dynamic tests
     */
    @TestFactory
    Stream<DynamicNode> conformance() {
        RunSettings settings = RunSettings.fromSystemProperties();
        return suites().stream().map(suite -> DynamicContainer.dynamicContainer(suite.name(),
                suite.checks().stream().map(check -> DynamicTest.dynamicTest(check.name() + " [" + check.clause()
                        + "]", () -> verify(check, settings)))));
    }

    private void verify(Check check, RunSettings settings) {
        CheckOutcome outcome;
        try (TargetUnderTest target = createTarget()) {
            outcome = check.run(target, settings);
        }
        if (outcome instanceof CheckOutcome.Failed failed) {
            Assertions.fail(failed.details());
        }
        if (outcome instanceof CheckOutcome.Unsupported unsupported) {
            Assumptions.abort("unsupported: " + unsupported.reason());
        }
    }
}
