package io.github.scsiemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.conformance.suites.MediumManagementSuite;
import io.github.scsiemu.conformance.suites.ThirdPartyCopySuite;
import io.github.scsiemu.conformance.suites.WriteVariantsSuite;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.sense.SenseKey;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Self-tests of the write-variant, medium management and third-party copy suites: our removable and write-protected
 * disks (and the thin disk) pass every check, a logical unit without the SBC commands is unsupported, and a disk
 * broken in one specific way fails the check of that clause.
 */
class MediumSuitesCanFailTest {

    private static final RunSettings SETTINGS = RunSettings.withSeed(20260304L);

    static Stream<Check> newChecks() {
        return Stream.of(new WriteVariantsSuite(), new MediumManagementSuite(), new ThirdPartyCopySuite())
                .flatMap(s -> s.checks().stream());
    }

    private static Check check(String name) {
        return newChecks().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static CheckOutcome run(String checkName, LogicalUnit disk,
            BiFunction<ScsiRequest, LogicalUnit, ScsiResponse> behaviour) {
        return check(checkName).run(OurTargets.single("broken disk", new Tampered(disk, behaviour)), SETTINGS);
    }

    private static String failure(CheckOutcome outcome) {
        assertThat(outcome).isInstanceOf(CheckOutcome.Failed.class);
        return ((CheckOutcome.Failed) outcome).details();
    }

    @ParameterizedTest
    @MethodSource("newChecks")
    void theRemovableAndTheWriteProtectedDisksPass(Check check) {
        CheckOutcome outcome = check.run(OurTargets.mediaTarget(), SETTINGS);
        assertThat(outcome).as(check.name() + ": " + outcome).isInstanceOf(CheckOutcome.Passed.class);
    }

    @ParameterizedTest
    @MethodSource("newChecks")
    void theThinDiskPassesOrHasNothingToShow(Check check) {
        CheckOutcome outcome = check.run(OurTargets.single("thin disk", OurTargets.sbcDisk("SN1")), SETTINGS);
        if (check.name().equals("aWriteProtectedUnitRejectsEveryCommandThatWritesWithDataProtect")) {
            assertThat(outcome).isInstanceOf(CheckOutcome.Unsupported.class);
        } else {
            assertThat(outcome).as(check.name() + ": " + outcome).isInstanceOf(CheckOutcome.Passed.class);
            assertThat(((CheckOutcome.Passed) outcome).notes()).noneMatch(n -> n.contains("does not qualify"));
        }
    }

    @ParameterizedTest
    @MethodSource("newChecks")
    void aLogicalUnitWithoutSbcCommandsIsUnsupported(Check check) {
        CheckOutcome outcome = check.run(OurTargets.single("bare SPC unit", OurTargets.plainDisk("SN2")), SETTINGS);
        assertThat(outcome).as(check.name()).isInstanceOf(CheckOutcome.Unsupported.class);
    }

    @Test
    void everyNewCheckIsRegistered() {
        List<String> names = Suites.all().stream().flatMap(s -> s.checks().stream()).map(Check::name).toList();
        assertThat(names).containsAll(newChecks().map(Check::name).toList());
    }

    // ---- broken disks ----

    private static ScsiResponse withData(ScsiResponse r, byte[] data) {
        return new ScsiResponse(r.status(), ByteBuffer.wrap(data), r.sense(), r.senseFormat(), r.dataInResidual(),
                r.dataOutResidual(), false);
    }

    private static ScsiRequest withCdb(ScsiRequest q, byte[] cdb) {
        return new ScsiRequest(q.nexus(), q.lun(), cdb, q.taskAttribute(), q.tag(), q.dataOut(),
                q.expectedDataInLength());
    }

    private static boolean is(ScsiResponse r, SenseKey key, AdditionalSense asc) {
        return r.status() == Status.CHECK_CONDITION && r.sense().orElseThrow().senseKey() == key
                && r.sense().orElseThrow().additionalSense().equals(asc);
    }

    private static LogicalUnit thin() {
        return OurTargets.sbcDisk("SN1");
    }

    @Test
    void anOrWriteThatOverwritesFails() {
        String details = failure(run("orWriteStoresTheBitwiseOrOfTheOldAndTheNewData", thin(), (q, lu) -> {
            if (q.operationCode() == 0x8B) {
                byte[] cdb = q.cdb().clone();
                cdb[0] = (byte) 0x8A;
                return lu.execute(withCdb(q, cdb));
            }
            return lu.execute(q);
        }));
        assertThat(details).startsWith("violates SBC-4 5.7 ORWRITE(16): ").contains("seed=20260304",
                "the OR of the old byte and the data-out byte");
    }

    @Test
    void anAtomicWriteAboveTheMaximumThatSucceedsFails() {
        String details = failure(run("writeAtomicWritesLikeWriteAndRejectsMoreThanTheMaximumAtomicTransferLength",
                thin(), (q, lu) -> q.operationCode() == 0x9C && (q.cdb()[13] & 0xFF) > 64 ? ScsiResponse.good()
                        : lu.execute(q)));
        assertThat(details).contains("WRITE ATOMIC(16) of 65 blocks exceeds the MAXIMUM ATOMIC TRANSFER LENGTH (64)",
                "status: GOOD");
    }

    @Test
    void aWriteAndVerifyThatWritesNothingFails() {
        String details = failure(run("writeAndVerifyWritesWhatAReadReturnsWithEitherByteCheck", thin(), (q, lu) ->
                q.operationCode() == 0x2E || q.operationCode() == 0xAE || q.operationCode() == 0x8E
                        ? ScsiResponse.good() : lu.execute(q)));
        assertThat(details).contains("a READ returns the data written", "shrunk counterexample");
    }

    @Test
    void aPreFetchBeyondTheMediumThatSucceedsFails() {
        String details = failure(run("preFetchIsGoodOrConditionMetAndRejectsBlocksBeyondTheMedium", thin(),
                (q, lu) -> {
                    ScsiResponse r = lu.execute(q);
                    return q.operationCode() == 0x34 && is(r, SenseKey.ILLEGAL_REQUEST,
                            AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE)
                                    ? ScsiResponse.status(Status.CONDITION_MET, 0, 0) : r;
                }));
        assertThat(details).contains("PRE-FETCH(10) of the block after the last LBA", "CONDITION MET");
    }

    @Test
    void anEjectThatIgnoresThePreventionFails() {
        String details = failure(run("mediumRemovalIsRefusedWhilePreventedAndAnEjectedMediumIsNotPresentUntilLoaded",
                OurTargets.removableDisk("SN3"), (q, lu) -> {
                    ScsiResponse r = lu.execute(q);
                    return is(r, SenseKey.ILLEGAL_REQUEST, AdditionalSense.MEDIUM_REMOVAL_PREVENTED)
                            ? ScsiResponse.good() : r;
                }));
        assertThat(details).startsWith("violates SBC-4 5.25 START STOP UNIT, 5.14 PREVENT ALLOW MEDIUM REMOVAL: ")
                .contains("while an I_T nexus prevents medium removal", "53h/02h");
    }

    @Test
    void aLoadWithoutUnitAttentionForTheOtherNexusFails() {
        String details = failure(run("mediumRemovalIsRefusedWhilePreventedAndAnEjectedMediumIsNotPresentUntilLoaded",
                OurTargets.removableDisk("SN3"), (q, lu) -> {
                    ScsiResponse r = lu.execute(q);
                    return q.operationCode() == 0x00 && is(r, SenseKey.UNIT_ATTENTION,
                            AdditionalSense.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED) ? lu.execute(q) : r;
                }));
        assertThat(details).contains("another I_T nexus is told that the medium may have changed");
    }

    @Test
    void loejAcceptedOnAFixedDiskFails() {
        String details = failure(run("mediumRemovalIsRefusedWhilePreventedAndAnEjectedMediumIsNotPresentUntilLoaded",
                thin(), (q, lu) -> q.operationCode() == 0x1B ? ScsiResponse.good() : lu.execute(q)));
        assertThat(details).contains("LOEJ=1 on a unit whose medium is not removable", "status: GOOD");
    }

    @Test
    void anOverwriteWithAnotherPatternFails() {
        String details = failure(run("sanitizeOverwritesEveryBlockWithThePatternAndBlockEraseLeavesNoPreviousData",
                thin(), (q, lu) -> {
                    if (q.operationCode() == 0x48 && (q.cdb()[1] & 0x1F) == 0x01) {
                        byte[] list = new byte[q.dataOut().remaining()];
                        q.dataOut().duplicate().get(list);
                        list[list.length - 1] ^= 1;
                        return lu.execute(new ScsiRequest(q.nexus(), q.lun(), q.cdb(), q.taskAttribute(), q.tag(),
                                ByteBuffer.wrap(list), q.expectedDataInLength()));
                    }
                    return lu.execute(q);
                }));
        assertThat(details).contains("every block holds the pattern");
    }

    @Test
    void aBlockEraseThatErasesNothingFails() {
        String details = failure(run("sanitizeOverwritesEveryBlockWithThePatternAndBlockEraseLeavesNoPreviousData",
                thin(), (q, lu) -> q.operationCode() == 0x48 && (q.cdb()[1] & 0x1F) == 0x02 ? ScsiResponse.good()
                        : lu.execute(q)));
        assertThat(details).contains("after SANITIZE BLOCK ERASE block 0 still holds its previous data");
    }

    @Test
    void aSanitizeInProgressWithoutProgressIndicationFails() {
        AtomicBoolean sanitized = new AtomicBoolean();
        String details = failure(run("sanitizeOverwritesEveryBlockWithThePatternAndBlockEraseLeavesNoPreviousData",
                thin(), (q, lu) -> {
                    if (q.operationCode() == 0x48) {
                        sanitized.set(true);
                    } else if (q.operationCode() == 0x00 && sanitized.getAndSet(false)) {
                        return ScsiResponse.checkCondition(SenseData.of(SenseKey.NOT_READY,
                                AdditionalSense.LOGICAL_UNIT_NOT_READY_SANITIZE_IN_PROGRESS), SenseFormat.FIXED, 0, 0);
                    }
                    return lu.execute(q);
                }));
        assertThat(details).contains("SKSV=1 with a PROGRESS INDICATION");
    }

    @Test
    void aDefectListLengthBeyondTheDataFails() {
        String details = failure(run("readDefectDataHeadersAreConsistentAndTruncatedAtTheAllocationLength", thin(),
                (q, lu) -> {
                    ScsiResponse r = lu.execute(q);
                    if (q.operationCode() == 0x37 && r.isGood() && r.dataIn().remaining() >= 4) {
                        byte[] d = r.dataInBytes();
                        d[3] = 8;
                        return withData(r, d);
                    }
                    return r;
                }));
        assertThat(details).startsWith("violates SBC-4 5.19-5.20").contains("READ DEFECT DATA(10)",
                "DEFECT LIST LENGTH bytes of descriptors");
    }

    @Test
    void aDefectListFormatNotEchoedFails() {
        String details = failure(run("readDefectDataHeadersAreConsistentAndTruncatedAtTheAllocationLength", thin(),
                (q, lu) -> {
                    ScsiResponse r = lu.execute(q);
                    if (q.operationCode() == 0xB7 && r.isGood() && r.dataIn().remaining() >= 2) {
                        byte[] d = r.dataInBytes();
                        d[1] = (byte) (d[1] & ~7);
                        return withData(r, d);
                    }
                    return r;
                }));
        assertThat(details).contains("READ DEFECT DATA(12)", "the DEFECT LIST FORMAT is the requested one");
    }

    @Test
    void aWriteThatIgnoresTheWriteProtectionFails() {
        String details = failure(run("aWriteProtectedUnitRejectsEveryCommandThatWritesWithDataProtect",
                OurTargets.readOnlyDisk("SN4"), (q, lu) -> q.operationCode() == 0x2A ? ScsiResponse.good()
                        : lu.execute(q)));
        assertThat(details).contains("WRITE(10) on a write-protected medium ends with DATA PROTECT", "status: GOOD");
    }

    @Test
    void anExtendedCopyThatCopiesOneBlockTooFewFails() {
        String details = failure(run("extendedCopyOfABlockRangeWithinTheUnitCopiesItAndCopyStatusReportsCompletion",
                thin(), (q, lu) -> {
                    if (q.operationCode() == 0x83 && q.dataOut().remaining() == 76) {
                        byte[] list = new byte[76];
                        q.dataOut().duplicate().get(list);
                        list[16 + 32 + 11]--; // NUMBER OF BLOCKS of the segment, one short
                        return lu.execute(new ScsiRequest(q.nexus(), q.lun(), q.cdb(), q.taskAttribute(), q.tag(),
                                ByteBuffer.wrap(list), q.expectedDataInLength()));
                    }
                    return lu.execute(q);
                }));
        assertThat(details).contains("the destination holds the source blocks", "seed=20260304");
    }

    @Test
    void aCopyStatusOfCompletedWithErrorsFails() {
        String details = failure(run("extendedCopyOfABlockRangeWithinTheUnitCopiesItAndCopyStatusReportsCompletion",
                thin(), (q, lu) -> {
                    ScsiResponse r = lu.execute(q);
                    if (q.operationCode() == 0x84 && (q.cdb()[1] & 0x1F) == 0x00 && r.isGood()) {
                        byte[] d = r.dataInBytes();
                        d[4] = 0x02;
                        return withData(r, d);
                    }
                    return r;
                }));
        assertThat(details).contains("COPY MANAGER STATUS is 01h", "not 02h");
    }

    @Test
    void aCopyToAnUnknownUnitThatSucceedsFails() {
        String details = failure(run("anExtendedCopyNamingAnUnknownLogicalUnitIsAbortedAsUnreachable", thin(),
                (q, lu) -> {
                    ScsiResponse r = lu.execute(q);
                    return is(r, SenseKey.COPY_ABORTED, AdditionalSense.COPY_TARGET_DEVICE_NOT_REACHABLE)
                            ? ScsiResponse.good() : r;
                }));
        assertThat(details).startsWith("violates SPC-4 6.4 EXTENDED COPY (LID1): ").contains("cannot reach",
                "status: GOOD");
    }
}
