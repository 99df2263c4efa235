package io.github.scsiemu.iscsi.target;

import static io.github.scsiemu.iscsi.target.SecurityFixture.ALICE;
import static io.github.scsiemu.iscsi.target.SecurityFixture.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.auth.BinaryValue;
import io.github.scsiemu.iscsi.auth.ChapAlgorithm;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
import io.github.scsiemu.iscsi.initiator.InitiatorSession;
import io.github.scsiemu.iscsi.initiator.IscsiCommand;
import io.github.scsiemu.iscsi.initiator.LoginException;
import io.github.scsiemu.iscsi.initiator.LoginOptions;
import io.github.scsiemu.iscsi.pdu.LoginResponsePdu;
import io.github.scsiemu.iscsi.text.TextKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Logins against a target that uses CHAP (RFC 7143 12.1.3): statuses per RFC 7143 11.13.5. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AuthenticationLoginTest {
    static final ChapCredentials ALICE_CHAP = new ChapCredentials("alice", "alice-secret-1");
    static final ChapCredentials TARGET_CHAP = new ChapCredentials("secure-target", "target-secret-2");
    static final AuthenticationPolicy REQUIRED = AuthenticationPolicy.chap(ALICE_CHAP)
            .withTargetCredentials(TARGET_CHAP);

    private SecurityFixture fx;

    private SecurityFixture start(UnaryOperator<ExportedTarget> configure) throws Exception {
        fx = new SecurityFixture(configure);
        return fx;
    }

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static void assertStatus(ThrowingCallable login, int status) {
        assertThatThrownBy(login).isInstanceOfSatisfying(LoginException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }

    private static void works(InitiatorSession s) throws Exception {
        assertThat(s.execute(IscsiCommand.read(Lun.of(0), new byte[] {0x12, 0, 0, 0, 36, 0}, 36)).status()).isZero();
    }

    @Test
    void oneWayChapWithMd5LogsInAndWrongSecretOrNameFailsWithAuthenticationFailure() throws Exception {
        start(t -> t.withAuthentication(REQUIRED));
        try (InitiatorSession s = fx.login(SecurityFixture.options(ALICE, 1).withChap(ALICE_CHAP))) {
            works(s);
        }
        assertStatus(() -> fx.login(SecurityFixture.options(ALICE, 2)
                .withChap(new ChapCredentials("alice", "wrong-secret-9"))), 0x0201);
        assertStatus(() -> fx.login(SecurityFixture.options(ALICE, 3)
                .withChap(new ChapCredentials("eve", "alice-secret-1"))), 0x0201);
    }

    @Test
    void requiredChapRefusesAuthMethodNoneAndLoginsThatSkipTheSecurityStage() throws Exception {
        start(t -> t.withAuthentication(REQUIRED));
        assertStatus(() -> fx.login(SecurityFixture.options(ALICE, 4)), 0x0201); // AuthMethod=None only
        try (SecurityFixture.RawLogin raw = fx.raw()) { // straight to operational negotiation, as libiscsi does
            LoginResponsePdu r = raw.send(true, 1, 3, List.of(new TextKey("InitiatorName", ALICE),
                    new TextKey("TargetName", NAME), new TextKey("SessionType", "Normal")));
            assertThat(r.status()).isEqualTo(0x0201);
        }
    }

    @Test
    void optionalChapLetsAuthMethodNoneInAndStillChecksChap() throws Exception {
        start(t -> t.withAuthentication(REQUIRED.optional()));
        try (InitiatorSession s = fx.login(SecurityFixture.options(ALICE, 5))) {
            works(s);
        }
        try (InitiatorSession s = fx.login(SecurityFixture.options(ALICE, 6).withChap(ALICE_CHAP))) {
            works(s);
        }
        assertStatus(() -> fx.login(SecurityFixture.options(ALICE, 7)
                .withChap(new ChapCredentials("alice", "wrong-secret-9"))), 0x0201);
    }

    @Test
    void mutualChapAuthenticatesTheTargetAndAWrongTargetSecretFailsTheInitiatorSide() throws Exception {
        start(t -> t.withAuthentication(REQUIRED));
        LoginOptions mutual = SecurityFixture.options(ALICE, 8).withChap(ALICE_CHAP).withMutualChap(TARGET_CHAP);
        try (InitiatorSession s = fx.login(mutual)) {
            works(s);
        }
        assertThatThrownBy(() -> fx.login(SecurityFixture.options(ALICE, 9).withChap(ALICE_CHAP)
                .withMutualChap(new ChapCredentials("secure-target", "not-the-secret")))).isInstanceOf(
                        LoginException.class).hasMessageContaining("wrong CHAP_R from the target");
    }

    @Test
    void mutualChapAgainstATargetWithoutCredentialsFails() throws Exception {
        start(t -> t.withAuthentication(AuthenticationPolicy.chap(ALICE_CHAP)));
        assertStatus(() -> fx.login(SecurityFixture.options(ALICE, 10).withChap(ALICE_CHAP)
                .withMutualChap(TARGET_CHAP)), 0x0201);
    }

    /** Drives a CHAP login by hand up to the challenge; returns the target's CHAP keys. */
    private static Map<String, String> challenge(SecurityFixture.RawLogin raw, String algorithms) throws Exception {
        LoginResponsePdu first = raw.send(true, 0, 1, List.of(new TextKey("InitiatorName", ALICE),
                new TextKey("TargetName", NAME), new TextKey("SessionType", "Normal"),
                new TextKey("AuthMethod", "CHAP,None")));
        assertThat(first.status()).isZero();
        assertThat(first.transit()).isFalse();
        assertThat(SecurityFixture.RawLogin.keys(first)).containsEntry("AuthMethod", "CHAP")
                .containsEntry("TargetPortalGroupTag", "1");
        LoginResponsePdu second = raw.send(false, 0, 0, List.of(new TextKey("CHAP_A", algorithms)));
        assertThat(second.status()).isZero();
        assertThat(second.transit()).isFalse();
        return SecurityFixture.RawLogin.keys(second);
    }

    @Test
    void reflectedChallengeFailsWithAuthenticationFailure() throws Exception {
        start(t -> t.withAuthentication(REQUIRED));
        try (SecurityFixture.RawLogin raw = fx.raw()) {
            Map<String, String> c = challenge(raw, "5");
            assertThat(c).containsEntry("CHAP_A", "5");
            byte[] ours = BinaryValue.decode(c.get("CHAP_C"));
            String r = BinaryValue.encode(ChapAlgorithm.MD5.response(Integer.parseInt(c.get("CHAP_I")),
                    ALICE_CHAP.secretBytes(), ours));
            LoginResponsePdu last = raw.send(true, 0, 1, List.of(new TextKey("CHAP_N", "alice"),
                    new TextKey("CHAP_R", r), new TextKey("CHAP_I", "1"), new TextKey("CHAP_C", c.get("CHAP_C"))));
            assertThat(last.status()).isEqualTo(0x0201);
        }
    }

    @Test
    void handDrivenMutualExchangeWithSha256TransitsWithTheTargetsProofInTheSameResponse() throws Exception {
        start(t -> t.withAuthentication(REQUIRED));
        try (SecurityFixture.RawLogin raw = fx.raw()) {
            Map<String, String> c = challenge(raw, "7,5");
            assertThat(c).containsEntry("CHAP_A", "7");
            String r = BinaryValue.encode(ChapAlgorithm.SHA256.response(Integer.parseInt(c.get("CHAP_I")),
                    ALICE_CHAP.secretBytes(), BinaryValue.decode(c.get("CHAP_C"))));
            byte[] mine = new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6};
            LoginResponsePdu last = raw.send(true, 0, 1, List.of(new TextKey("CHAP_N", "alice"),
                    new TextKey("CHAP_R", r), new TextKey("CHAP_I", "77"), new TextKey("CHAP_C", "0b"
                            + java.util.Base64.getEncoder().encodeToString(mine))));
            assertThat(last.status()).isZero();
            assertThat(last.transit()).isTrue();
            assertThat(last.nextStage()).isEqualTo(1);
            Map<String, String> proof = SecurityFixture.RawLogin.keys(last);
            assertThat(proof).containsEntry("CHAP_N", "secure-target").containsEntry("CHAP_R", BinaryValue.encode(
                    ChapAlgorithm.SHA256.response(77, TARGET_CHAP.secretBytes(), mine)));
        }
    }

    @Test
    void unsupportedAlgorithmAndOutOfOrderChapKeysFailWithAuthenticationFailure() throws Exception {
        start(t -> t.withAuthentication(REQUIRED.withAlgorithms(ChapAlgorithm.MD5)));
        try (SecurityFixture.RawLogin raw = fx.raw()) {
            raw.send(true, 0, 1, List.of(new TextKey("InitiatorName", ALICE), new TextKey("TargetName", NAME),
                    new TextKey("AuthMethod", "CHAP")));
            assertThat(raw.send(false, 0, 0, List.of(new TextKey("CHAP_A", "56,7"))).status()).isEqualTo(0x0201);
        }
        try (SecurityFixture.RawLogin raw = fx.raw()) {
            raw.send(true, 0, 1, List.of(new TextKey("InitiatorName", ALICE), new TextKey("TargetName", NAME),
                    new TextKey("AuthMethod", "CHAP")));
            assertThat(raw.send(true, 0, 1, List.of(new TextKey("CHAP_N", "alice"), new TextKey("CHAP_R", "0x00")))
                    .status()).isEqualTo(0x0201);
        }
        try (InitiatorSession s = fx.login(SecurityFixture.options(ALICE, 11).withChap(ALICE_CHAP))) {
            works(s); // the portal is unharmed
        }
    }
}
