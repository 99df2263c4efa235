package io.github.scsiemu.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * libiscsi's conformance tool {@code iscsi-test-cu} (Debian libiscsi-bin 1.19) against the in-process target of
 * {@link TwoLunFixture}: the iSCSI family with two initiator names and the LU given twice as the multipath URL,
 * plain and with mutual CHAP, and {@code SCSI.ReadOnly} against the read-only LUN. Each run must end with no failed
 * test and no {@code [SKIPPED]} line (iscsi-test-cu reports skips as passes, iscsi.md 2.4). Skipped when the tool
 * is absent, except on CI (CI=true), where its absence fails.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class LibiscsiTestToolTest {
    private static final String TOOL = "iscsi-test-cu";
    private static final String A = "iqn.2026-01.org.example:a";
    private static final String B = "iqn.2026-01.org.example:b";
    private static final Pattern TESTS = Pattern.compile(
            "tests\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)");

    @BeforeAll
    static void toolPresent() {
        boolean present = onPath(TOOL);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("iscsi-test-cu (libiscsi-bin) is not installed but CI=true");
        }
        assumeTrue(present, "iscsi-test-cu (libiscsi-bin) is not installed; skipped");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin" : path).split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Runs the tool with a time limit and returns its output (stdout and stderr). */
    private static String run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TOOL));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("iscsi-test-cu", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(100, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish in 100 s:\n" + Files.readString(log));
            }
            return Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Asserts that every test ran and passed and none was skipped; returns the summary line. */
    private static String assertClean(String out, int expectedTests) {
        Matcher m = TESTS.matcher(out);
        assertThat(m.find()).as("no CUnit run summary in:%n%s", out).isTrue();
        assertThat(m.group(1)).as("tests in the summary:%n%s", out).isEqualTo(Integer.toString(expectedTests));
        assertThat(m.group(3)).as("passed tests; output:%n%s", out).isEqualTo(m.group(1));
        assertThat(m.group(4)).as("failed tests; output:%n%s", out).isEqualTo("0");
        assertThat(out).as("skipped tests; output:%n%s", out).doesNotContain("[SKIPPED]");
        return m.group();
    }

    @Test
    void iscsiFamilyPassesWithNothingSkipped() throws Exception {
        try (TwoLunFixture fx = new TwoLunFixture()) {
            String out = run(Map.of(), "-d", "-S", "-n", "-i", A, "-I", B, "-t", "iSCSI", fx.url(1), fx.url(1));
            assertClean(out, 15);
        }
    }

    @Test
    void iscsiFamilyPassesWithMutualChap() throws Exception {
        try (TwoLunFixture fx = new TwoLunFixture(0, TargetSettings.DEFAULT, TwoLunFixture::withMutualChap)) {
            String url = "iscsi://" + TwoLunFixture.INITIATOR_CHAP.name() + "@127.0.0.1:" + fx.address().getPort()
                    + "/" + TwoLunFixture.NAME + "/1?target_user=" + TwoLunFixture.TARGET_CHAP.name()
                    + "&target_password=" + TwoLunFixture.TARGET_CHAP.secret();
            String out = run(Map.of("LIBISCSI_CHAP_PASSWORD", TwoLunFixture.INITIATOR_CHAP.secret()), "-d", "-S",
                    "-n", "-i", A, "-I", B, "-t", "iSCSI", url);
            assertClean(out, 15);
        }
    }

    @Test
    void readOnlyFamilyPassesAgainstTheWriteProtectedLun() throws Exception {
        try (TwoLunFixture fx = new TwoLunFixture()) {
            String out = run(Map.of(), "-d", "-n", "-i", A, "-t", "SCSI.ReadOnly", fx.url(2));
            assertClean(out, 1);
        }
    }
}
