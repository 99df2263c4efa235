package io.github.scsiemu.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scsiemu.server.config.DefaultConfig;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * libiscsi's {@code iscsi-inq} (Debian package libiscsi-bin) against the default server's LUN 1. Skipped when the
 * tool is absent, except on CI (CI=true), where its absence fails the test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LibiscsiInqTest {

    private static boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, "iscsi-inq").canExecute()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void iscsiInqShowsTheRemovableMediumAndTheVendorOfLun1() throws Exception {
        boolean present = installed();
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("libiscsi-bin is not installed but CI=true: .ci/run must install it");
        }
        assumeTrue(present, "libiscsi-bin (iscsi-inq) is not installed; skipped");
        try (EmulatorServer server = EmulatorServer.start(
                DefaultConfig.get().withPortalAddress(Optional.empty(), Optional.of(0)))) {
            String url = "iscsi://127.0.0.1:" + server.portalAddresses().get(0).getPort() + "/"
                    + DefaultConfig.TARGET_NAME + "/1";
            Process p = new ProcessBuilder("iscsi-inq", url).redirectErrorStream(true).start();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("iscsi-inq finished").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("exit status; output:%n%s", out).isZero();
            assertThat(out).contains("Peripheral Device Type:DIRECT_ACCESS").contains("Removable:1")
                    .contains("Vendor:SCSIEMU").contains("Product:SCRATCH DISK");
        }
    }
}
