package io.github.scsiemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKeySpecific;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command-line runner: exit codes, report layout, replay by seed. */
class ConformanceRunnerTest {

    /** A disk whose field pointers name the byte after the right one. */
    public static final class MisreportedFieldPointer implements TargetUnderTestFactory {
        @Override
        public TargetUnderTest create(List<String> arguments) {
            return OurTargets.single("disk with misreported field pointers", new Tampered(
                    OurTargets.plainDisk("SN1"), (request, lu) -> {
                        ScsiResponse r = lu.execute(request);
                        if (r.sense().isPresent() && r.sense().get().senseKeySpecific().orElse(null)
                                instanceof SenseKeySpecific.FieldPointer p && p.inCdb() && p.fieldPointer() > 0) {
                            SenseData moved = r.sense().get().withSenseKeySpecific(
                                    new SenseKeySpecific.FieldPointer(true, p.fieldPointer() + 1, p.bitPointer()));
                            return ScsiResponse.checkCondition(moved, r.senseFormat(), r.dataInResidual(),
                                    r.dataOutResidual());
                        }
                        return r;
                    }));
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ConformanceRunner.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ourDisksPassEveryCheckAndExitZero() {
        Run run = run("--seed", "7", OurTargets.TwoDisks.class.getName());
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("SCSI conformance report for scsi-emu SimpleTarget with an SBC disk and a bare SPC logical unit",
                "seed 7 (replay with --seed 7)", "Declarations do not lie", "MODE SENSE and MODE SELECT",
                "  PASS        listedCommandsAreAccepted [SPC-4 6.35.2, 6.35.3]",
                "Direct-access block devices (SBC-4)", "Logical block provisioning (SBC-4)");
        // the summary line counts every check; none may fail on our own devices
        assertThat(run.out()).containsPattern("\\d+ checks: \\d+ passed, 0 failed, \\d+ unsupported");
    }

    @Test
    void aBrokenTargetFailsWithCdbStatusSenseAndClauseAndExitsOne() {
        Run run = run("--seed", "7", "--suite", "declarations", MisreportedFieldPointer.class.getName());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("  FAIL        everyUnusedBitIsRejectedWithAFieldPointerToThatBit "
                + "[SPC-4 6.35.3, 4.5.2.4.2]", "violates SPC-4 6.35.3, 4.5.2.4.2: ", "CDB: ",
                "status: CHECK CONDITION (02h)", "Sense key: ILLEGAL REQUEST (5h)",
                "Additional sense: 24h/00h INVALID FIELD IN CDB", "expected C/D=1 and FIELD POINTER")
                .doesNotContain("INQUIRY and vital product data");
    }

    @Test
    void theSameSeedReplaysTheSameReport() {
        String first = run("--seed", "99", "--suite", "declarations", MisreportedFieldPointer.class.getName()).out();
        String second = run("--seed", "99", "--suite", "declarations", MisreportedFieldPointer.class.getName()).out();
        assertThat(first).isEqualTo(second);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run().status()).isEqualTo(2);
        assertThat(run("--seed").status()).isEqualTo(2);
        assertThat(run("--bogus", "x").status()).isEqualTo(2);
        Run notAFactory = run(String.class.getName());
        assertThat(notAFactory.status()).isEqualTo(2);
        assertThat(notAFactory.err()).contains("cannot create target factory java.lang.String");
    }
}
