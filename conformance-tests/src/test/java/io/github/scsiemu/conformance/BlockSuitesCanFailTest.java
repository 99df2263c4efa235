package io.github.scsiemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.conformance.suites.BlockDeviceSuite;
import io.github.scsiemu.conformance.suites.LogicalBlockProvisioningSuite;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Self-tests of the block suites: our thin disk passes every check (and each check really exercises the commands),
 * a disk broken in one specific way fails the check of that clause, and a logical unit without the SBC commands is
 * unsupported rather than failed.
 */
class BlockSuitesCanFailTest {

    private static final RunSettings SETTINGS = RunSettings.withSeed(20260303L);

    private static Check check(String name) {
        return Stream.concat(new BlockDeviceSuite().checks().stream(),
                new LogicalBlockProvisioningSuite().checks().stream()).filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static CheckOutcome run(String checkName, BiFunction<ScsiRequest, LogicalUnit, ScsiResponse> behaviour) {
        return check(checkName).run(OurTargets.single("broken disk",
                new Tampered(OurTargets.sbcDisk("SN1"), behaviour)), SETTINGS);
    }

    private static String failure(CheckOutcome outcome) {
        assertThat(outcome).isInstanceOf(CheckOutcome.Failed.class);
        return ((CheckOutcome.Failed) outcome).details();
    }

    static Stream<Check> blockChecks() {
        return Stream.concat(new BlockDeviceSuite().checks().stream(),
                new LogicalBlockProvisioningSuite().checks().stream());
    }

    @ParameterizedTest
    @MethodSource("blockChecks")
    void theThinDiskPassesAndEveryCheckExercisesIt(Check check) {
        CheckOutcome outcome = check.run(OurTargets.single("thin disk", OurTargets.sbcDisk("SN1")), SETTINGS);
        assertThat(outcome).as(check.name() + ": " + outcome).isInstanceOf(CheckOutcome.Passed.class);
        assertThat(((CheckOutcome.Passed) outcome).notes()).noneMatch(n -> n.contains("lists no")
                || n.contains("does not list") || n.contains("no logical block provisioning"));
    }

    @ParameterizedTest
    @MethodSource("blockChecks")
    void aLogicalUnitWithoutSbcCommandsIsUnsupported(Check check) {
        CheckOutcome outcome = check.run(OurTargets.single("bare SPC unit", OurTargets.plainDisk("SN2")), SETTINGS);
        assertThat(outcome).as(check.name()).isInstanceOf(CheckOutcome.Unsupported.class);
    }

    @Test
    void theTwoUnitTargetTestsTheDiskAndNotesTheBareUnit() {
        CheckOutcome outcome = check("aReadReturnsWhatTheLastWriteWrote").run(OurTargets.twoDiskTarget(), SETTINGS);
        assertThat(outcome).isInstanceOf(CheckOutcome.Passed.class);
        assertThat(((CheckOutcome.Passed) outcome).notes()).anyMatch(n -> n.contains("LUN 1")
                || n.contains("does not list") || n.contains("neither READ CAPACITY"));
    }

    // ---- broken disks ----

    private static ScsiResponse withData(ScsiResponse r, byte[] data) {
        return new ScsiResponse(r.status(), ByteBuffer.wrap(data), r.sense(), r.senseFormat(), r.dataInResidual(),
                r.dataOutResidual(), false);
    }

    private static ScsiResponse withCdb(ScsiRequest q, LogicalUnit lu, byte[] cdb) {
        return lu.execute(new ScsiRequest(q.nexus(), q.lun(), cdb, q.taskAttribute(), q.tag(), q.dataOut(),
                q.expectedDataInLength()));
    }

    private static ScsiResponse withDataOut(ScsiRequest q, LogicalUnit lu, byte[] dataOut) {
        return lu.execute(new ScsiRequest(q.nexus(), q.lun(), q.cdb(), q.taskAttribute(), q.tag(),
                ByteBuffer.wrap(dataOut), q.expectedDataInLength()));
    }

    private static byte[] dataOut(ScsiRequest q) {
        byte[] b = new byte[q.dataOut().remaining()];
        q.dataOut().duplicate().get(b);
        return b;
    }

    private static boolean is(ScsiResponse r, AdditionalSense asc) {
        return r.status() == Status.CHECK_CONDITION && r.sense().orElseThrow().additionalSense().equals(asc);
    }

    @Test
    void aReadCapacity10OneBlockTooLargeFails() {
        String details = failure(run("readCapacity10And16Agree", (q, lu) -> {
            ScsiResponse r = lu.execute(q);
            if (q.operationCode() == 0x25 && r.isGood()) {
                byte[] d = r.dataInBytes();
                d[3]++;
                return withData(r, d);
            }
            return r;
        }));
        assertThat(details).startsWith("violates SBC-4 5.20, 5.21: ").contains("RETURNED LOGICAL BLOCK ADDRESS",
                "CDB: 25 00");
    }

    @Test
    void aWriteBeyondTheLastLbaThatSucceedsFails() {
        String details = failure(run("logicalBlockAddressesOutsideTheMediumAreRejected", (q, lu) -> {
            ScsiResponse r = lu.execute(q);
            return q.operationCode() == 0x8A && is(r, AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE)
                    ? ScsiResponse.good() : r;
        }));
        assertThat(details).contains("WRITE(16) LBA 2048 length 1", "21h/00h", "status: GOOD");
    }

    @Test
    void anLbaThatWrapsAroundTheTopOfTheFieldFails() {
        String details = failure(run("logicalBlockAddressesOutsideTheMediumAreRejected", (q, lu) -> {
            if (q.operationCode() == 0x88 && q.cdb()[2] == (byte) 0xFF) {
                byte[] cdb = q.cdb().clone();
                java.util.Arrays.fill(cdb, 2, 10, (byte) 0); // the LBA wraps to 0
                return withCdb(q, lu, cdb);
            }
            return lu.execute(q);
        }));
        assertThat(details).contains("READ(16) LBA 18446744073709551615 length 2", "status: GOOD");
    }

    @Test
    void aWrite12ThatCorruptsOneByteFailsTheReadAfterWriteLawWithASeed() {
        String details = failure(run("aReadReturnsWhatTheLastWriteWrote", (q, lu) -> {
            if (q.operationCode() == 0xAA && q.dataOut().remaining() > 0) {
                byte[] data = dataOut(q);
                data[data.length - 1] ^= 1;
                return withDataOut(q, lu, data);
            }
            return lu.execute(q);
        }));
        assertThat(details).contains("seed=20260303", "shrunk counterexample: [WRITE(12)", "must hold what the last "
                + "writes wrote");
    }

    @Test
    void aVerifyThatNeverMiscomparesFails() {
        String details = failure(run("verifyWithByteCheckOfWhatWasWrittenIsGoodAndADifferenceIsAMiscompare",
                (q, lu) -> {
                    ScsiResponse r = lu.execute(q);
                    return is(r, AdditionalSense.MISCOMPARE_DURING_VERIFY_OPERATION) ? ScsiResponse.good() : r;
                }));
        assertThat(details).contains("with BYTCHK=01b and data differing at byte", "MISCOMPARE", "status: GOOD");
    }

    @Test
    void aMiscompareOffsetOffByOneFails() {
        String details = failure(run("compareAndWriteWritesOnlyWhenTheVerifyInstanceMatches", (q, lu) -> {
            ScsiResponse r = lu.execute(q);
            if (is(r, AdditionalSense.MISCOMPARE_DURING_VERIFY_OPERATION)) {
                SenseData s = r.sense().orElseThrow();
                return ScsiResponse.checkCondition(s.withInformation(s.information().orElse(0) + 1), r.senseFormat(),
                        r.dataInResidual(), r.dataOutResidual());
            }
            return r;
        }));
        assertThat(details).startsWith("violates SBC-4 5.3: ").contains("VALID=1 with INFORMATION = ");
    }

    @Test
    void aCompareAndWriteThatWritesDespiteAMiscompareFails() {
        String details = failure(run("compareAndWriteWritesOnlyWhenTheVerifyInstanceMatches", (q, lu) -> {
            ScsiResponse r = lu.execute(q);
            if (q.operationCode() == 0x89 && is(r, AdditionalSense.MISCOMPARE_DURING_VERIFY_OPERATION)) {
                byte[] both = dataOut(q);
                byte[] cdb = new byte[16];
                cdb[0] = (byte) 0x8A;
                System.arraycopy(q.cdb(), 2, cdb, 2, 8);
                cdb[13] = q.cdb()[13];
                lu.execute(new ScsiRequest(q.nexus(), q.lun(), cdb, q.taskAttribute(), q.tag() + 100_000,
                        ByteBuffer.wrap(both, both.length / 2, both.length / 2), 0));
            }
            return r;
        }));
        assertThat(details).contains("a COMPARE AND WRITE that miscompares must write nothing");
    }

    @Test
    void aSynchronizeCacheThatRejectsTheWholeMediumFails() {
        String details = failure(run("synchronizeCacheOfTheWholeMediumIsGood", (q, lu) -> q.operationCode() == 0x91
                ? ScsiResponse.checkCondition(SenseData.of(SenseKey.ILLEGAL_REQUEST,
                        AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE), SenseFormat.FIXED, 0, 0)
                : lu.execute(q)));
        assertThat(details).startsWith("violates SBC-4 5.32, 5.33: ").contains("SYNCHRONIZE CACHE(16)",
                "expected GOOD");
    }

    @Test
    void aFieldPointerAwayFromTheTransferLengthFails() {
        String details = failure(run("transfersBeyondTheBlockLimitsAreRejectedAtTheLengthField", (q, lu) -> {
            ScsiResponse r = lu.execute(q);
            if (q.operationCode() == 0xA8 && is(r, AdditionalSense.INVALID_FIELD_IN_CDB)) {
                return ScsiResponse.checkCondition(r.sense().orElseThrow().withSenseKeySpecific(
                        SenseKeySpecific.FieldPointer.cdb(2, 7)), r.senseFormat(), r.dataInResidual(),
                        r.dataOutResidual());
            }
            return r;
        }));
        assertThat(details).startsWith("violates SBC-4 6.6.4: ").contains("READ(12) of 129 blocks exceeds the "
                + "MAXIMUM TRANSFER LENGTH (128)", "FIELD POINTER byte 6");
    }

    @Test
    void aTransferBeyondTheLimitThatSucceedsFails() {
        String details = failure(run("transfersBeyondTheBlockLimitsAreRejectedAtTheLengthField", (q, lu) -> {
            if (q.operationCode() == 0x89 && (q.cdb()[13] & 0xFF) == 17) {
                return ScsiResponse.good();
            }
            return lu.execute(q);
        }));
        assertThat(details).contains("COMPARE AND WRITE of 17 blocks exceeds the MAXIMUM COMPARE AND WRITE "
                + "LENGTH (16)");
    }

    @Test
    void aFormatUnitThatDoesNothingFails() {
        String details = failure(run("formatUnitLeavesTheMediumReadingTheInitializationPattern", (q, lu) ->
                q.operationCode() == 0x04 ? ScsiResponse.good() : lu.execute(q)));
        assertThat(details).startsWith("violates SBC-4 5.4: ").contains("every block reads zeros");
    }

    @Test
    void aWriteSameThatMissesItsLastBlockFails() {
        String details = failure(run("writeSameThenReadReturnsTheBlockInEveryBlockOfTheRange", (q, lu) -> {
            if (q.operationCode() == 0x41 && q.cdb()[8] > 1) {
                byte[] cdb = q.cdb().clone();
                cdb[8]--;
                return withCdb(q, lu, cdb);
            }
            return lu.execute(q);
        }));
        assertThat(details).contains("seed=20260303", "WriteSame[layout=WRITE SAME(10)", "every block of the range");
    }

    @Test
    void anUnmapThatDeallocatesNothingFails() {
        String details = failure(run("unmappedBlocksAreReportedDeallocatedOrAnchoredAndReadAsZerosWithLbprz",
                (q, lu) -> q.operationCode() == 0x42 ? ScsiResponse.good() : lu.execute(q)));
        assertThat(details).contains("after UNMAP of Range", "PROVISIONING STATUS 0");
    }

    @Test
    void aFirstLbaStatusDescriptorOneBlockLateFails() {
        String details = failure(run("getLbaStatusStartsAtTheRequestedLbaWithContiguousTruthfulDescriptors",
                (q, lu) -> {
                    ScsiResponse r = lu.execute(q);
                    if (q.operationCode() == 0x9E && (q.cdb()[1] & 0x1F) == 0x12 && r.isGood()) {
                        byte[] d = r.dataInBytes();
                        d[15]++;
                        return withData(r, d);
                    }
                    return r;
                }));
        assertThat(details).contains("descriptor 0 must start at LBA", "(the STARTING LOGICAL BLOCK ADDRESS)");
    }

    @Test
    void lbaStatusThatCallsEverythingMappedFails() {
        String details = failure(run("getLbaStatusStartsAtTheRequestedLbaWithContiguousTruthfulDescriptors",
                (q, lu) -> {
                    ScsiResponse r = lu.execute(q);
                    if (q.operationCode() == 0x9E && (q.cdb()[1] & 0x1F) == 0x12 && r.isGood()) {
                        byte[] d = r.dataInBytes();
                        for (int i = 8 + 12; i < d.length; i += 16) {
                            d[i] = 0;
                        }
                        return withData(r, d);
                    }
                    return r;
                }));
        assertThat(details).contains("was last unmapped (deallocated or anchored)", "shrunk counterexample");
    }

    @Test
    void anUnmapBeyondTheMediumThatSucceedsFails() {
        String details = failure(run("unmapOfBlocksOutsideTheMediumIsRejected", (q, lu) -> {
            ScsiResponse r = lu.execute(q);
            return q.operationCode() == 0x42 && is(r, AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE)
                    ? ScsiResponse.good() : r;
        }));
        assertThat(details).contains("UNMAP of LBA 2047 + 2 blocks, beyond the last LBA 2047", "status: GOOD");
    }

    @Test
    void everyBlockCheckIsRegistered() {
        List<String> names = Suites.all().stream().flatMap(s -> s.checks().stream()).map(Check::name).toList();
        assertThat(names).containsAll(blockChecks().map(Check::name).toList());
    }
}
