package io.github.scsiemu.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.server.config.DefaultConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    @Test
    void iscsiInqShowsTheRemovableMediumAndTheVendorOfLun1() throws Exception {
        ExternalTool.require("libiscsi-bin", "iscsi-inq");
        try (EmulatorServer server = EmulatorServer.start(
                DefaultConfig.get().withPortalAddress(Optional.empty(), Optional.of(0)))) {
            String url = "iscsi://127.0.0.1:" + server.portalAddresses().get(0).getPort() + "/"
                    + DefaultConfig.TARGET_NAME + "/1";
            ExternalTool.Run r = ExternalTool.run(Duration.ofSeconds(20), Map.of(), List.of("iscsi-inq", url));
            String out = r.output();
            assertThat(r.exit()).as("exit status; output:%n%s", out).isZero();
            assertThat(out).contains("Peripheral Device Type:DIRECT_ACCESS").contains("Removable:1")
                    .contains("Vendor:SCSIEMU").contains("Product:SCRATCH DISK");
        }
    }
}
