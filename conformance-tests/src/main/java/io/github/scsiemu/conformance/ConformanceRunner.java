package io.github.scsiemu.conformance;

import io.github.scsiemu.conformance.iscsi.IscsiTargetFactory;
import io.github.scsiemu.conformance.iscsi.IscsiUrl;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
 * java -cp ... io.github.scsiemu.conformance.ConformanceRunner [--seed N] [--tries N] [--suite NAME]...
 *     iscsi://[USER%SECRET@]HOST[:PORT]/TARGET-NAME[/LUN]...
 * </pre>
 * where {@code FACTORY-CLASS} implements {@link TargetUnderTestFactory} and receives the remaining arguments, and
 * iSCSI URLs (one per portal of the target) test a target over iSCSI through
 * {@link io.github.scsiemu.conformance.iscsi.IscsiTargetFactory}; {@code --suite} restricts the run to suites whose
 * name contains the text (case-insensitive). When the target cannot be reached the status is 2 as well.
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
            return usage(err, "no target factory class or iSCSI URL given");
        }
        TargetUnderTestFactory factory;
        List<String> factoryArgs;
        if (IscsiUrl.isIscsiUrl(args[i])) {
            factory = new IscsiTargetFactory();
            factoryArgs = List.of(args).subList(i, args.length);
        } else {
            try {
                factory = Class.forName(args[i]).asSubclass(TargetUnderTestFactory.class).getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | ClassCastException e) {
                return usage(err, "cannot create target factory " + args[i] + ": " + e);
            }
            factoryArgs = List.of(args).subList(i + 1, args.length);
        }
        RunSettings settings = new RunSettings(seed != null ? seed : new SplittableRandom().nextLong(), tries);
        List<Suite> suites = Suites.all().stream().filter(s -> suiteFilters.isEmpty() || suiteFilters.stream()
                .anyMatch(f -> s.name().toLowerCase(Locale.ROOT).contains(f))).toList();
        TargetUnderTest created;
        try {
            created = factory.create(factoryArgs);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return usage(err, "cannot create the target under test: " + e.getMessage());
        }
        try (TargetUnderTest target = created) {
            ConformanceReport report = ConformanceReport.run(target, suites, settings);
            out.print(report.render());
            out.flush();
            return report.passed() ? 0 : 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: ConformanceRunner [--seed N] [--tries N] [--suite NAME]... FACTORY-CLASS [ARGS...]");
        err.println("       ConformanceRunner [--seed N] [--tries N] [--suite NAME]... "
                + "iscsi://[USER%SECRET@]HOST[:PORT]/TARGET-NAME[/LUN]...");
        err.println("  FACTORY-CLASS implements " + TargetUnderTestFactory.class.getName());
        err.println("  each iSCSI URL is one portal of the same target; without /LUN every LUN REPORT LUNS lists "
                + "is tested");
        return 2;
    }
}
