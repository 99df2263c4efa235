package io.github.scsiemu.conformance;

import io.github.scsiemu.proptest.PropertyResult;
import io.github.scsiemu.proptest.Show;

/**
 * A property-based check found a counterexample: the kernel's report (law, seed, original and shrunk
 * counterexample) followed by the violation the shrunk counterexample shows.
 */
final class PropertyViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long seed;

    PropertyViolation(PropertyResult.Failed<?> failed) {
        super(render(failed), null, false, false);
        this.seed = failed.seed();
    }

    long seed() {
        return seed;
    }

    private static String render(PropertyResult.Failed<?> failed) {
        String cause = failed.cause() instanceof ConformanceViolation v ? v.getMessage() : String.valueOf(failed.cause());
        return "property \"" + failed.law() + "\" failed at try " + failed.tryIndex() + " after "
                + failed.shrinkSteps() + " shrink steps (seed=" + failed.seed() + ", replay with --seed "
                + failed.seed() + " or -Dproptest.seed=" + failed.seed() + ")\n"
                + "  shrunk counterexample: " + Show.show(failed.shrunk()) + "\n"
                + cause;
    }
}
