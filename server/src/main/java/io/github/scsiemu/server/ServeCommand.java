package io.github.scsiemu.server;

import io.github.scsiemu.server.config.ConfigException;
import io.github.scsiemu.server.config.ConfigReader;
import io.github.scsiemu.server.config.DefaultConfig;
import io.github.scsiemu.server.config.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code scsi-emu serve}: serves the configured (or default) targets over iSCSI until the process is told to stop.
 * On SIGTERM or SIGINT a shutdown hook closes the portals (every session ends with I_T nexus loss) and every disk
 * (file stores are flushed), and prints what it did.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve emulated SCSI logical units over iSCSI until stopped (Ctrl-C or SIGTERM).",
            "Without --config: target " + DefaultConfig.TARGET_NAME + " on 127.0.0.1:3260 with LUN 1, a 128 MiB"
                    + " thin-provisioned removable disk (512-byte logical, 4096-byte physical blocks), and LUN 2,"
                    + " a 64 MiB thin, read-only disk, both in memory."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "TOML configuration file (see server/src/main/config/example.toml).")
    private Path config;

    @Option(names = {"-p", "--port"}, paramLabel = "N",
            description = "Listen on this port (0 picks a free one); the configuration must have one portal.")
    private Integer port;

    @Option(names = {"-a", "--address"}, paramLabel = "A",
            description = "Listen on this address; the configuration must have one portal.")
    private String address;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port != null && (port < 0 || port > 0xFFFF)) {
            throw new ParameterException(spec.commandLine(), "--port must be 0-65535, not " + port);
        }
        EmulatorServer server;
        try {
            ServerConfig c = config == null ? DefaultConfig.get() : ConfigReader.read(config);
            server = EmulatorServer.start(c.withPortalAddress(Optional.ofNullable(address),
                    Optional.ofNullable(port)));
        } catch (ConfigException e) {
            err.println("scsi-emu: " + e.getMessage());
            return Main.CONFIG_ERROR;
        } catch (IOException e) {
            err.println("scsi-emu: cannot start: " + e.getMessage());
            return Main.START_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("scsi-emu: shutting down");
            for (String line : server.shutdown()) {
                out.println("  " + line);
            }
            out.println("scsi-emu: stopped");
            out.flush();
            stopped.countDown();
        }, "scsi-emu-shutdown"));
        out.print(ConnectionBanner.render(server));
        out.flush();
        stopped.await();
        return 0;
    }
}
