package io.github.scsiemu.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program installed on the machine (libiscsi's tools, QEMU's) that a test runs against the server: found on the
 * PATH, or the test is skipped, except on CI ({@code CI=true}), where {@code .ci/run} installs them and their
 * absence is a failure.
 */
final class ExternalTool {

    /**
     * One finished run.
     *
     * @param exit   the exit status
     * @param output stdout and stderr, merged
     */
    record Run(int exit, String output) {
    }

    private ExternalTool() {
    }

    /** Skips the calling test unless every tool is on the PATH; on CI, fails instead. */
    static void require(String packageName, String... tools) {
        for (String tool : tools) {
            boolean present = onPath(tool);
            if (!present && "true".equals(System.getenv("CI"))) {
                throw new AssertionError(tool + " (" + packageName + ") is not installed but CI=true: .ci/run must"
                        + " install it");
            }
            assumeTrue(present, tool + " (" + packageName + ") is not installed; skipped");
        }
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code argv} with extra environment variables, stdin from /dev/null, and waits at most {@code limit}.
     *
     * @throws AssertionError if it does not finish in time (it is killed; the message holds its output so far)
     */
    static Run run(Duration limit, Map<String, String> env, List<String> argv)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("scsi-emu-tool", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", argv) + " did not finish in " + limit + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
