package io.github.scsiemu.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interoperability with software nobody here wrote: libiscsi's command-line tools (Debian package libiscsi-bin)
 * against our target on an ephemeral loopback port. Skipped when the tools are absent, except on CI (CI=true),
 * where their absence fails the test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LibiscsiToolsTest {

    private static DiskFixture fx;

    @BeforeAll
    static void start() throws Exception {
        boolean present = new File("/usr/bin/iscsi-inq").canExecute() || onPath("iscsi-inq");
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("libiscsi-bin is not installed but CI=true: .ci/run must install it");
        }
        assumeTrue(present, "libiscsi-bin (iscsi-inq, iscsi-readcapacity16, iscsi-ls) is not installed; skipped");
        fx = new DiskFixture(TargetSettings.DEFAULT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static String url() {
        return "iscsi://127.0.0.1:" + fx.address().getPort() + "/" + DiskFixture.NAME + "/0";
    }

    private static String run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in 20 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s exit status; output:%n%s", String.join(" ", cmd), out).isZero();
        return out;
    }

    @Test
    void iscsiInqShowsTheStandardInquiryData() throws Exception {
        String out = run("iscsi-inq", url());
        assertThat(out).contains("Peripheral Device Type:DIRECT_ACCESS").contains("Product:ISCSI").contains("Removable:0");
    }

    @Test
    void iscsiReadCapacity16ShowsTheGeometry() throws Exception {
        String out = run("iscsi-readcapacity16", url());
        assertThat(out).contains("RETURNED LOGICAL BLOCK ADDRESS:2047").contains("LOGICAL BLOCK LENGTH IN BYTES:512")
                .contains("Total size:1048576");
    }

    @Test
    void iscsiLsDiscoversTheTargetAndItsLun() throws Exception {
        String out = run("iscsi-ls", "-s", "iscsi://127.0.0.1:" + fx.address().getPort());
        assertThat(out).contains("Target:" + DiskFixture.NAME).contains("Lun:0");
    }
}
