package io.github.scsiemu.conformance;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/** The verdict of one {@link Check} against one target under test: passed, failed or unsupported. */
public sealed interface CheckOutcome {

    /** The verdict's label in reports: {@code PASS}, {@code FAIL} or {@code UNSUPPORTED}. */
    String label();

    /**
     * The target meets the clause.
     *
     * @param notes what the check observed or deliberately skipped, for the report
     */
    record Passed(List<String> notes) implements CheckOutcome {
        public Passed {
            notes = List.copyOf(notes);
        }

        @Override
        public String label() {
            return "PASS";
        }
    }

    /**
     * The target breaks the clause.
     *
     * @param details the expectation, the command (CDB in hex), the response and decoded sense; for property checks
     *                also the shrunk counterexample
     * @param seed    the seed that replays the failure, for property checks
     */
    record Failed(String details, OptionalLong seed) implements CheckOutcome {
        public Failed {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(seed, "seed");
        }

        @Override
        public String label() {
            return "FAIL";
        }
    }

    /**
     * The target does not claim what the check needs.
     *
     * @param reason which feature is missing
     */
    record Unsupported(String reason) implements CheckOutcome {
        public Unsupported {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String label() {
            return "UNSUPPORTED";
        }
    }
}
