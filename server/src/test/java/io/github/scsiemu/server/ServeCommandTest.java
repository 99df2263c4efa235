package io.github.scsiemu.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: usage, and the exit code and message of each way {@code serve} refuses to start. */
class ServeCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutASubcommandItPrintsTheUsage() {
        assertThat(run()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: scsi-emu").contains("serve");
    }

    @Test
    void aBadConfigurationExitsWithStatus2NamingFileLineAndField() throws Exception {
        Path config = dir.resolve("config.toml");
        Files.writeString(config, """
                [[target]]
                name = "iqn.2026-01.io.github.scsiemu:t"
                [[target.lun]]
                number = 3
                capacity = 0
                """);
        assertThat(run("serve", "--config", config.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("scsi-emu: " + config + ":5: lun 3: capacity must be a positive number of"
                + " blocks, or a size such as \"128MiB\" that is a multiple of block-size\n");
    }

    @Test
    void aMissingConfigurationFileExitsWithStatus2() {
        Path missing = dir.resolve("absent.toml");
        assertThat(run("serve", "-c", missing.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("scsi-emu: " + missing + ": no such file\n");
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        assertThat(run("serve", "--port", "70000")).isEqualTo(2);
        assertThat(err()).startsWith("--port must be 0-65535, not 70000");
    }

    @Test
    void portAndAddressNeedAConfigurationWithOnePortal() throws Exception {
        Path config = dir.resolve("two.toml");
        Files.writeString(config, """
                [[portal]]
                address = "127.0.0.1:0"
                [[portal]]
                address = "127.0.0.1:1"
                [[target]]
                name = "iqn.2026-01.io.github.scsiemu:t"
                [[target.lun]]
                number = 0
                capacity = 8
                """);
        assertThat(run("serve", "--config", config.toString(), "--port", "0")).isEqualTo(2);
        assertThat(err()).isEqualTo("scsi-emu: " + config + ": --address and --port apply only to a configuration"
                + " with one portal; this one has 2\n");
    }

    @Test
    void aPortInUseExitsWithStatus1() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            assertThat(run("serve", "--port", Integer.toString(taken.getLocalPort()))).isEqualTo(1);
            assertThat(err()).startsWith("scsi-emu: cannot start: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": ");
        }
    }
}
