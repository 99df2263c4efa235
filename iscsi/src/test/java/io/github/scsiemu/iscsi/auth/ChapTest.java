package io.github.scsiemu.iscsi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.iscsi.text.TextKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChapTest {
    private static final byte[] CHALLENGE = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    private static final ChapCredentials INITIATOR = new ChapCredentials("alice", "initiator-secret");
    private static final ChapCredentials TARGET = new ChapCredentials("target", "target-secret-1");

    @Test
    void md5ResponseIsTheHashOfIdentifierSecretAndChallenge() {
        assertThat(HexFormat.of().formatHex(ChapAlgorithm.MD5.response(7, INITIATOR.secretBytes(), CHALLENGE)))
                .isEqualTo("a172b718126bb3191344d50be137ec5e");
        assertThat(HexFormat.of().formatHex(ChapAlgorithm.SHA256.response(7, INITIATOR.secretBytes(), CHALLENGE)))
                .isEqualTo("2ff546ed0f5c995e04132023878b260b38fe0650751df9dc9e5d98dd95ec1c7c");
        assertThat(ChapAlgorithm.ofCode(5)).contains(ChapAlgorithm.MD5);
        assertThat(ChapAlgorithm.ofCode(7)).contains(ChapAlgorithm.SHA256);
        assertThat(ChapAlgorithm.ofCode(56)).isEmpty();
    }

    @Test
    void binaryValuesAcceptHexOddHexAndBase64() throws Exception {
        assertThat(BinaryValue.decode("0x0aFF")).containsExactly(0x0A, 0xFF);
        assertThat(BinaryValue.decode("0Xabc")).containsExactly(0x0A, 0xBC);
        assertThat(BinaryValue.decode("0bAQID")).containsExactly(1, 2, 3);
        assertThat(BinaryValue.encode(new byte[] {1, (byte) 0xAB})).isEqualTo("0x01ab");
        for (String bad : new String[] {"0x", "12", "0xzz", "0b", "0b!!", "abc"}) {
            assertThatThrownBy(() -> BinaryValue.decode(bad)).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void secretsShorterThanTwelveBytesAndSharedSecretsAreRefused() {
        assertThatThrownBy(() -> new ChapCredentials("bob", "elevenchars")).isInstanceOf(
                IllegalArgumentException.class);
        assertThat(new ChapCredentials("bob", "twelve-chars").name()).isEqualTo("bob");
        assertThat(INITIATOR.toString()).doesNotContain("initiator-secret");
        assertThatThrownBy(() -> AuthenticationPolicy.chap(INITIATOR)
                .withTargetCredentials(new ChapCredentials("target", "initiator-secret")))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12.1.3");
        assertThat(AuthenticationPolicy.chap(INITIATOR).authMethods()).isEqualTo("CHAP");
        assertThat(AuthenticationPolicy.chap(INITIATOR).optional().authMethods()).isEqualTo("CHAP,None");
        assertThat(AuthenticationPolicy.NONE.authMethods()).isEqualTo("None");
    }

    private static Map<String, String> map(List<TextKey> keys) {
        Map<String, String> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k.key(), k.value()));
        return m;
    }

    @Test
    void mutualExchangeSucceedsBetweenAuthenticatorAndResponder() throws Exception {
        ChapAuthenticator target = new ChapAuthenticator(
                AuthenticationPolicy.chap(INITIATOR).withTargetCredentials(TARGET), new SecureRandom());
        ChapResponder initiator = new ChapResponder(INITIATOR, Optional.of(TARGET),
                List.of(ChapAlgorithm.SHA3_256, ChapAlgorithm.MD5), new SecureRandom());
        assertThat(initiator.offer()).isEqualTo(new TextKey("CHAP_A", "8,5"));
        Map<String, String> challenge = map(target.receive(Map.of("CHAP_A", "8,5")));
        assertThat(challenge).containsEntry("CHAP_A", "8").containsKeys("CHAP_I", "CHAP_C");
        assertThat(BinaryValue.decode(challenge.get("CHAP_C"))).hasSize(32);
        Map<String, String> response = map(initiator.respond(challenge));
        assertThat(response).containsKeys("CHAP_N", "CHAP_R", "CHAP_I", "CHAP_C");
        Map<String, String> proof = map(target.receive(response));
        assertThat(target.done()).isTrue();
        assertThat(target.authenticated()).contains(INITIATOR);
        assertThat(proof).containsEntry("CHAP_N", "target");
        initiator.verify(proof);
        assertThatThrownBy(() -> initiator.verify(Map.of("CHAP_N", "target", "CHAP_R", "0x00")))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void authenticatorRefusesReflectionUnknownAlgorithmsAndMutualWithoutCredentials() throws Exception {
        ChapAuthenticator noAlgorithm = new ChapAuthenticator(AuthenticationPolicy.chap(INITIATOR),
                new SecureRandom());
        assertThatThrownBy(() -> noAlgorithm.receive(Map.of("CHAP_A", "56"))).isInstanceOf(
                AuthenticationException.class);

        ChapAuthenticator reflected = new ChapAuthenticator(
                AuthenticationPolicy.chap(INITIATOR).withTargetCredentials(TARGET), new SecureRandom());
        Map<String, String> c = map(reflected.receive(Map.of("CHAP_A", "5")));
        byte[] theirs = BinaryValue.decode(c.get("CHAP_C"));
        int id = Integer.parseInt(c.get("CHAP_I"));
        String r = BinaryValue.encode(ChapAlgorithm.MD5.response(id, INITIATOR.secretBytes(), theirs));
        assertThatThrownBy(() -> reflected.receive(Map.of("CHAP_N", "alice", "CHAP_R", r, "CHAP_I", "3",
                "CHAP_C", c.get("CHAP_C")))).isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("reflected");

        ChapAuthenticator oneWayOnly = new ChapAuthenticator(AuthenticationPolicy.chap(INITIATOR),
                new SecureRandom());
        Map<String, String> c2 = map(oneWayOnly.receive(Map.of("CHAP_A", "5")));
        String r2 = BinaryValue.encode(ChapAlgorithm.MD5.response(Integer.parseInt(c2.get("CHAP_I")),
                INITIATOR.secretBytes(), BinaryValue.decode(c2.get("CHAP_C"))));
        assertThatThrownBy(() -> oneWayOnly.receive(Map.of("CHAP_N", "alice", "CHAP_R", r2, "CHAP_I", "3",
                "CHAP_C", "0x0102030405060708"))).isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("no credentials");
        assertThat(oneWayOnly.done()).isFalse();
    }
}
