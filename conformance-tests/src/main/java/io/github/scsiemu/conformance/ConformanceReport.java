package io.github.scsiemu.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The verdicts of a run of suites against one target under test, and their rendering for people: per suite and
 * check PASS, FAIL (with the command, response, decoded sense, clause and seed) or UNSUPPORTED.
 *
 * @param target   the description of the target
 * @param settings the run settings (the seed replays the run)
 * @param results  one entry per check run
 */
public record ConformanceReport(String target, RunSettings settings, List<Result> results) {

    public ConformanceReport {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
        results = List.copyOf(results);
    }

    /**
     * The verdict of one check.
     *
     * @param suite   the suite's name
     * @param check   the check
     * @param outcome the verdict
     */
    public record Result(String suite, Check check, CheckOutcome outcome) {
    }

    /**
     * Runs suites against a target.
     *
     * @param target   the target under test
     * @param suites   the suites
     * @param settings seed and tries
     * @return the report
     */
    public static ConformanceReport run(TargetUnderTest target, List<Suite> suites, RunSettings settings) {
        List<Result> results = new ArrayList<>();
        for (Suite suite : suites) {
            for (Check check : suite.checks()) {
                results.add(new Result(suite.name(), check, check.run(target, settings)));
            }
        }
        return new ConformanceReport(target.description(), settings, results);
    }

    /** The number of checks with the given verdict label ({@code PASS}, {@code FAIL}, {@code UNSUPPORTED}). */
    public long count(String label) {
        return results.stream().filter(r -> r.outcome().label().equals(label)).count();
    }

    /** Whether no check failed. */
    public boolean passed() {
        return count("FAIL") == 0;
    }

    /** The report as text. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("SCSI conformance report for ").append(target).append('\n');
        out.append("seed ").append(settings.seed()).append(" (replay with --seed ").append(settings.seed())
                .append(")\n");
        String suite = null;
        for (Result r : results) {
            if (!r.suite().equals(suite)) {
                suite = r.suite();
                out.append('\n').append(suite).append('\n');
            }
            out.append(String.format("  %-11s %s [%s]%n", r.outcome().label(), r.check().name(), r.check().clause()));
            if (r.outcome() instanceof CheckOutcome.Failed f) {
                out.append(indent(f.details(), "      ")).append('\n');
            } else if (r.outcome() instanceof CheckOutcome.Unsupported u) {
                out.append("      ").append(u.reason()).append('\n');
            } else if (r.outcome() instanceof CheckOutcome.Passed p) {
                for (String note : p.notes()) {
                    out.append("      ").append(note).append('\n');
                }
            }
        }
        out.append(String.format("%n%d checks: %d passed, %d failed, %d unsupported%n", results.size(),
                count("PASS"), count("FAIL"), count("UNSUPPORTED")));
        return out.toString();
    }

    private static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix);
    }
}
