package io.github.scsiemu.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as users run it ({@code java -jar scsi-emu-server-<version>-all.jar}): its help, and a server on a
 * free port that prints how to connect and, on SIGTERM, what it shut down.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ServerJarIT {

    private static Path jar() {
        Path jar = Path.of(System.getProperty("server.jar", "target/missing.jar"));
        assertThat(jar).as("the shaded jar (system property server.jar)").isRegularFile();
        return jar;
    }

    private static ProcessBuilder java(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] cmd = new String[args.length + 3];
        cmd[0] = java;
        cmd[1] = "-jar";
        cmd[2] = jar().toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    @Test
    void helpListsTheServeCommand() throws Exception {
        Process p = java("--help").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isZero();
        assertThat(out).startsWith("Usage: scsi-emu").contains("serve ");
    }

    @Test
    void versionComesFromTheManifest() throws Exception {
        Process p = java("--version").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out.trim()).matches("scsi-emu \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void serveOnAFreePortPrintsTheBannerAndShutsDownCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("serve.log");
        // output goes to a file: Process.destroy() closes the pipes, which would lose the shutdown report
        Process p = java("serve", "--port", "0").redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("Stop with")) {
                assertThat(p.isAlive()).as("server still running; output:%n%s", Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("banner within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains("target iqn.2026-01.io.github.scsiemu:default")
                    .containsPattern("portal 127\\.0\\.0\\.1:\\d+ \\(portal group tag 1\\)")
                    .containsPattern("iscsi-inq iscsi://127\\.0\\.0\\.1:\\d+/iqn\\.2026-01\\.io\\.github"
                            + "\\.scsiemu:default/1")
                    .contains("LUN 1: disk").contains("LUN 2: disk");
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(Files.readString(log)).contains("scsi-emu: shutting down")
                .containsPattern("closed portal 127\\.0\\.0\\.1:\\d+, ending 0 session\\(s\\)")
                .contains("closed iqn.2026-01.io.github.scsiemu:default LUN 1 (memory store, contents discarded)")
                .contains("closed iqn.2026-01.io.github.scsiemu:default LUN 2 (memory store, contents discarded)")
                .endsWith("scsi-emu: stopped\n");
    }
}
