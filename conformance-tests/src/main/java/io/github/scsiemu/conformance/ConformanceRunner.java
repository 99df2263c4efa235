package io.github.scsiemu.conformance;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Runs every suite against a target and prints the report; exits with status 1 when a check fails, 2 on a usage
 * error. Usage:
 * <pre>
 * java -cp ... io.github.scsiemu.conformance.ConformanceRunner [--seed N] [--tries N] [--suite NAME]...
 *     FACTORY-CLASS [FACTORY ARGUMENTS...]
 * </pre>
 * where {@code FACTORY-CLASS} implements {@link TargetUnderTestFactory} and receives the remaining arguments;
 * {@code --suite} restricts the run to suites whose name contains the text (case-insensitive).
 */
public final class ConformanceRunner {

    private ConformanceRunner() {
    }

    /**
     * Entry point.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs as {@link #main} does, without exiting.
     *
     * @param args the command line
     * @param out  where the report goes
     * @param err  where usage errors go
     * @return the exit status: 0 all passed or unsupported, 1 a check failed, 2 usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Long seed = null;
        OptionalInt tries = OptionalInt.empty();
        List<String> suiteFilters = new ArrayList<>();
        int i = 0;
        try {
            for (; i < args.length && args[i].startsWith("--"); i++) {
                switch (args[i]) {
                    case "--seed":
                        seed = Long.parseLong(args[++i]);
                        break;
                    case "--tries":
                        tries = OptionalInt.of(Integer.parseInt(args[++i]));
                        break;
                    case "--suite":
                        suiteFilters.add(args[++i].toLowerCase(Locale.ROOT));
                        break;
                    default:
                        return usage(err, "unknown option " + args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return usage(err, "bad option value: " + e.getMessage());
        }
        if (i >= args.length) {
            return usage(err, "no target factory class given");
        }
        TargetUnderTestFactory factory;
        try {
            factory = Class.forName(args[i]).asSubclass(TargetUnderTestFactory.class).getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            return usage(err, "cannot create target factory " + args[i] + ": " + e);
        }
        List<String> factoryArgs = List.of(args).subList(i + 1, args.length);
        RunSettings settings = new RunSettings(seed != null ? seed : new SplittableRandom().nextLong(), tries);
        List<Suite> suites = Suites.all().stream().filter(s -> suiteFilters.isEmpty() || suiteFilters.stream()
                .anyMatch(f -> s.name().toLowerCase(Locale.ROOT).contains(f))).toList();
        try (TargetUnderTest target = factory.create(factoryArgs)) {
            ConformanceReport report = ConformanceReport.run(target, suites, settings);
            out.print(report.render());
            out.flush();
            return report.passed() ? 0 : 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: ConformanceRunner [--seed N] [--tries N] [--suite NAME]... FACTORY-CLASS [ARGS...]");
        err.println("  FACTORY-CLASS implements " + TargetUnderTestFactory.class.getName());
        return 2;
    }
}
