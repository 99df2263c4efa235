package io.github.scsiemu.sbc;

import static io.github.scsiemu.sbc.XcopyLists.cscd;
import static io.github.scsiemu.sbc.XcopyLists.cscds;
import static io.github.scsiemu.sbc.XcopyLists.extendedCopy;
import static io.github.scsiemu.sbc.XcopyLists.list;
import static io.github.scsiemu.sbc.XcopyLists.receiveCopyResults;
import static io.github.scsiemu.sbc.XcopyLists.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.TaskAttribute;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sbc.copy.CopyDomain;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExtendedCopyTest {

    private static final int BS = 512;
    private static final int HOLD = 0b00;
    private static final int NO_LIST_ID = 0b11;

    private final CopyDomain domain = new CopyDomain();
    private final Disk a = disk("A", 8192, 512, false);
    private final Disk b = disk("B", 8192, 512, false);
    private final Initiator ia = Initiator.connect(a.logicalUnit(), "a");
    private final AtomicLong tags = new AtomicLong(1000);

    private Disk disk(String serial, long capacity, int blockSize, boolean readOnly) {
        return Disk.builder(DiskConfig.builder(capacity, blockSize).serialNumber(serial).readOnly(readOnly).build())
                .copyDomain(domain).build();
    }

    private static byte[] pattern(int blocks, int seed) {
        byte[] p = new byte[blocks * BS];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (seed + i * 31 + i / BS);
        }
        return p;
    }

    private static ScsiResponse xcopy(Initiator i, byte[] parameterList) {
        return i.send(extendedCopy(parameterList.length), parameterList);
    }

    private static void assertGood(ScsiResponse r) {
        assertThat(r.status()).as("%s", r.sense()).isEqualTo(Status.GOOD);
    }

    private static void assertSense(ScsiResponse r, SenseData expected) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense().orElseThrow()).isEqualTo(expected);
    }

    private static SenseData illegal(AdditionalSense asc, int fieldPointer) {
        return SenseData.of(SenseKey.ILLEGAL_REQUEST, asc)
                .withSenseKeySpecific(SenseKeySpecific.FieldPointer.parameter(fieldPointer, 7));
    }

    private static SenseData copyAborted(AdditionalSense asc, int segment, boolean sd, int field) {
        return SenseData.of(SenseKey.COPY_ABORTED, asc).withCommandSpecificInformation(segment)
                .withSenseKeySpecific(new SenseKeySpecific.SegmentPointer(sd, field, OptionalInt.of(7)));
    }

    private static final SenseData PARAMETER_LIST_LENGTH_ERROR =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);

    private byte[] copyStatus(Initiator i, int listId) {
        ScsiResponse r = i.send(receiveCopyResults(0x00, listId, 255), 255);
        assertGood(r);
        return r.dataInBytes();
    }

    // ---- copies ----

    @Test
    void copiesWithinOneDisk() {
        byte[] data = pattern(10, 1);
        ia.write(0, data, BS);
        assertGood(xcopy(ia, list(1, HOLD, cscds(cscd(a)), segment(0, 0, 10, 0, 100))));
        assertThat(ia.read(100, 10, BS)).isEqualTo(data);
        assertThat(copyStatus(ia, 1)).containsExactly(0, 0, 0, 8, 0x01, 0, 1, 0x00, 0, 0, (10 * BS) >> 8, 0);
    }

    @Test
    void copiesBetweenTwoDisksOfTheDomainInBothDirections() {
        byte[] data = pattern(40, 7);
        ia.write(16, data, BS);
        // pushed: sent to the source
        assertGood(xcopy(ia, list(1, HOLD, cscds(cscd(a), cscd(b)), segment(0, 1, 40, 16, 4000))));
        Initiator ib = Initiator.connect(b.logicalUnit(), "b");
        assertThat(ib.read(4000, 40, BS)).isEqualTo(data);
        // pulled: sent to the destination, CSCD order reversed
        byte[] other = pattern(8, 99);
        ib.write(0, other, BS);
        assertGood(xcopy(ia, list(2, HOLD, cscds(cscd(b), cscd(a)), segment(0, 1, 8, 0, 500))));
        assertThat(ia.read(500, 8, BS)).isEqualTo(other);
        assertThat(a.copyDomain()).isSameAs(domain).isSameAs(b.copyDomain());
    }

    @Test
    void copiesSeveralSegmentsInOrderWithDestinationCount() {
        byte[] data = pattern(6, 3);
        ia.write(0, data, BS);
        byte[] second = segment(0, 0, 3, 3, 203);
        second[1] = 0x02; // DC: NUMBER OF BLOCKS counts destination blocks (same length here)
        assertGood(xcopy(ia, list(1, HOLD, cscds(cscd(a)), segment(0, 0, 3, 0, 200), second)));
        assertThat(ia.read(200, 6, BS)).isEqualTo(data);
        assertThat(copyStatus(ia, 1)).containsExactly(0, 0, 0, 8, 0x01, 0, 2, 0x00, 0, 0, 0x0C, 0);
    }

    @Test
    void overlappingRangesCopyAsIfTheSourceWereReadFirst() {
        int blocks = 3000; // more than one 1 MiB chunk
        byte[] data = pattern(blocks, 5);
        ia.write(0, data, BS);
        assertGood(xcopy(ia, list(1, HOLD, cscds(cscd(a)), segment(0, 0, blocks, 0, 1000)))); // upwards
        assertThat(ia.read(1000, blocks, BS)).isEqualTo(data);
        assertThat(ia.read(0, 1000, BS)).isEqualTo(Arrays.copyOf(data, 1000 * BS));
        assertGood(xcopy(ia, list(2, HOLD, cscds(cscd(a)), segment(0, 0, blocks, 1000, 500)))); // downwards
        assertThat(ia.read(500, blocks, BS)).isEqualTo(data);
    }

    @Test
    void copiesWhatLibiscsiSimpleCopies() {
        int blocks = 20480;
        Disk big = disk("BIG", 65536, 4096, false);
        Initiator i = Initiator.connect(big.logicalUnit(), "big");
        byte[] data = new byte[blocks * 4096];
        Arrays.fill(data, (byte) 'a');
        i.write(0, data, 4096);
        assertGood(xcopy(i, list(1, 0b10, cscds(cscd(big)), segment(0, 0, blocks, 0, 65536 - blocks))));
        assertThat(i.read(65536 - blocks, blocks, 4096)).isEqualTo(data);
    }

    @Test
    void zeroParameterListLengthCopiesNothing() {
        assertGood(ia.send(extendedCopy(0), new byte[0]));
    }

    // ---- parameter list errors ----

    @Test
    void truncatedHeaderIsAParameterListLengthError() {
        assertSense(ia.send(extendedCopy(10), new byte[10]), PARAMETER_LIST_LENGTH_ERROR);
    }

    @Test
    void descriptorsCutByTheParameterListLengthAreAParameterListLengthError() {
        byte[] full = list(1, HOLD, cscds(cscd(a)), segment(0, 0, 1, 0, 1));
        byte[] cutCscd = Arrays.copyOf(full, 16 + 31);
        assertSense(ia.send(extendedCopy(cutCscd.length), cutCscd), PARAMETER_LIST_LENGTH_ERROR);
        byte[] cutSegment = Arrays.copyOf(full, full.length - 1);
        assertSense(ia.send(extendedCopy(cutSegment.length), cutSegment), PARAMETER_LIST_LENGTH_ERROR);
    }

    @Test
    void reservedListIdUsageIsAnInvalidField() {
        assertSense(xcopy(ia, list(1, 0b01, cscds(cscd(a)), segment(0, 0, 1, 0, 1))),
                SenseData.invalidFieldInParameterList(1, 4));
    }

    @Test
    void descriptorListLongerThanTheMaximumIsAParameterListLengthError() {
        byte[][] many = new byte[17][];
        Arrays.fill(many, cscd(a));
        byte[][] segments = new byte[65][];
        Arrays.fill(segments, segment(0, 0, 1, 0, 1));
        assertSense(xcopy(ia, list(1, HOLD, many, segments)), PARAMETER_LIST_LENGTH_ERROR);
    }

    @Test
    void inlineDataIsNotSupported() {
        byte[] l = list(1, HOLD, cscds(cscd(a)), segment(0, 0, 1, 0, 1));
        byte[] withInline = Arrays.copyOf(l, l.length + 4);
        ByteBuffer.wrap(withInline).putInt(12, 4);
        assertSense(xcopy(ia, withInline), SenseData.invalidFieldInParameterList(12, 7));
    }

    @Test
    void tooManyCscdDescriptors() {
        byte[][] many = new byte[17][];
        Arrays.fill(many, cscd(a));
        assertSense(xcopy(ia, list(1, HOLD, many, segment(0, 0, 1, 0, 1))),
                illegal(AdditionalSense.TOO_MANY_TARGET_DESCRIPTORS, 2));
    }

    @Test
    void cscdListLengthNotAMultipleOf32IsAnInvalidField() {
        byte[] l = list(1, HOLD, cscds(cscd(a), new byte[4]));
        assertSense(xcopy(ia, l), SenseData.invalidFieldInParameterList(2, 7));
    }

    @Test
    void unsupportedCscdDescriptorTypeCode() {
        byte[] fibreChannel = cscd(a);
        fibreChannel[0] = (byte) 0xE0;
        assertSense(xcopy(ia, list(1, HOLD, cscds(cscd(a), fibreChannel), segment(0, 0, 1, 0, 1))),
                illegal(AdditionalSense.UNSUPPORTED_TARGET_DESCRIPTOR_TYPE_CODE, 48));
    }

    @Test
    void cscdOfAnotherDeviceTypeIsAnInvalidField() {
        byte[] tape = cscd(a);
        tape[1] = 0x01;
        assertSense(xcopy(ia, list(1, HOLD, cscds(tape), segment(0, 0, 1, 0, 1))),
                SenseData.invalidFieldInParameterList(17, 4));
    }

    @Test
    void obsoleteLuIdTypeIsIgnored() {
        byte[] d = cscd(a);
        d[1] = (byte) 0xC0; // LU ID TYPE 11b, reserved in SPC-3, obsolete in SPC-4
        assertGood(xcopy(ia, list(1, HOLD, cscds(d), segment(0, 0, 1, 0, 1))));
    }

    @Test
    void tooManySegmentDescriptors() {
        byte[][] segments = new byte[65][];
        Arrays.fill(segments, segment(0, 0, 1, 0, 1));
        assertSense(xcopy(ia, list(1, HOLD, cscds(cscd(a)), segments)),
                illegal(AdditionalSense.TOO_MANY_SEGMENT_DESCRIPTORS, 8));
    }

    @Test
    void unsupportedSegmentDescriptorTypeCode() {
        byte[] streamToStream = segment(0, 0, 1, 0, 1);
        streamToStream[0] = 0x03;
        assertSense(xcopy(ia, list(1, HOLD, cscds(cscd(a)), segment(0, 0, 1, 0, 1), streamToStream)),
                illegal(AdditionalSense.UNSUPPORTED_SEGMENT_DESCRIPTOR_TYPE_CODE, 16 + 32 + 28));
    }

    @Test
    void wrongSegmentDescriptorLengthIsAnInvalidField() {
        byte[] s = segment(0, 0, 1, 0, 1);
        s[3] = 0x14;
        byte[] l = list(1, HOLD, cscds(cscd(a)), s);
        assertSense(xcopy(ia, Arrays.copyOf(l, l.length)), SenseData.invalidFieldInParameterList(16 + 32 + 2, 7));
    }

    @Test
    void lid4ServiceActionIsAnInvalidFieldInTheCdb() {
        byte[] cdb = extendedCopy(0);
        cdb[1] = 0x01;
        assertSense(ia.send(cdb, new byte[0]), SenseData.invalidFieldInCdb(1, 4));
    }

    // ---- errors while processing segments ----

    @Test
    void cscdIndexBeyondTheListIsCopyAborted() {
        assertSense(xcopy(ia, list(1, HOLD, cscds(cscd(a)), segment(0, 1, 1, 0, 1))),
                copyAborted(AdditionalSense.COPY_TARGET_DEVICE_NOT_REACHABLE, 0, true, 6));
        assertSense(xcopy(ia, list(1, HOLD, cscds(cscd(a)), segment(0, 0, 1, 0, 1), segment(2, 0, 1, 0, 1))),
                copyAborted(AdditionalSense.COPY_TARGET_DEVICE_NOT_REACHABLE, 1, true, 4));
    }

    @Test
    void unknownDesignatorIsCopyTargetDeviceNotReachable() {
        byte[] stranger = Disk.builder(DiskConfig.builder(16, BS).serialNumber("STRANGER").build()).build()
                .config().identity().naaRegisteredExtended();
        assertSense(xcopy(ia, list(1, HOLD, cscds(cscd(a), cscd(stranger, BS)), segment(0, 1, 1, 0, 1))),
                copyAborted(AdditionalSense.COPY_TARGET_DEVICE_NOT_REACHABLE, 0, false, 16 + 32 + 8));
        assertThat(ia.read(1, 1, BS)).isEqualTo(new byte[BS]);
    }

    @Test
    void diskOfAnotherDomainIsNotReachable() {
        Disk alone = Disk.builder(DiskConfig.builder(64, BS).serialNumber("ALONE").build()).build();
        Initiator i = Initiator.connect(alone.logicalUnit(), "alone");
        assertSense(xcopy(i, list(1, HOLD, cscds(cscd(alone), cscd(a)), segment(0, 1, 1, 0, 1))),
                copyAborted(AdditionalSense.COPY_TARGET_DEVICE_NOT_REACHABLE, 0, false, 16 + 32 + 8));
        assertGood(xcopy(i, list(1, HOLD, cscds(cscd(alone)), segment(0, 0, 1, 0, 1))));
    }

    @Test
    void blockLengthOtherThanTheDisksIsAnInvalidField() {
        assertSense(xcopy(ia, list(1, HOLD, cscds(cscd(a.config().identity().naaRegisteredExtended(), 4096)),
                segment(0, 0, 1, 0, 1))), SenseData.invalidFieldInParameterList(16 + 29, 7));
    }

    @Test
    void segmentLongerThanTheMaximumSegmentLengthIsAnInvalidField() {
        Disk big = disk("BIG4K", 1 << 16, 4096, false);
        Initiator i = Initiator.connect(big.logicalUnit(), "big");
        assertSense(xcopy(i, list(1, HOLD, cscds(cscd(big)), segment(0, 0, 32769, 0, 32767))),
                SenseData.invalidFieldInParameterList(16 + 32 + 10, 7));
        assertGood(xcopy(i, list(1, HOLD, cscds(cscd(big)), segment(0, 0, 32768, 0, 32768))));
    }

    @Test
    void blocksBeyondTheEndOfEitherSideAreCopyAbortedAtThatLba() {
        assertSense(xcopy(ia, list(1, HOLD, cscds(cscd(a)), segment(0, 0, 2048, 0, 8192 - 1))),
                copyAborted(AdditionalSense.NO_ADDITIONAL_SENSE_INFORMATION, 0, true, 20));
        assertSense(xcopy(ia, list(1, HOLD, cscds(cscd(a)), segment(0, 0, 2, 8191, 0))),
                copyAborted(AdditionalSense.NO_ADDITIONAL_SENSE_INFORMATION, 0, true, 12));
    }

    @Test
    void writeProtectedDestinationIsDataProtect() {
        Disk locked = disk("LOCKED", 64, BS, true);
        assertSense(xcopy(ia, list(1, HOLD, cscds(cscd(a), cscd(locked)), segment(0, 1, 1, 0, 0))),
                SenseData.of(SenseKey.DATA_PROTECT, AdditionalSense.WRITE_PROTECTED));
        // a write-protected disk may still be the source
        assertGood(xcopy(ia, list(2, HOLD, cscds(cscd(locked), cscd(a)), segment(0, 1, 1, 0, 0))));
    }

    @Test
    void softwareWriteProtectedDestinationIsDataProtectWithItsOwnSense() {
        Disk locked = disk("SWP", 64, BS, false);
        WriteProtectionTest.setSoftwareWriteProtect(locked);
        assertSense(xcopy(ia, list(1, HOLD, cscds(cscd(a), cscd(locked)), segment(0, 1, 1, 0, 0))),
                SenseData.of(SenseKey.DATA_PROTECT, AdditionalSense.LOGICAL_UNIT_SOFTWARE_WRITE_PROTECTED));
        assertGood(xcopy(ia, list(2, HOLD, cscds(cscd(locked), cscd(a)), segment(0, 1, 1, 0, 0))));
    }

    // ---- RECEIVE COPY RESULTS ----

    @Test
    void operatingParametersReportTheLimits() {
        ScsiResponse r = ia.send(receiveCopyResults(0x03, 0, 255), 255);
        assertGood(r);
        byte[] expected = new byte[46];
        ByteBuffer e = ByteBuffer.wrap(expected);
        e.putInt(0, 42).put(4, (byte) 1).putShort(8, (short) 16).putShort(10, (short) 64).putInt(12, 2304)
                .putInt(16, 128 << 20).putShort(34, (short) 64).put(36, (byte) 64).put(43, (byte) 2)
                .put(44, (byte) 0x02).put(45, (byte) 0xE4);
        assertThat(r.dataInBytes()).isEqualTo(expected);
        ScsiResponse truncated = ia.send(receiveCopyResults(0x03, 0, 10), 255);
        assertThat(truncated.dataInBytes()).isEqualTo(Arrays.copyOf(expected, 10));
    }

    @Test
    void operatingParametersHaveNoListIdentifier() {
        assertSense(ia.send(receiveCopyResults(0x03, 1, 255), 255), SenseData.invalidFieldInCdb(2, 0));
    }

    @Test
    void copyStatusOfAnUnknownListIsAnInvalidFieldInTheCdb() {
        assertSense(ia.send(receiveCopyResults(0x00, 1, 255), 255), SenseData.invalidFieldInCdb(2, 7));
        assertSense(ia.send(receiveCopyResults(0x04, 1, 255), 255), SenseData.invalidFieldInCdb(2, 7));
        assertSense(ia.send(receiveCopyResults(0x01, 1, 255), 255), SenseData.invalidFieldInCdb(2, 7));
    }

    @Test
    void statusAndFailedSegmentDetailsAfterAFailure() {
        byte[] data = pattern(4, 9);
        ia.write(0, data, BS);
        ScsiResponse r = xcopy(ia, list(7, HOLD, cscds(cscd(a)), segment(0, 0, 4, 0, 100),
                segment(0, 0, 4, 0, 8190)));
        SenseData expected = copyAborted(AdditionalSense.NO_ADDITIONAL_SENSE_INFORMATION, 1, true, 20);
        assertSense(r, expected);
        assertThat(ia.read(100, 4, BS)).isEqualTo(data); // the first segment stays copied
        assertThat(copyStatus(ia, 7)).containsExactly(0, 0, 0, 8, 0x02, 0, 2, 0x00, 0, 0, 0x08, 0);

        ScsiResponse details = ia.send(receiveCopyResults(0x04, 7, 255), 255);
        assertGood(details);
        byte[] d = details.dataInBytes();
        assertThat(d).hasSize(60 + 18);
        assertThat(Arrays.copyOfRange(d, 0, 4)).containsExactly(0, 0, 0, 56 + 18);
        assertThat(Arrays.copyOfRange(d, 4, 56)).containsOnly(0);
        assertThat(Arrays.copyOfRange(d, 56, 60)).containsExactly(0x02, 0, 0, 18);
        assertThat(Arrays.copyOfRange(d, 60, 78)).containsExactly(
                0x70, 0, 0x0A, 0, 0, 0, 0, 0x0A, 0, 0, 0, 1, 0x00, 0x00, 0, 0x80 | 0x20 | 0x08 | 7, 0, 20);
        assertThat(d[60 + 2] & 0x0F).isEqualTo(SenseKey.COPY_ABORTED.code());
    }

    @Test
    void failedSegmentDetailsOfASuccessfulCopyAreEmpty() {
        assertGood(xcopy(ia, list(3, HOLD, cscds(cscd(a)), segment(0, 0, 1, 0, 1))));
        ScsiResponse r = ia.send(receiveCopyResults(0x04, 3, 255), 255);
        assertGood(r);
        assertThat(r.dataInBytes()).containsExactly(0, 0, 0, 0);
        ScsiResponse data = ia.send(receiveCopyResults(0x01, 3, 255), 255);
        assertThat(data.dataInBytes()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void listIdUsage11HoldsNoResultsAndAllowsReuse() {
        assertGood(xcopy(ia, list(5, NO_LIST_ID, cscds(cscd(a)), segment(0, 0, 1, 0, 1))));
        assertSense(ia.send(receiveCopyResults(0x00, 5, 255), 255), SenseData.invalidFieldInCdb(2, 7));
    }

    @Test
    void resultsBelongToTheNexusAndGoWithIt() {
        assertGood(xcopy(ia, list(4, HOLD, cscds(cscd(a)), segment(0, 0, 1, 0, 1))));
        Initiator other = Initiator.connect(a.logicalUnit(), "other");
        assertSense(other.send(receiveCopyResults(0x00, 4, 255), 255), SenseData.invalidFieldInCdb(2, 7));
        assertThat(copyStatus(ia, 4)[4]).isEqualTo((byte) 0x01);
        Nexus nexusOfA = new Nexus(InitiatorPort.named("iqn.2026-01.test:a"), Initiator.TARGET_PORT);
        a.logicalUnit().nexusLost(nexusOfA);
        byte[] cdb = receiveCopyResults(0x00, 4, 255);
        assertSense(raw(nexusOfA, cdb), SenseData.unitAttention(AdditionalSense.I_T_NEXUS_LOSS_OCCURRED));
        assertSense(raw(nexusOfA, cdb), SenseData.invalidFieldInCdb(2, 7));
    }

    private ScsiResponse raw(Nexus nexus, byte[] cdb) {
        return a.logicalUnit().execute(new ScsiRequest(nexus, Lun.of(0), cdb, TaskAttribute.SIMPLE,
                tags.incrementAndGet(), ByteBuffer.allocate(0), 255));
    }

    @Test
    void listIdentifierInUseIsOperationInProgressAndStatusShowsProgress() throws Exception {
        byte[] data = pattern(8, 11);
        ia.write(0, data, BS);
        CompletableFuture<ScsiResponse> first;
        try (Medium.Lock blocker = a.medium().lockExclusive(300, 8)) {
            first = CompletableFuture.supplyAsync(
                    () -> xcopy(ia, list(9, HOLD, cscds(cscd(a)), segment(0, 0, 8, 0, 300))));
            byte[] status = copyStatusEventually(9);
            assertThat(status).containsExactly(0, 0, 0, 8, 0x00, 0, 1, 0x00, 0, 0, 0, 0);
            assertSense(xcopy(ia, list(9, HOLD, cscds(cscd(a)), segment(0, 0, 1, 0, 400))),
                    SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.OPERATION_IN_PROGRESS));
            // another list identifier, or no list identifier, is not in use
            assertGood(xcopy(ia, list(10, HOLD, cscds(cscd(a)), segment(0, 0, 1, 0, 400))));
            assertGood(xcopy(ia, list(9, NO_LIST_ID, cscds(cscd(a)), segment(0, 0, 1, 0, 401))));
        }
        assertGood(first.get(10, TimeUnit.SECONDS));
        assertThat(ia.read(300, 8, BS)).isEqualTo(data);
        assertThat(copyStatus(ia, 9)[4]).isEqualTo((byte) 0x01);
    }

    @Test
    void transferCountUsesTheSmallestUnitInWhichItFits() {
        byte[] gib = new io.github.scsiemu.sbc.copy.CopyResults(
                io.github.scsiemu.sbc.copy.CopyResults.CopyManagerStatus.COMPLETED_WITHOUT_ERRORS, 3, 5L << 30,
                java.util.Optional.empty()).copyStatus();
        assertThat(gib).containsExactly(0, 0, 0, 8, 0x01, 0, 3, 0x01, 0, 0x50, 0, 0);
        byte[] justFits = new io.github.scsiemu.sbc.copy.CopyResults(
                io.github.scsiemu.sbc.copy.CopyResults.CopyManagerStatus.IN_PROGRESS, 0, 0xFFFF_FFFFL,
                java.util.Optional.empty()).copyStatus();
        assertThat(Arrays.copyOfRange(justFits, 7, 12)).containsExactly(0x00, 0xFF, 0xFF, 0xFF, 0xFF);
    }

    /**
     * Polls COPY STATUS until the copy has entered its first segment (the copy registers its results before it
     * starts the segment, so an early poll can see 0 segments processed).
     */
    private byte[] copyStatusEventually(int listId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            ScsiResponse r = ia.send(receiveCopyResults(0x00, listId, 255), 255);
            boolean inFirstSegment = r.status() == Status.GOOD && r.dataInBytes().length > 6
                    && r.dataInBytes()[6] == 1;
            if (inFirstSegment || System.nanoTime() > deadline) {
                assertGood(r);
                return r.dataInBytes();
            }
            Thread.onSpinWait();
        }
    }
}
