package io.github.scsiemu.conformance;

import java.util.List;

/**
 * Creates the target the command-line {@link ConformanceRunner} tests, named by class on its command line. An
 * implementation needs a public no-argument constructor.
 */
@FunctionalInterface
public interface TargetUnderTestFactory {

    /**
     * Creates the target under test.
     *
     * @param arguments the command-line arguments the runner did not consume itself
     * @return a target under test, closed by the runner when the suites end
     */
    TargetUnderTest create(List<String> arguments);
}
