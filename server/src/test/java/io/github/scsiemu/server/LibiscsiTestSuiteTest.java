package io.github.scsiemu.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.server.config.DefaultConfig;
import io.github.scsiemu.server.config.LunConfig;
import io.github.scsiemu.server.config.Origin;
import io.github.scsiemu.server.config.ServerConfig;
import io.github.scsiemu.server.config.StoreConfig;
import io.github.scsiemu.server.config.TargetConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * libiscsi's conformance tool {@code iscsi-test-cu} 1.19 (Debian libiscsi-bin) against the server, as issue 4 asks:
 * the SCSI and iSCSI families with {@code --dataloss --allow-sanitize}, two initiator names and LUN 1 given twice as
 * the multipath URL; again with mutual CHAP and required header digests; and {@code SCSI.ReadOnly} against the
 * write-protected LUN 2. {@code SCSI.ReadOnly} is left out of the LUN 1 runs because its one test needs a
 * write-protected unit and would only print {@code [SKIPPED]} there (iscsi-test-cu counts skips as passes, so every
 * run here also asserts that no {@code [SKIPPED]} line appears).
 *
 * <p>Four of libiscsi 1.19's tests cannot pass against a logical unit that follows SPC-4/SBC-4 and the setup the
 * issue prescribes; {@link #CONTRADICTIONS} names them and why. The full runs must fail exactly those, no more and
 * no fewer; two further runs show that each order- or geometry-dependent one passes once its own assumption holds.
 * The summary lines are printed for the record.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class LibiscsiTestSuiteTest {

    private static final String TOOL = "iscsi-test-cu";
    private static final String INITIATOR_1 = "iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-test";
    private static final String INITIATOR_2 = "iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-test-2";
    private static final Duration RUN_LIMIT = Duration.ofMinutes(6);
    private static final ChapCredentials INITIATOR_CHAP = new ChapCredentials("inituser", "initsecret1234");
    private static final ChapCredentials TARGET_CHAP = new ChapCredentials("tgtuser", "tgtsecret12345");

    /** The libiscsi 1.19 tests a conforming LU fails, with the reason. */
    static final Map<String, String> CONTRADICTIONS = Map.of(
            "StartStopUnit.PwrCnd", "expects GOOD for the reserved and obsolete POWER CONDITION codes 4h, 5h, 6h,"
                    + " 8h, 9h, Ch-Fh; SPC-4 requires the receipt of a reserved code value to be reported as an"
                    + " error, so they end in INVALID FIELD IN CDB at byte 4 bit 7 (Linux scsi_debug does the same)",
            "StartStopUnit.NoLoej", "expects TEST UNIT READY to return GOOD after START STOP UNIT with START=0;"
                    + " SBC-4 puts the unit in the stopped power condition, where TEST UNIT READY ends in NOT READY,"
                    + " INITIALIZING COMMAND REQUIRED (04h/02h), as scsi_debug also answers",
            "GetLBAStatus.UnmapSingle", "asks GET LBA STATUS for LBA i+1 and expects the first descriptor to start"
                    + " at i+LBPPB; SBC-4 makes the first descriptor start at the requested LBA (QEMU's iSCSI driver"
                    + " fails a block-status query otherwise); the two agree only for LBPPB=1, while other libiscsi"
                    + " tests skip unless LBPPB>1 and the issue prescribes 4096-byte physical blocks",
            "Sanitize.Reset", "runs after Sanitize.Reservations, which takes RESERVE(6) from the second initiator's"
                    + " multipath session and never releases it; that session stays logged in, so the SANITIZE of"
                    + " Reset rightly gets RESERVATION CONFLICT and never starts (it passes when run on its own)");

    private static final Pattern SUMMARY = Pattern.compile(
            "tests\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)");
    private static final Pattern FAILED_TEST = Pattern.compile("^Suite (\\S+), Test (\\S+) had failures:",
            Pattern.MULTILINE);
    private static final Pattern ASSERTS = Pattern.compile("asserts\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+n/a");

    /** Every suite of the SCSI family but ReadOnly, and the iSCSI family, as iscsi-test-cu patterns. */
    private static String lun1Patterns;

    /**
     * One run's outcome.
     *
     * @param summary     the "tests" line of the CUnit run summary, verbatim
     * @param tests       tests selected
     * @param passed      tests passed (skips included, as CUnit counts them)
     * @param failedTests "Suite.Test" of each failed test
     * @param skips       the {@code [SKIPPED]} lines
     * @param output      everything it printed
     */
    record Outcome(String summary, int tests, int passed, Set<String> failedTests, List<String> skips,
            String output) {
        static Outcome of(ExternalTool.Run run) {
            String out = run.output();
            Matcher m = SUMMARY.matcher(out);
            assertThat(m.find()).as("no CUnit run summary (exit %d) in:%n%s", run.exit(), out).isTrue();
            Set<String> failed = new TreeSet<>();
            Matcher f = FAILED_TEST.matcher(out);
            while (f.find()) {
                failed.add(f.group(1) + "." + f.group(2));
            }
            List<String> skips = out.lines().filter(l -> l.contains("[SKIPPED]")).map(String::strip).toList();
            assertThat(Integer.parseInt(m.group(4))).as("failed count vs. failed tests listed in:%n%s", out)
                    .isEqualTo(failed.size());
            Matcher a = ASSERTS.matcher(out);
            String summary = m.group() + (a.find() ? " / " + a.group() : "");
            return new Outcome(summary, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), failed, skips,
                    out);
        }
    }

    @BeforeAll
    static void suites() throws Exception {
        ExternalTool.require("libiscsi-bin", TOOL, "iscsi-inq");
        ExternalTool.Run list = ExternalTool.run(Duration.ofSeconds(30), Map.of(), List.of(TOOL, "-l"));
        List<String> suites = list.output().lines().map(String::strip)
                .filter(l -> l.matches("(SCSI|iSCSI)\\.[A-Za-z0-9]+")).filter(l -> !l.equals("SCSI.ReadOnly"))
                .toList();
        assertThat(suites).as("iscsi-test-cu -l:%n%s", list.output()).contains("SCSI.Sanitize", "SCSI.MultipathIO",
                "iSCSI.iSCSITMF").hasSize(50);
        lun1Patterns = String.join(",", suites);
    }

    private static String url(EmulatorServer server, String userInfo, int lun, String query) {
        return "iscsi://" + userInfo + "127.0.0.1:" + server.portalAddresses().get(0).getPort() + "/"
                + DefaultConfig.TARGET_NAME + "/" + lun + query;
    }

    private static Outcome run(Map<String, String> env, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(TOOL, "-n", "-i", INITIATOR_1, "-I", INITIATOR_2));
        argv.addAll(List.of(args));
        Outcome o = Outcome.of(ExternalTool.run(RUN_LIMIT, env, argv));
        System.out.println("iscsi-test-cu " + String.join(" ", args) + "\n  " + o.summary()
                + (o.failedTests().isEmpty() ? "" : "\n  failed: " + o.failedTests()));
        return o;
    }

    private static EmulatorServer start(ServerConfig config) throws Exception {
        return EmulatorServer.start(config.withPortalAddress(Optional.empty(), Optional.of(0)));
    }

    private static void assertOnlyContradictionsFailAndNothingSkipped(Outcome o) {
        assertThat(o.tests()).as(o.output()).isEqualTo(229);
        assertThat(o.skips()).as("[SKIPPED] lines; output:%n%s", o.output()).isEmpty();
        assertThat(o.failedTests()).as("failed tests; output:%n%s", o.output())
                .isEqualTo(new TreeSet<>(CONTRADICTIONS.keySet()));
        assertThat(o.passed()).isEqualTo(o.tests() - CONTRADICTIONS.size());
    }

    @Test
    void scsiAndIscsiFamiliesOnLun1TwiceFailOnlyTheDocumentedContradictionsAndSkipNothing() throws Exception {
        try (EmulatorServer server = start(DefaultConfig.get())) {
            String lun1 = url(server, "", 1, "");
            Outcome o = run(Map.of(), "-d", "-S", "-t", lun1Patterns, lun1, lun1);
            assertOnlyContradictionsFailAndNothingSkipped(o);
        }
    }

    @Test
    void theSameRunWithMutualChapAndRequiredHeaderDigestsFailsOnlyTheSameContradictions() throws Exception {
        ServerConfig defaults = DefaultConfig.get();
        TargetConfig t = defaults.targets().get(0);
        TargetConfig chap = new TargetConfig(t.name(), t.alias(), t.portals(), t.luns(), t.aluaGroups(),
                AuthenticationPolicy.chap(INITIATOR_CHAP).withTargetCredentials(TARGET_CHAP), t.access(), t.origin());
        // libiscsi 1.19 offers HeaderDigest=None,CRC32C and knows no data digest (it offers DataDigest=None only)
        ServerConfig config = new ServerConfig("chap+digests", defaults.portals(), List.of(chap),
                defaults.settings().withDigests("CRC32C", "None,CRC32C"), Optional.empty(),
                defaults.discoveryAuthentication());
        try (EmulatorServer server = start(config)) {
            String lun1 = url(server, INITIATOR_CHAP.name() + "@", 1, "?target_user=" + TARGET_CHAP.name()
                    + "&target_password=" + TARGET_CHAP.secret());
            Outcome o = run(Map.of("LIBISCSI_CHAP_PASSWORD", INITIATOR_CHAP.secret()), "-d", "-S", "-t",
                    lun1Patterns, lun1, lun1);
            assertOnlyContradictionsFailAndNothingSkipped(o);
            ExternalTool.Run wrong = ExternalTool.run(Duration.ofSeconds(30),
                    Map.of("LIBISCSI_CHAP_PASSWORD", "not-the-secret"), List.of("iscsi-inq", lun1));
            assertThat(wrong.exit()).as(wrong.output()).isNotZero();
            assertThat(wrong.output()).contains("Authentication failure");
        }
    }

    @Test
    void readOnlyFamilyPassesAgainstTheWriteProtectedLun2() throws Exception {
        try (EmulatorServer server = start(DefaultConfig.get())) {
            Outcome o = run(Map.of(), "-d", "-t", "SCSI.ReadOnly", url(server, "", 2, ""));
            assertThat(o.tests()).isEqualTo(1);
            assertThat(o.failedTests()).as(o.output()).isEmpty();
            assertThat(o.skips()).as(o.output()).isEmpty();
        }
    }

    @Test
    void sanitizeResetPassesWhenNoEarlierTestLeftAReservationBehind() throws Exception {
        try (EmulatorServer server = start(DefaultConfig.get())) {
            String lun1 = url(server, "", 1, "");
            Outcome o = run(Map.of(), "-d", "-S", "-t", "SCSI.Sanitize.Reset", lun1, lun1);
            assertThat(o.tests()).isEqualTo(1);
            assertThat(o.failedTests()).as(o.output()).isEmpty();
            assertThat(o.skips()).as(o.output()).isEmpty();
        }
    }

    @Test
    void getLbaStatusUnmapSinglePassesOnAUnitWithOneLogicalBlockPerPhysicalBlock() throws Exception {
        ServerConfig defaults = DefaultConfig.get();
        TargetConfig t = defaults.targets().get(0);
        DiskConfig flat = DiskConfig.builder(16384, 512).thin().lbprz(true).product("FLAT DISK").build();
        List<LunConfig> luns = new ArrayList<>(t.luns());
        luns.add(new LunConfig(3, flat, StoreConfig.MEMORY, Origin.BUILT_IN));
        TargetConfig withLun3 = new TargetConfig(t.name(), t.alias(), t.portals(), luns, t.aluaGroups(),
                t.authentication(), t.access(), t.origin());
        ServerConfig config = new ServerConfig("lbppb=1", defaults.portals(), List.of(withLun3), defaults.settings(),
                Optional.empty(), defaults.discoveryAuthentication());
        try (EmulatorServer server = start(config)) {
            Outcome o = run(Map.of(), "-d", "-t", "SCSI.GetLBAStatus.UnmapSingle", url(server, "", 3, ""));
            assertThat(o.tests()).isEqualTo(1);
            assertThat(o.failedTests()).as(o.output()).isEmpty();
            assertThat(o.skips()).as(o.output()).isEmpty();
        }
    }
}
