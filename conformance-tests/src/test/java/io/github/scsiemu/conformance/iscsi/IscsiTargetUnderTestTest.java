package io.github.scsiemu.conformance.iscsi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.conformance.ConformanceRunner;
import io.github.scsiemu.conformance.OurTargets;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.TargetUnderTest;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
import io.github.scsiemu.iscsi.target.ExportedTarget;
import io.github.scsiemu.iscsi.target.IscsiTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The iSCSI target under test against our own portals: sessions are new nexuses on alternating target ports, each
 * response equals the in-process response to the same command, closing logs out, and the runner takes iSCSI URLs.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class IscsiTargetUnderTestTest {

    private static final ChapCredentials ALICE = new ChapCredentials("alice", "twelve-bytes!");

    private IscsiTarget portalA;
    private IscsiTarget portalB;

    @BeforeEach
    void serve() throws IOException {
        var device = OurTargets.twoDiskDevice();
        portalA = IscsiTarget.builder().port(0).portalGroupTag(1)
                .export(new ExportedTarget(OurTargets.TEST_TARGET_NAME, "", device, 1, 0)).build().start();
        portalB = IscsiTarget.builder().port(0).portalGroupTag(2)
                .export(new ExportedTarget(OurTargets.TEST_TARGET_NAME, "", device, 2, 0)
                        .withAuthentication(AuthenticationPolicy.chap(ALICE))).build().start();
    }

    @AfterEach
    void stop() throws IOException {
        portalA.close();
        portalB.close();
    }

    private String url(IscsiTarget portal, String credentials, String lun) {
        return "iscsi://" + credentials + "127.0.0.1:" + portal.address().getPort() + "/"
                + OurTargets.TEST_TARGET_NAME + lun;
    }

    private IscsiTargetUnderTest bothPortals() {
        return IscsiTargetUnderTest.connect(url(portalA, "", ""), url(portalB, "alice%twelve-bytes!@", ""));
    }

    @Test
    void sessionsAreNewNexusesOnAlternatingTargetPortsAsInProcess() {
        try (IscsiTargetUnderTest overIscsi = bothPortals()) {
            TargetUnderTest inProcess = OurTargets.twoDiskTarget();
            assertThat(overIscsi.luns()).containsExactly(Lun.of(0), Lun.of(1));
            for (int i = 0; i < 3; i++) {
                try (Session remote = overIscsi.openSession("iqn.2026-01.org.example:host" + i);
                        Session local = inProcess.openSession("iqn.2026-01.org.example:host" + i)) {
                    // same initiator port (name and ISID) and same target port (TPGT, relative port, group)
                    assertThat(remote.nexus()).isEqualTo(local.nexus());
                }
            }
        }
    }

    @Test
    void responsesEqualTheInProcessResponsesToTheSameCommands() {
        try (IscsiTargetUnderTest overIscsi = bothPortals()) {
            TargetUnderTest inProcess = OurTargets.twoDiskTarget();
            Session remote = overIscsi.openSession();
            Session local = inProcess.openSession();
            Lun lun0 = Lun.of(0);
            byte[] write10 = {0x2A, 0, 0, 0, 0, 5, 0, 0, 1, 0};
            byte[] read10 = {0x28, 0, 0, 0, 0, 5, 0, 0, 1, 0};
            byte[] block = new byte[512];
            block[0] = 0x5A;
            List<Command> commands = List.of(
                    new Command(lun0, Cdbs.testUnitReady(), new byte[0], 0), // unit attention, fixed sense
                    new Command(lun0, Cdbs.inquiry(false, 0, 36), new byte[0], 100), // underflow: residual 64
                    new Command(lun0, Cdbs.inquiry(true, 0x83, 1024), new byte[0], 8), // overflow
                    new Command(lun0, new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0}, new byte[0], 0), // invalid opcode
                    new Command(lun0, Cdbs.requestSense(true, 252), new byte[0], 252),
                    new Command(lun0, write10, block, 0),
                    new Command(lun0, write10, new byte[1024], 0), // data-out underflow: residual 512
                    new Command(lun0, read10, new byte[0], 512),
                    new Command(Lun.of(1), Cdbs.readCapacity10(), new byte[0], 8),
                    new Command(Lun.of(7), Cdbs.testUnitReady(), new byte[0], 0)); // no such LUN
            for (Command c : commands) {
                ScsiResponse want = c.run(local);
                ScsiResponse got = c.run(remote);
                assertThat(got.status()).as("status of %s", c).isEqualTo(want.status());
                assertThat(got.dataInBytes()).as("data-in of %s", c).isEqualTo(want.dataInBytes());
                assertThat(got.senseBytes()).as("sense of %s", c).isEqualTo(want.senseBytes());
                assertThat(got.senseFormat()).as("sense format of %s", c).isEqualTo(want.senseFormat());
                assertThat(got.dataInResidual()).as("data-in residual of %s", c).isEqualTo(want.dataInResidual());
                assertThat(got.dataOutResidual()).as("data-out residual of %s", c)
                        .isEqualTo(want.dataOutResidual());
            }
            for (TaskManagementFunction f : List.of(TaskManagementFunction.ABORT_TASK_SET,
                    TaskManagementFunction.CLEAR_TASK_SET, TaskManagementFunction.LOGICAL_UNIT_RESET)) {
                assertThat(remote.manage(lun0, f, 0)).as("%s", f).isEqualTo(local.manage(lun0, f, 0));
            }
        }
    }

    private record Command(Lun lun, byte[] cdb, byte[] dataOut, int expectedDataIn) {
        ScsiResponse run(Session session) {
            return session.execute(lun, cdb, ByteBuffer.wrap(dataOut), expectedDataIn);
        }

        @Override
        public String toString() {
            return String.format("CDB %02Xh on %s", cdb[0] & 0xFF, lun);
        }
    }

    @Test
    void closingASessionLogsItOut() throws InterruptedException {
        try (IscsiTargetUnderTest target = IscsiTargetUnderTest.connect(url(portalA, "", "/0"))) {
            assertThat(target.luns()).containsExactly(Lun.of(0));
            Session session = target.openSession();
            assertThat(portalA.sessionCount()).isEqualTo(1);
            session.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (portalA.sessionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(portalA.sessionCount()).isZero();
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run runner(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ConformanceRunner.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theRunnerTestsATargetNamedByAnIscsiUrlWithChap() {
        String url = url(portalB, "alice%twelve-bytes!@", "/0");
        Run run = runner("--seed", "7", "--suite", "report luns", url);
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("SCSI conformance report for iSCSI target " + OurTargets.TEST_TARGET_NAME
                        + " at iscsi://alice%(hidden)@127.0.0.1:" + portalB.address().getPort() + "/"
                        + OurTargets.TEST_TARGET_NAME + "/0",
                "  PASS        lunListIsWellFormedAndNamesTheLogicalUnitsUnderTest [SPC-4 6.33]",
                "3 checks: 3 passed, 0 failed, 0 unsupported")
                .doesNotContain("twelve-bytes", "LUN 1 (");
    }

    @Test
    void theRunnerExitsTwoWhenTheLoginFailsOrTheUrlIsBad() {
        Run wrongSecret = runner("--suite", "report luns", url(portalB, "alice%wrong-secret!!@", ""));
        assertThat(wrongSecret.status()).isEqualTo(2);
        assertThat(wrongSecret.err()).contains("cannot create the target under test", "cannot log in to")
                .doesNotContain("wrong-secret");
        Run badUrl = runner("iscsi://127.0.0.1:" + portalA.address().getPort());
        assertThat(badUrl.status()).isEqualTo(2);
        assertThat(badUrl.err()).contains("no target name");
    }
}
