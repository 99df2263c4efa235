package io.github.scsiemu.iscsi.target;

import static io.github.scsiemu.iscsi.target.IscsiEndToEndTest.TUR;
import static io.github.scsiemu.iscsi.target.IscsiEndToEndTest.clearUnitAttention;
import static io.github.scsiemu.iscsi.target.IscsiEndToEndTest.pattern;
import static io.github.scsiemu.iscsi.target.IscsiEndToEndTest.rw10;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.auth.BinaryValue;
import io.github.scsiemu.iscsi.auth.ChapAlgorithm;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
import io.github.scsiemu.iscsi.initiator.CommandResult;
import io.github.scsiemu.iscsi.initiator.InitiatorSession;
import io.github.scsiemu.iscsi.initiator.IscsiCommand;
import io.github.scsiemu.iscsi.initiator.LoginException;
import io.github.scsiemu.iscsi.initiator.LoginOptions;
import io.github.scsiemu.iscsi.pdu.Bhs;
import io.github.scsiemu.iscsi.pdu.Crc32c;
import io.github.scsiemu.iscsi.pdu.DataInPdu;
import io.github.scsiemu.iscsi.pdu.DataOutPdu;
import io.github.scsiemu.iscsi.pdu.LoginRequestPdu;
import io.github.scsiemu.iscsi.pdu.LoginResponsePdu;
import io.github.scsiemu.iscsi.pdu.NopInPdu;
import io.github.scsiemu.iscsi.pdu.NopOutPdu;
import io.github.scsiemu.iscsi.pdu.Opcode;
import io.github.scsiemu.iscsi.pdu.Pdu;
import io.github.scsiemu.iscsi.pdu.RawPdu;
import io.github.scsiemu.iscsi.pdu.ReadyToTransferPdu;
import io.github.scsiemu.iscsi.pdu.RejectPdu;
import io.github.scsiemu.iscsi.pdu.RejectReason;
import io.github.scsiemu.iscsi.pdu.ScsiCommandPdu;
import io.github.scsiemu.iscsi.pdu.ScsiResponsePdu;
import io.github.scsiemu.iscsi.text.TextKey;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Malformed input (issue 4): against one running target, each test opens its own connection, sends one kind of bad
 * input and asserts the RFC 7143 answer exactly (a Reject with its reason and the rejected header, a Login Response
 * status per RFC 7143 11.13.5, CHECK CONDITION sense, or a dropped connection with nothing sent before). Meanwhile a
 * bystander session on the same target runs WRITE/READ round trips with exact bytes on another thread, and after
 * every test {@link #bystanderAndFreshSessionsStillWork()} checks that the bystander never failed and still works,
 * that fresh sessions (open and CHAP-protected) log in and work, and that no session of the bad connections is left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MalformedInputTest {
    static final String INITIATOR = "iqn.2026-01.org.example:malformed";
    static final ChapCredentials ALICE_CHAP = new ChapCredentials("alice", "alice-secret-1");
    static final Lun LUN0 = Lun.of(0);
    static final Duration QUIET = Duration.ofMillis(300);

    private final AtomicLong isids = new AtomicLong(0x80_4D41_4C00L);
    /** {@link SecurityFixture#NAME} requires CHAP, {@link SecurityFixture#OTHER} is open. */
    private SecurityFixture fx;
    private InitiatorSession bystander;
    private Thread traffic;
    private volatile boolean stopTraffic;
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final AtomicReference<Throwable> trafficFailure = new AtomicReference<>();

    @BeforeAll
    void startTargetAndBystander() throws Exception {
        fx = new SecurityFixture(t -> t.withAuthentication(AuthenticationPolicy.chap(ALICE_CHAP)));
        bystander = fx.login(open(isids.incrementAndGet()));
        clearUnitAttention(bystander);
    }

    @AfterAll
    void stopTarget() throws Exception {
        bystander.close();
        fx.close();
    }

    @BeforeEach
    void startBystanderTraffic() {
        stopTraffic = false;
        roundTrips.set(0);
        traffic = new Thread(() -> {
            try {
                for (int i = 0; !stopTraffic; i++) {
                    roundTrip(bystander, (i % 64) * 8, i);
                    roundTrips.incrementAndGet();
                }
            } catch (Throwable t) {
                trafficFailure.set(t);
            }
        }, "bystander-traffic");
        traffic.start();
    }

    @AfterEach
    void bystanderAndFreshSessionsStillWork() throws Throwable {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (roundTrips.get() == 0 && trafficFailure.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        stopTraffic = true;
        traffic.join(10_000);
        if (trafficFailure.get() != null) {
            throw new AssertionError("the bystander's I/O failed", trafficFailure.get());
        }
        assertThat(traffic.isAlive()).isFalse();
        assertThat(roundTrips.get()).isPositive();
        roundTrip(bystander, 600, 99);
        InitiatorSession fresh = fx.login(open(isids.incrementAndGet()));
        clearUnitAttention(fresh);
        roundTrip(fresh, 700, 7);
        assertThat(fresh.logout()).isZero();
        InitiatorSession secured = fx.login(SecurityFixture.options(INITIATOR, isids.incrementAndGet())
                .withChap(ALICE_CHAP));
        clearUnitAttention(secured);
        roundTrip(secured, 700, 8);
        assertThat(secured.logout()).isZero();
        // every session of a bad connection is gone: only the bystander is left
        while (fx.portal.sessionCount() != 1 && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(5)) {
            Thread.sleep(5);
        }
        assertThat(fx.portal.sessionCount()).isEqualTo(1);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static LoginOptions open(long isid) {
        return LoginOptions.normal(INITIATOR, isid, SecurityFixture.OTHER);
    }

    /** Writes 8 blocks of a pattern at {@code lba} and reads back exactly those bytes. */
    static void roundTrip(InitiatorSession s, int lba, int seed) throws Exception {
        ByteBuffer data = pattern(4096, seed);
        assertThat(s.execute(IscsiCommand.write(LUN0, rw10(0x2A, lba, 8), data.duplicate())).status()).isZero();
        CommandResult r = s.execute(IscsiCommand.read(LUN0, rw10(0x28, lba, 8), 4096));
        assertThat(r.status()).isZero();
        assertThat(r.data()).isEqualTo(data.array());
    }

    private RawConnection connect() throws Exception {
        return RawConnection.open(fx.portal.address(), isids.incrementAndGet());
    }

    /** A raw connection in full feature phase with the open target, its power-on unit attention consumed. */
    private RawConnection fullFeature(String headerDigest, String dataDigest) throws Exception {
        RawConnection c = connect();
        c.loginToFullFeaturePhase(INITIATOR, SecurityFixture.OTHER, headerDigest, dataDigest);
        ScsiResponsePdu ua = command(c, noData(c, TUR));
        assertThat(ua.status()).isEqualTo(0x02);
        assertThat(ua.senseData()[2] & 0x0F).isEqualTo(0x06);
        return c;
    }

    private static ScsiCommandPdu noData(RawConnection c, byte[] cdb) {
        return new ScsiCommandPdu(false, true, false, false, 1, LUN0, 0x7000 + c.cmdSn(), 0, c.takeCmdSn(),
                c.expStatSn(), ByteBuffer.wrap(cdb), OptionalInt.empty(), Pdu.empty());
    }

    /** A WRITE(10) of {@code blocks} blocks at {@code lba} with the given immediate data (F=1: no unsolicited PDUs). */
    private static ScsiCommandPdu write(int itt, int cmdSn, int expStatSn, int lba, int blocks, ByteBuffer immediate) {
        return new ScsiCommandPdu(false, true, false, true, 1, LUN0, itt, blocks * 512, cmdSn, expStatSn,
                ByteBuffer.wrap(rw10(0x2A, lba, blocks)), OptionalInt.empty(), immediate);
    }

    private static ScsiResponsePdu command(RawConnection c, ScsiCommandPdu command) throws Exception {
        c.send(command);
        Pdu answer = c.read();
        assertThat(answer).isInstanceOf(ScsiResponsePdu.class);
        assertThat(((ScsiResponsePdu) answer).initiatorTaskTag()).isEqualTo(command.initiatorTaskTag());
        return (ScsiResponsePdu) answer;
    }

    /** READ(10) on the raw connection; returns the data of the GOOD Data-In sequence. */
    private static byte[] read(RawConnection c, int lba, int blocks) throws Exception {
        int itt = 0x7100 + c.cmdSn();
        c.send(new ScsiCommandPdu(false, true, true, false, 1, LUN0, itt, blocks * 512, c.takeCmdSn(), c.expStatSn(),
                ByteBuffer.wrap(rw10(0x28, lba, blocks)), OptionalInt.empty(), Pdu.empty()));
        ByteBuffer data = ByteBuffer.allocate(blocks * 512);
        while (true) {
            DataInPdu in = (DataInPdu) c.read();
            assertThat(in.initiatorTaskTag()).isEqualTo(itt);
            data.put(in.bufferOffset(), in.data(), in.data().position(), in.data().remaining());
            if (in.statusPresent()) {
                assertThat(in.status()).isZero();
                return data.array();
            }
        }
    }

    /** An immediate NOP-Out ping on the raw connection must be echoed: the connection is still in step. */
    private static void pingWorks(RawConnection c) throws Exception {
        c.send(new NopOutPdu(true, LUN0, 0x6E6F70, Pdu.RESERVED_TAG, c.cmdSn(), c.expStatSn(),
                ByteBuffer.wrap(new byte[] {1, 2, 3, 4})));
        Pdu answer = c.read();
        assertThat(answer).isInstanceOf(NopInPdu.class);
        assertThat(((NopInPdu) answer).initiatorTaskTag()).isEqualTo(0x6E6F70);
        byte[] echo = new byte[4];
        answer.data().get(echo);
        assertThat(echo).containsExactly(1, 2, 3, 4);
    }

    private static RejectPdu reject(Pdu answer, RejectReason reason, int opcode, int itt) {
        assertThat(answer).isInstanceOf(RejectPdu.class);
        RejectPdu r = (RejectPdu) answer;
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.initiatorTaskTag()).isEqualTo(Pdu.RESERVED_TAG);
        assertThat(r.data().remaining()).isEqualTo(Bhs.LENGTH); // the rejected header
        assertThat(r.data().get(0) & 0x3F).isEqualTo(opcode);
        assertThat(r.rejectedTaskTag()).isEqualTo(itt);
        return r;
    }

    private static void assertSense(ScsiResponsePdu r, int key, int asc, int ascq) {
        assertThat(r.response()).isZero();
        assertThat(r.status()).isEqualTo(0x02);
        byte[] sense = r.senseData();
        assertThat(sense[2] & 0x0F).isEqualTo(key);
        assertThat(new int[] {sense[12] & 0xFF, sense[13] & 0xFF}).containsExactly(asc, ascq);
    }

    /** A header that can be changed, copied from a PDU. */
    private static Bhs header(Pdu pdu) {
        return Bhs.wrap(ByteBuffer.allocate(Bhs.LENGTH).put(pdu.toRaw().header()).flip());
    }

    /** The wire form of a PDU with both digests, its data digest wrong. */
    private static ByteBuffer withWrongDataDigest(Pdu pdu) {
        RawPdu raw = pdu.toRaw();
        int length = raw.data().remaining();
        ByteBuffer padded = ByteBuffer.allocate(length + RawPdu.padding(length)).put(raw.data()).flip();
        return ByteBuffer.allocate(Bhs.LENGTH + 4 + padded.remaining() + 4).put(raw.header())
                .put(Crc32c.toWire(Crc32c.of(raw.header(), raw.ahs())))
                .put(padded.duplicate()).put(Crc32c.toWire(Crc32c.of(padded.duplicate()) ^ 0x5A5A5A5A)).flip();
    }

    private static List<TextKey> keys(String... pairs) {
        List<TextKey> keys = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            keys.add(new TextKey(pairs[i], pairs[i + 1]));
        }
        return keys;
    }

    /** Asserts a failed login: the status, no transit, TSIH 0, and the target then closes the connection. */
    private static void assertLoginFails(RawConnection c, LoginResponsePdu r, int status) throws Exception {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.transit()).isFalse();
        assertThat(r.tsih()).isZero();
        assertThat(c.awaitEnd(RawConnection.WAIT)).isEmpty();
    }

    // ---- framing ---------------------------------------------------------------------------------------------------

    @Test
    void dataSegmentLengthAboveTheDeclaredMaxRecvDataSegmentLengthDropsTheConnection() throws Exception {
        try (RawConnection c = fullFeature("None", "None")) {
            Bhs h = header(new NopOutPdu(true, LUN0, 0x51, Pdu.RESERVED_TAG, c.cmdSn(), c.expStatSn(), Pdu.empty()))
                    .dataSegmentLength(TargetSettings.DEFAULT.maxRecvDataSegmentLength() + 1);
            c.sendRaw(new RawPdu(h.bytes(), Pdu.empty(), Pdu.empty()));
            assertThat(c.awaitEnd(RawConnection.WAIT)).isEmpty();
        }
    }

    @Test
    void aPduTruncatedByTheEndOfTheStreamDropsTheConnection() throws Exception {
        try (RawConnection c = fullFeature("None", "None")) {
            ByteBuffer nop = new NopOutPdu(true, LUN0, 0x52, Pdu.RESERVED_TAG, c.cmdSn(), c.expStatSn(),
                    Pdu.empty()).toRaw().header();
            c.sendBytes(nop.limit(20));
            c.shutdownOutput();
            assertThat(c.awaitEnd(RawConnection.WAIT)).isEmpty();
        }
    }

    @Test
    void totalAhsLengthPointingPastTheEndOfThePduDropsTheConnection() throws Exception {
        try (RawConnection c = fullFeature("None", "None")) {
            Bhs h = header(noData(c, TUR)).totalAhsLength(255 * 4);
            c.sendRaw(new RawPdu(h.bytes(), Pdu.empty(), Pdu.empty()));
            c.sendBytes(ByteBuffer.allocate(8)); // far less AHS than announced, then the stream ends
            c.shutdownOutput();
            assertThat(c.awaitEnd(RawConnection.WAIT)).isEmpty();
        }
    }

    @Test
    void anAhsWhoseLengthOverrunsTotalAhsLengthIsRejectedAsAnInvalidPduField() throws Exception {
        try (RawConnection c = fullFeature("None", "None")) {
            ScsiCommandPdu tur = new ScsiCommandPdu(true, true, false, false, 1, LUN0, 0x53, 0, c.cmdSn(),
                    c.expStatSn(), ByteBuffer.wrap(TUR), OptionalInt.empty(), Pdu.empty());
            ByteBuffer ahs = ByteBuffer.allocate(4).putShort((short) 64).put((byte) ScsiCommandPdu.AHS_EXTENDED_CDB)
                    .put((byte) 0).flip(); // 64 bytes announced in a 4-byte AHS
            c.sendRaw(RawPdu.of(header(tur), ahs, Pdu.empty()));
            reject(c.read(), RejectReason.INVALID_PDU_FIELD, Opcode.SCSI_COMMAND.code(), 0x53);
            pingWorks(c);
        }
    }

    @Test
    void anUndefinedOpcodeIsRejectedAsCommandNotSupported() throws Exception {
        try (RawConnection c = fullFeature("None", "None")) {
            Bhs h = Bhs.create(Opcode.NOP_OUT, true).u8(0, Bhs.IMMEDIATE | 0x1C).i32(16, 0x54).i32(24, c.cmdSn());
            c.sendRaw(RawPdu.of(h, Pdu.empty()));
            reject(c.read(), RejectReason.COMMAND_NOT_SUPPORTED, 0x1C, 0x54);
            pingWorks(c);
        }
    }

    @Test
    void aHeaderDigestErrorDropsTheConnection() throws Exception {
        try (RawConnection c = fullFeature("CRC32C", "CRC32C")) {
            assertThat(c.digests().header()).isTrue();
            RawPdu nop = new NopOutPdu(true, LUN0, 0x55, Pdu.RESERVED_TAG, c.cmdSn(), c.expStatSn(), Pdu.empty())
                    .toRaw();
            c.sendBytes(ByteBuffer.allocate(Bhs.LENGTH + 4).put(nop.header())
                    .put(Crc32c.toWire(Crc32c.of(nop.header()) ^ 1)).flip());
            assertThat(c.awaitEnd(RawConnection.WAIT)).isEmpty(); // ERL 0: the header can't be trusted
        }
    }

    @Test
    void aDataDigestErrorOnDataOutIsRejectedAndTheTaskEndsWithProtocolServiceCrcErrorOnceAllDataIsIn()
            throws Exception {
        try (RawConnection c = fullFeature("CRC32C", "CRC32C")) {
            assertThat(c.digests().data()).isTrue();
            int itt = 0x56;
            c.send(write(itt, c.takeCmdSn(), c.expStatSn(), 1000, 2, Pdu.empty()));
            ReadyToTransferPdu r2t = (ReadyToTransferPdu) c.read();
            assertThat(r2t.desiredDataTransferLength()).isEqualTo(1024);
            ByteBuffer data = pattern(1024, 5);
            c.sendBytes(withWrongDataDigest(new DataOutPdu(false, LUN0, itt, r2t.targetTransferTag(), c.expStatSn(),
                    0, 0, data.slice(0, 512))));
            reject(c.read(), RejectReason.DATA_DIGEST_ERROR, Opcode.DATA_OUT.code(), itt);
            assertThat(c.poll(QUIET)).isEmpty(); // no status before the rest of the data (RFC 7143 7.8)
            c.send(new DataOutPdu(true, LUN0, itt, r2t.targetTransferTag(), c.expStatSn(), 1, 512,
                    data.slice(512, 512)));
            ScsiResponsePdu failed = (ScsiResponsePdu) c.read();
            assertThat(failed.initiatorTaskTag()).isEqualTo(itt);
            assertSense(failed, 0x0B, 0x47, 0x05); // ABORTED COMMAND, PROTOCOL SERVICE CRC ERROR
            assertThat(read(c, 1000, 2)).isEqualTo(new byte[1024]); // nothing was written
            pingWorks(c);
        }
    }

    @Test
    void aDataDigestErrorOnImmediateDataDiscardsTheCommandAndARetryWithTheSameCmdSnSucceeds() throws Exception {
        try (RawConnection c = fullFeature("CRC32C", "CRC32C")) {
            int itt = 0x57;
            int cmdSn = c.takeCmdSn();
            ByteBuffer data = pattern(512, 6);
            c.sendBytes(withWrongDataDigest(write(itt, cmdSn, c.expStatSn(), 1100, 1, data.duplicate())));
            reject(c.read(), RejectReason.DATA_DIGEST_ERROR, Opcode.SCSI_COMMAND.code(), itt);
            assertThat(c.poll(QUIET)).isEmpty(); // the command was discarded, not executed
            ScsiResponsePdu retried = command(c, write(itt, cmdSn, c.expStatSn(), 1100, 1, data.duplicate()));
            assertThat(retried.status()).isZero();
            assertThat(read(c, 1100, 1)).isEqualTo(data.array());
        }
    }

    @Test
    void anOutOfOrderDataSnEndsTheTaskWithDataPhaseError() throws Exception {
        try (RawConnection c = fullFeature("None", "None")) {
            int itt = 0x58;
            c.send(write(itt, c.takeCmdSn(), c.expStatSn(), 1200, 2, Pdu.empty()));
            ReadyToTransferPdu r2t = (ReadyToTransferPdu) c.read();
            c.send(new DataOutPdu(true, LUN0, itt, r2t.targetTransferTag(), c.expStatSn(), 27, 0,
                    ByteBuffer.allocate(1024)));
            ScsiResponsePdu failed = (ScsiResponsePdu) c.read();
            assertThat(failed.initiatorTaskTag()).isEqualTo(itt);
            assertSense(failed, 0x0B, 0x4B, 0x00); // ABORTED COMMAND, DATA PHASE ERROR
            pingWorks(c);
        }
    }

    // ---- login -----------------------------------------------------------------------------------------------------

    @Test
    void aLoginWithoutInitiatorNameFailsWithMissingParameter() throws Exception {
        try (RawConnection c = connect()) {
            assertLoginFails(c, c.login(true, 1, 3, keys("TargetName", SecurityFixture.OTHER, "SessionType",
                    "Normal")), 0x0207);
        }
    }

    @Test
    void aNormalLoginWithoutTargetNameFailsWithMissingParameter() throws Exception {
        try (RawConnection c = connect()) {
            assertLoginFails(c, c.login(true, 1, 3, keys("InitiatorName", INITIATOR, "SessionType", "Normal")),
                    0x0207);
        }
    }

    @Test
    void anUnknownSessionTypeFailsWithSessionTypeNotSupported() throws Exception {
        try (RawConnection c = connect()) {
            assertLoginFails(c, c.login(true, 1, 3, keys("InitiatorName", INITIATOR, "TargetName",
                    SecurityFixture.OTHER, "SessionType", "Maintenance")), 0x0209);
        }
    }

    @Test
    void aKeySentTwiceWithDifferentValuesFailsWithInitiatorError() throws Exception {
        try (RawConnection c = connect()) {
            assertLoginFails(c, c.login(true, 1, 3, keys("InitiatorName", INITIATOR, "TargetName",
                    SecurityFixture.OTHER, "MaxBurstLength", "65536", "MaxBurstLength", "16384")), 0x0200);
        }
    }

    @Test
    void aKeyRenegotiatedInALaterRequestFailsWithInitiatorError() throws Exception {
        try (RawConnection c = connect()) {
            LoginResponsePdu first = c.login(false, 1, 0, keys("InitiatorName", INITIATOR, "TargetName",
                    SecurityFixture.OTHER, "MaxBurstLength", "65536"));
            assertThat(first.status()).isZero();
            assertThat(RawConnection.keys(first)).containsEntry("MaxBurstLength", "65536");
            assertLoginFails(c, c.login(true, 1, 3, keys("MaxBurstLength", "32768")), 0x0200); // RFC 7143 6.3
        }
    }

    @Test
    void aDeclaredMaxRecvDataSegmentLengthOutOfRangeFailsWithInitiatorError() throws Exception {
        try (RawConnection c = connect()) {
            assertLoginFails(c, c.login(true, 1, 3, keys("InitiatorName", INITIATOR, "TargetName",
                    SecurityFixture.OTHER, "MaxRecvDataSegmentLength", "1")), 0x0200);
        }
    }

    @Test
    void anOutOfRangeOfferIsAnsweredRejectAndTheLoginGoesOnWithTheDefault() throws Exception {
        try (RawConnection c = connect()) {
            LoginResponsePdu r = c.login(true, 1, 3, keys("InitiatorName", INITIATOR, "TargetName",
                    SecurityFixture.OTHER, "MaxBurstLength", "100", "HeaderDigest", "MD5"));
            assertThat(r.status()).isZero();
            assertThat(r.transit()).isTrue();
            assertThat(r.nextStage()).isEqualTo(3);
            assertThat(r.tsih()).isNotZero();
            // both Rejects are harmless: the defaults (262144, None) are acceptable to the target
            assertThat(RawConnection.keys(r)).containsEntry("MaxBurstLength", "Reject")
                    .containsEntry("HeaderDigest", "Reject");
        }
    }

    @Test
    void aNonZeroTsihForAnUnknownSessionFailsWithSessionDoesNotExist() throws Exception {
        try (RawConnection c = connect()) {
            LoginRequestPdu plain = c.request(true, 1, 3, keys("InitiatorName", INITIATOR, "TargetName",
                    SecurityFixture.OTHER));
            LoginRequestPdu withTsih = new LoginRequestPdu(true, false, 1, 3, 0, 0, plain.isid(), 0x7777, 1, 0,
                    plain.cmdSn(), 0, plain.data());
            assertLoginFails(c, c.login(withTsih), 0x020A);
        }
    }

    @Test
    void anUnsupportedVersionRangeFailsWithUnsupportedVersion() throws Exception {
        try (RawConnection c = connect()) {
            LoginRequestPdu plain = c.request(true, 1, 3, keys("InitiatorName", INITIATOR, "TargetName",
                    SecurityFixture.OTHER));
            LoginRequestPdu version2 = new LoginRequestPdu(true, false, 1, 3, 3, 2, plain.isid(), 0, 1, 0,
                    plain.cmdSn(), 0, plain.data());
            assertLoginFails(c, c.login(version2), 0x0205);
        }
    }

    @Test
    void aScsiCommandDuringLoginFailsWithInvalidDuringLogin() throws Exception {
        try (RawConnection c = connect()) {
            LoginResponsePdu first = c.login(false, 1, 0, keys("InitiatorName", INITIATOR, "TargetName",
                    SecurityFixture.OTHER));
            assertThat(first.status()).isZero();
            c.send(noData(c, TUR));
            Pdu answer = c.read();
            assertThat(answer).isInstanceOf(LoginResponsePdu.class);
            assertLoginFails(c, (LoginResponsePdu) answer, 0x020B);
        }
    }

    /** Drives a CHAP login with the protected target up to the challenge; returns the target's CHAP keys. */
    private static Map<String, String> challenge(RawConnection c) throws Exception {
        LoginResponsePdu offer = c.login(true, 0, 1, keys("InitiatorName", INITIATOR, "TargetName",
                SecurityFixture.NAME, "SessionType", "Normal", "AuthMethod", "CHAP"));
        assertThat(offer.status()).isZero();
        assertThat(RawConnection.keys(offer)).containsEntry("AuthMethod", "CHAP");
        LoginResponsePdu chap = c.login(false, 0, 0, keys("CHAP_A", "5"));
        assertThat(chap.status()).isZero();
        Map<String, String> keys = RawConnection.keys(chap);
        assertThat(keys).containsEntry("CHAP_A", "5").containsKeys("CHAP_I", "CHAP_C");
        return keys;
    }

    @Test
    void aWrongChapResponseFailsWithAuthenticationFailure() throws Exception {
        try (RawConnection c = connect()) {
            Map<String, String> chap = challenge(c);
            byte[] wrong = ChapAlgorithm.MD5.response(Integer.parseInt(chap.get("CHAP_I")),
                    new ChapCredentials("alice", "not-the-secret").secretBytes(),
                    BinaryValue.decode(chap.get("CHAP_C")));
            assertLoginFails(c, c.login(true, 0, 1, keys("CHAP_N", "alice", "CHAP_R", BinaryValue.encode(wrong))),
                    0x0201);
        }
    }

    @Test
    void aChapResponseOfTheWrongLengthFailsWithAuthenticationFailure() throws Exception {
        try (RawConnection c = connect()) {
            Map<String, String> chap = challenge(c);
            byte[] right = ChapAlgorithm.MD5.response(Integer.parseInt(chap.get("CHAP_I")), ALICE_CHAP.secretBytes(),
                    BinaryValue.decode(chap.get("CHAP_C")));
            byte[] truncated = Arrays.copyOf(right, 15); // MD5 responses have 16 bytes
            assertLoginFails(c, c.login(true, 0, 1, keys("CHAP_N", "alice", "CHAP_R",
                    BinaryValue.encode(truncated))), 0x0201);
        }
    }

    @Test
    void chapKeysInTheOperationalStageFailWithAuthenticationFailure() throws Exception {
        try (RawConnection c = connect()) {
            Map<String, String> chap = challenge(c);
            byte[] right = ChapAlgorithm.MD5.response(Integer.parseInt(chap.get("CHAP_I")), ALICE_CHAP.secretBytes(),
                    BinaryValue.decode(chap.get("CHAP_C")));
            LoginResponsePdu authenticated = c.login(true, 0, 1, keys("CHAP_N", "alice", "CHAP_R",
                    BinaryValue.encode(right)));
            assertThat(authenticated.status()).isZero();
            assertThat(authenticated.transit()).isTrue();
            assertThat(authenticated.nextStage()).isEqualTo(1);
            assertLoginFails(c, c.login(false, 1, 0, keys("CHAP_A", "5")), 0x0201);
        }
    }

    // ---- required digests (the target's own policy) ----------------------------------------------------------------

    @Test
    void aTargetRequiringCrc32cRefusesInitiatorsThatOfferOnlyNoneAndAcceptsThoseThatOfferCrc32c() throws Exception {
        try (DiskFixture strict = new DiskFixture(TargetSettings.DEFAULT.withDigests("CRC32C", "CRC32C"))) {
            assertThatThrownBy(() -> strict.login(0x80_0000_0D01L)) // offers None for both
                    .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.status()).isEqualTo(0x0200));
            // libiscsi 1.19: HeaderDigest=None,CRC32C but DataDigest=None
            LoginOptions libiscsiLike = DiskFixture.options(0x80_0000_0D02L).withDigests("None,CRC32C", "None");
            assertThatThrownBy(() -> InitiatorSession.login(strict.address(), libiscsiLike))
                    .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.status()).isEqualTo(0x0200));
            LoginOptions noHeader = DiskFixture.options(0x80_0000_0D03L).withDigests("None", "CRC32C");
            assertThatThrownBy(() -> InitiatorSession.login(strict.address(), noHeader))
                    .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.status()).isEqualTo(0x0200));
            try (RawConnection c = RawConnection.open(strict.address(), 0x80_0000_0D04L)) {
                // no digest keys at all: the defaults (None) would be in force
                LoginResponsePdu r = c.login(true, 1, 3, keys("InitiatorName", INITIATOR, "TargetName",
                        DiskFixture.NAME));
                assertLoginFails(c, r, 0x0200);
            }
            LoginOptions both = DiskFixture.options(0x80_0000_0D05L).withDigests("None,CRC32C", "None,CRC32C");
            try (InitiatorSession s = InitiatorSession.login(strict.address(), both)) {
                assertThat(s.parameters().headerDigest()).isTrue();
                assertThat(s.parameters().dataDigest()).isTrue();
                clearUnitAttention(s);
                roundTrip(s, 10, 3);
            }
        }
    }
}
