package io.github.scsiemu.iscsi.auth;

import io.github.scsiemu.iscsi.text.TextKey;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The initiator's side of one CHAP exchange (RFC 7143 12.1.3, RFC 1994): offers its algorithms, answers the
 * target's challenge with CHAP_N and CHAP_R and, for mutual CHAP, sends its own identifier and fresh challenge and
 * checks the target's CHAP_N and CHAP_R. It refuses an algorithm it did not offer, a target challenge equal to the
 * one it sent (reflection), and a target response made with the initiator's own secret. Not thread-safe.
 */
public final class ChapResponder {
    private final ChapCredentials credentials;
    private final Optional<ChapCredentials> target;
    private final List<ChapAlgorithm> algorithms;
    private final SecureRandom random;
    private ChapAlgorithm algorithm;
    private int identifier;
    private byte[] challenge;

    /**
     * An exchange.
     *
     * @param credentials what this initiator authenticates with
     * @param target      the target's expected name and secret for mutual CHAP; empty for one-way CHAP
     * @param algorithms  the algorithms to offer, in order of preference
     * @param random      the source of the mutual CHAP identifier and challenge
     */
    public ChapResponder(ChapCredentials credentials, Optional<ChapCredentials> target,
            List<ChapAlgorithm> algorithms, SecureRandom random) {
        this.credentials = credentials;
        this.target = target;
        this.algorithms = List.copyOf(algorithms);
        this.random = random;
    }

    /** The CHAP_A offer. */
    public TextKey offer() {
        return new TextKey(ChapKeys.A,
                algorithms.stream().map(a -> Integer.toString(a.code())).collect(Collectors.joining(",")));
    }

    /**
     * Answers the target's CHAP_A, CHAP_I and CHAP_C.
     *
     * @param keys the target's CHAP keys
     * @return CHAP_N and CHAP_R, and for mutual CHAP also CHAP_I and CHAP_C
     * @throws AuthenticationException if the target's keys are missing or not acceptable
     */
    public List<TextKey> respond(Map<String, String> keys) throws AuthenticationException {
        String a = ChapKeys.required(keys, ChapKeys.A);
        try {
            algorithm = ChapAlgorithm.ofCode(Integer.parseInt(a)).filter(algorithms::contains)
                    .orElseThrow(() -> new AuthenticationException("target chose CHAP_A=" + a + ", not offered"));
        } catch (NumberFormatException e) {
            throw new AuthenticationException("CHAP_A is not a number: " + a);
        }
        int id = ChapKeys.identifier(ChapKeys.required(keys, ChapKeys.I));
        byte[] theirs = ChapKeys.challenge(ChapKeys.required(keys, ChapKeys.C));
        List<TextKey> answer = new ArrayList<>();
        answer.add(new TextKey(ChapKeys.N, credentials.name()));
        answer.add(new TextKey(ChapKeys.R,
                BinaryValue.encode(algorithm.response(id, credentials.secretBytes(), theirs))));
        if (target.isPresent()) {
            identifier = random.nextInt(256);
            do {
                challenge = new byte[ChapKeys.CHALLENGE_LENGTH];
                random.nextBytes(challenge);
            } while (MessageDigest.isEqual(challenge, theirs));
            answer.add(new TextKey(ChapKeys.I, Integer.toString(identifier)));
            answer.add(new TextKey(ChapKeys.C, BinaryValue.encode(challenge)));
        }
        return answer;
    }

    /**
     * Checks the target's answer to our challenge (mutual CHAP only; nothing to check otherwise).
     *
     * @param keys the target's CHAP keys in the response that ends the security stage
     * @throws AuthenticationException if the target did not prove it knows its secret
     */
    public void verify(Map<String, String> keys) throws AuthenticationException {
        if (target.isEmpty()) {
            return;
        }
        String name = ChapKeys.required(keys, ChapKeys.N);
        byte[] response = BinaryValue.decode(ChapKeys.required(keys, ChapKeys.R));
        if (!name.equals(target.get().name())) {
            throw new AuthenticationException("target answered as " + name);
        }
        if (MessageDigest.isEqual(response, algorithm.response(identifier, credentials.secretBytes(), challenge))) {
            throw new AuthenticationException("target answered with the initiator's own secret");
        }
        if (!MessageDigest.isEqual(response, algorithm.response(identifier, target.get().secretBytes(), challenge))) {
            throw new AuthenticationException("wrong CHAP_R from the target");
        }
    }
}
