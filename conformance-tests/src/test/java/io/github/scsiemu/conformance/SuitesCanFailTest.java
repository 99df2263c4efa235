package io.github.scsiemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import io.github.scsiemu.conformance.suites.DeclarationsSuite;
import io.github.scsiemu.conformance.suites.InquirySuite;
import io.github.scsiemu.conformance.suites.ModeSenseSuite;
import io.github.scsiemu.conformance.suites.UnitAttentionSuite;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Self-tests of the suites: a logical unit broken in one specific way makes exactly the check for that clause
 * fail, with a report that names the clause and shows the command; so a passing suite means something.
 */
class SuitesCanFailTest {

    private static final RunSettings SETTINGS = RunSettings.withSeed(20260101L);

    private static CheckOutcome run(Suite suite, String checkName,
            BiFunction<ScsiRequest, LogicalUnit, ScsiResponse> behaviour) {
        Check check = suite.checks().stream().filter(c -> c.name().equals(checkName)).findFirst().orElseThrow();
        return check.run(OurTargets.single("broken", new Tampered(OurTargets.plainDisk("SN1"), behaviour)), SETTINGS);
    }

    private static String failure(CheckOutcome outcome) {
        assertThat(outcome).isInstanceOf(CheckOutcome.Failed.class);
        return ((CheckOutcome.Failed) outcome).details();
    }

    @Test
    void theUntamperedUnitPassesTheChecksUsedBelow() {
        Supplier<BiFunction<ScsiRequest, LogicalUnit, ScsiResponse>> honest = () -> (r, lu) -> lu.execute(r);
        for (Map.Entry<Suite, String> e : Map.of(
                new DeclarationsSuite(), "everyUnusedBitIsRejectedWithAFieldPointerToThatBit",
                new InquirySuite(), "standardInquiryDataIsTruncatedToTheAllocationLength",
                new UnitAttentionSuite(), "aNewNexusReportsAResetUnitAttentionOnce",
                new ModeSenseSuite(), "changingABitThatIsNotChangeableIsRejectedWithoutEffect").entrySet()) {
            assertThat(run(e.getKey(), e.getValue(), honest.get())).isInstanceOf(CheckOutcome.Passed.class);
        }
        assertThat(run(new DeclarationsSuite(), "rejectedCdbsChangeNoObservableState", honest.get()))
                .isInstanceOf(CheckOutcome.Passed.class);
        assertThat(run(new DeclarationsSuite(), "unlistedOperationCodesAreRejectedWithInvalidCommandOperationCode",
                honest.get())).isInstanceOf(CheckOutcome.Passed.class);
    }

    @Test
    void aFieldPointerOneBitOffFailsTheUnusedBitLaw() {
        String details = failure(run(new DeclarationsSuite(), "everyUnusedBitIsRejectedWithAFieldPointerToThatBit",
                (request, lu) -> {
                    ScsiResponse r = lu.execute(request);
                    if (r.sense().isPresent() && r.sense().get().senseKeySpecific().orElse(null)
                            instanceof SenseKeySpecific.FieldPointer p && p.inCdb() && p.bitPointer().isPresent()) {
                        SenseData moved = r.sense().get().withSenseKeySpecific(SenseKeySpecific.FieldPointer.cdb(
                                p.fieldPointer(), (p.bitPointer().getAsInt() + 1) % 8));
                        return ScsiResponse.checkCondition(moved, r.senseFormat(), r.dataInResidual(),
                                r.dataOutResidual());
                    }
                    return r;
                }));
        assertThat(details).startsWith("violates SPC-4 6.35.3, 4.5.2.4.2: ")
                .contains("expected BPV=1 and BIT POINTER", "CDB: ", "status: CHECK CONDITION (02h)",
                        "Additional sense: 24h/00h INVALID FIELD IN CDB", "Sense key specific: field pointer: byte");
    }

    @Test
    void acceptingAReservedBitFailsTheUnusedBitLaw() {
        String details = failure(run(new DeclarationsSuite(), "everyUnusedBitIsRejectedWithAFieldPointerToThatBit",
                (request, lu) -> {
                    if (request.operationCode() == 0x12 && (request.cdb()[1] & 0x80) != 0) {
                        byte[] cdb = request.cdb().clone();
                        cdb[1] &= 0x7F; // ignores the reserved bit 7 of byte 1
                        return lu.execute(new ScsiRequest(request.nexus(), request.lun(), cdb,
                                request.taskAttribute(), request.tag(), request.dataOut(),
                                request.expectedDataInLength()));
                    }
                    return lu.execute(request);
                }));
        assertThat(details).contains("12h with byte 1 bit 7 set", "CDB: 12 80 00 00 00 00", "status: GOOD (00h)");
    }

    @Test
    void executingAnUnlistedOperationCodeFailsTheUnlistedLaw() {
        String details = failure(run(new DeclarationsSuite(),
                "unlistedOperationCodesAreRejectedWithInvalidCommandOperationCode",
                (request, lu) -> request.operationCode() == 0xC5 ? ScsiResponse.good() : lu.execute(request)));
        assertThat(details).contains("operation code C5h is not listed", "CDB: C5 00 00", "status: GOOD");
    }

    @Test
    void aTargetWithoutReportSupportedOperationCodesIsUnsupportedNotFailed() {
        BiFunction<ScsiRequest, LogicalUnit, ScsiResponse> noRsoc = (request, lu) -> request.operationCode() == 0xA3
                ? ScsiResponse.checkCondition(SenseData.invalidCommandOperationCode(),
                        io.github.scsiemu.sense.SenseFormat.FIXED, request.expectedDataInLength(), 0)
                : lu.execute(request);
        for (Check check : new DeclarationsSuite().checks()) {
            CheckOutcome outcome = check.run(OurTargets.single("no RSOC", new Tampered(OurTargets.plainDisk("SN1"),
                    noRsoc)), SETTINGS);
            assertThat(outcome).as(check.name()).isInstanceOf(CheckOutcome.Unsupported.class);
            assertThat(((CheckOutcome.Unsupported) outcome).reason()).contains("A3h/0Ch");
        }
        CheckOutcome inquiry = new InquirySuite().checks().get(0).run(OurTargets.single("no RSOC",
                new Tampered(OurTargets.plainDisk("SN1"), noRsoc)), SETTINGS);
        assertThat(inquiry).isInstanceOf(CheckOutcome.Passed.class);
    }

    @Test
    void aWrongResidualFailsTheAllocationLawWithSeedAndShrunkCounterexample() {
        String details = failure(run(new InquirySuite(), "standardInquiryDataIsTruncatedToTheAllocationLength",
                (request, lu) -> {
                    ScsiResponse r = lu.execute(request);
                    if (request.operationCode() != 0x12 || !r.isGood()) {
                        return r;
                    }
                    return new ScsiResponse(r.status(), r.dataIn(), r.sense(), r.senseFormat(), 0,
                            r.dataOutResidual(), false);
                }));
        assertThat(details).contains("seed=20260101", "replay with --seed 20260101",
                "shrunk counterexample: (0, 1)", "SAM-5 5.4.3: the data-in residual must be");
    }

    @Test
    void swallowingTheResetUnitAttentionFailsTheUnitAttentionCheck() {
        AtomicBoolean first = new AtomicBoolean(true);
        String details = failure(run(new UnitAttentionSuite(), "aNewNexusReportsAResetUnitAttentionOnce",
                (request, lu) -> {
                    ScsiResponse r = lu.execute(request);
                    if (first.getAndSet(false) && r.status() == Status.CHECK_CONDITION) {
                        return ScsiResponse.good();
                    }
                    return r;
                }));
        assertThat(details).startsWith("violates SAM-5 5.14, SPC-4 6.47: ").contains("first TEST UNIT READY",
                "CDB: 00 00 00 00 00 00", "status: GOOD");
    }

    @Test
    void aRejectedCommandThatChangesStateFailsWithAOneCommandSequence() {
        java.util.concurrent.atomic.AtomicInteger rejectedReportLuns = new java.util.concurrent.atomic.AtomicInteger();
        String details = failure(run(new DeclarationsSuite(), "rejectedCdbsChangeNoObservableState",
                (request, lu) -> {
                    ScsiResponse r = lu.execute(request);
                    if (request.operationCode() == 0xA0 && r.sense().filter(s -> s.additionalSense()
                            .equals(AdditionalSense.INVALID_FIELD_IN_CDB)).isPresent()) {
                        rejectedReportLuns.incrementAndGet(); // a rejected REPORT LUNS still counts as executed
                    }
                    if (request.operationCode() == 0x12 && request.cdb()[1] == 0 && r.isGood()) {
                        byte[] data = r.dataInBytes();
                        if (data.length > 8) {
                            data[8] = (byte) ('A' + rejectedReportLuns.get() % 26); // and shows in the INQUIRY data
                        }
                        return new ScsiResponse(r.status(), ByteBuffer.wrap(data), r.sense(), r.senseFormat(),
                                r.dataInResidual(), r.dataOutResidual(), false);
                    }
                    return r;
                }));
        String shrunk = details.lines().filter(l -> l.contains("shrunk counterexample")).findFirst().orElseThrow();
        assertThat(shrunk).contains("[A0h [A0");
        assertThat(shrunk.split("with byte", -1)).hasSize(2); // exactly one command
        assertThat(details).contains("INQUIRY: before GOOD", "seed=20260101");
    }

    @Test
    void aModeSelectThatIgnoresChangeabilityFailsTheChangeableLaw() {
        String details = failure(run(new ModeSenseSuite(), "changingABitThatIsNotChangeableIsRejectedWithoutEffect",
                (request, lu) -> request.operationCode() == 0x55 || request.operationCode() == 0x15
                        ? new ScsiResponse(Status.GOOD, ByteBuffer.allocate(0), java.util.Optional.empty(),
                                io.github.scsiemu.sense.SenseFormat.FIXED, 0, 0, false)
                        : lu.execute(request)));
        assertThat(details).contains("INVALID FIELD IN PARAMETER LIST", "which the changeable values mark as not "
                + "changeable", "status: GOOD", "seed=20260101");
    }

    @Test
    void aFieldPointerIntoAWholeByteFieldMustNameBitSeven() {
        Exchange e = new Exchange(OurTargets.twoDiskTarget().openSession().nexus(), io.github.scsiemu.api.Lun.of(0),
                new byte[] {0x12, 0, 1, 0, 0, 0}, 0, 0, ScsiResponse.checkCondition(
                        SenseData.invalidFieldInCdb(2, 3), io.github.scsiemu.sense.SenseFormat.FIXED, 0, 0));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Expect.invalidFieldInCdb(e, 2, OptionalInt.empty(),
                "INQUIRY")).isInstanceOf(ConformanceViolation.class).hasMessageContaining("must name bit 7");
    }
}
