package io.github.scsiemu.server;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code scsi-emu} command line: {@code scsi-emu serve} runs the emulator server (see {@link ServeCommand}).
 * Exit codes: 0 success, 1 the server could not start (a port in use, a store that cannot be opened), 2 a usage or
 * configuration error.
 */
@Command(name = "scsi-emu", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {ServeCommand.class, CommandLine.HelpCommand.class},
        description = "Emulated SCSI devices (SBC-4 disks) served over iSCSI.")
public final class Main implements Runnable {

    /** Exit code of a configuration or usage error. */
    public static final int CONFIG_ERROR = 2;
    /** Exit code when the server cannot start. */
    public static final int START_FAILED = 1;

    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command line without exiting.
     *
     * @param args the arguments
     * @param out  where results and the banner go
     * @param err  where errors go
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        return cl.execute(args);
    }

    /** Without a subcommand: the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"scsi-emu " + (v == null ? "(development build)" : v)};
        }
    }
}
