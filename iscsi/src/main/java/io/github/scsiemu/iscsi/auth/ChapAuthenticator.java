package io.github.scsiemu.iscsi.auth;

import io.github.scsiemu.iscsi.text.TextKey;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The target's side of one CHAP exchange (RFC 7143 12.1.3, RFC 1994): answers the initiator's CHAP_A list with the
 * first algorithm the policy accepts, a random identifier and a fresh random challenge; then checks CHAP_N and
 * CHAP_R against the policy's accounts (compared in constant time) and, when the initiator sends CHAP_I and CHAP_C
 * to authenticate the target (mutual CHAP), answers with the target's CHAP_N and CHAP_R. It refuses an initiator
 * challenge equal to its own (a reflection attack), a response the target's own secret would produce, keys out of
 * order, and an initiator asking for mutual CHAP when the target has no credentials. Not thread-safe: one per login.
 */
public final class ChapAuthenticator {
    private enum Step {
        ALGORITHM,
        RESPONSE,
        DONE
    }

    private final AuthenticationPolicy policy;
    private final SecureRandom random;
    private Step step = Step.ALGORITHM;
    private ChapAlgorithm algorithm;
    private int identifier;
    private byte[] challenge;
    private ChapCredentials authenticated;

    /**
     * An exchange under {@code policy}.
     *
     * @param policy the accounts, target credentials and algorithms
     * @param random the source of identifiers and challenges
     */
    public ChapAuthenticator(AuthenticationPolicy policy, SecureRandom random) {
        this.policy = policy;
        this.random = random;
    }

    /**
     * Takes the CHAP keys of one login request and returns the CHAP keys of the response.
     *
     * @param keys the request's CHAP_* keys by name
     * @return the keys to answer with
     * @throws AuthenticationException if authentication fails
     */
    public List<TextKey> receive(Map<String, String> keys) throws AuthenticationException {
        switch (step) {
            case ALGORITHM:
                return challenge(keys);
            case RESPONSE:
                return verify(keys);
            default:
                throw new AuthenticationException("CHAP keys after authentication finished: " + keys.keySet());
        }
    }

    /** Whether the initiator has authenticated. */
    public boolean done() {
        return step == Step.DONE;
    }

    /** The account the initiator authenticated as, once {@link #done()}. */
    public Optional<ChapCredentials> authenticated() {
        return Optional.ofNullable(authenticated);
    }

    private List<TextKey> challenge(Map<String, String> keys) throws AuthenticationException {
        if (!keys.keySet().equals(Set.of(ChapKeys.A))) {
            throw new AuthenticationException("expected CHAP_A alone, got " + keys.keySet());
        }
        for (String code : keys.get(ChapKeys.A).split(",")) {
            Optional<ChapAlgorithm> a;
            try {
                a = ChapAlgorithm.ofCode(Integer.parseInt(code.trim()));
            } catch (NumberFormatException e) {
                a = Optional.empty();
            }
            if (a.isPresent() && policy.algorithms().contains(a.get())) {
                algorithm = a.get();
                break;
            }
        }
        if (algorithm == null) {
            throw new AuthenticationException("no acceptable CHAP_A in " + keys.get(ChapKeys.A));
        }
        identifier = random.nextInt(256);
        challenge = new byte[ChapKeys.CHALLENGE_LENGTH];
        random.nextBytes(challenge);
        step = Step.RESPONSE;
        return List.of(new TextKey(ChapKeys.A, Integer.toString(algorithm.code())),
                new TextKey(ChapKeys.I, Integer.toString(identifier)),
                new TextKey(ChapKeys.C, BinaryValue.encode(challenge)));
    }

    private List<TextKey> verify(Map<String, String> keys) throws AuthenticationException {
        if (!Set.of(ChapKeys.N, ChapKeys.R, ChapKeys.I, ChapKeys.C).containsAll(keys.keySet())) {
            throw new AuthenticationException("unexpected CHAP keys " + keys.keySet());
        }
        String name = ChapKeys.required(keys, ChapKeys.N);
        byte[] response = BinaryValue.decode(ChapKeys.required(keys, ChapKeys.R));
        ChapCredentials account = policy.account(name)
                .orElseThrow(() -> new AuthenticationException("unknown CHAP name " + name));
        byte[] expected = algorithm.response(identifier, account.secretBytes(), challenge);
        if (!MessageDigest.isEqual(expected, response)) {
            throw new AuthenticationException("wrong CHAP_R for " + name);
        }
        Optional<ChapCredentials> own = policy.targetCredentials();
        if (own.isPresent() && MessageDigest.isEqual(response,
                algorithm.response(identifier, own.get().secretBytes(), challenge))) {
            throw new AuthenticationException("CHAP_R made with the target's own secret");
        }
        List<TextKey> answer = new ArrayList<>();
        boolean mutual = keys.containsKey(ChapKeys.I) || keys.containsKey(ChapKeys.C);
        if (mutual) {
            int id = ChapKeys.identifier(ChapKeys.required(keys, ChapKeys.I));
            byte[] theirs = ChapKeys.challenge(ChapKeys.required(keys, ChapKeys.C));
            if (MessageDigest.isEqual(theirs, challenge)) {
                throw new AuthenticationException("the initiator reflected the target's challenge");
            }
            ChapCredentials target = own.orElseThrow(
                    () -> new AuthenticationException("mutual CHAP asked for but the target has no credentials"));
            answer.add(new TextKey(ChapKeys.N, target.name()));
            answer.add(new TextKey(ChapKeys.R,
                    BinaryValue.encode(algorithm.response(id, target.secretBytes(), theirs))));
        }
        authenticated = account;
        step = Step.DONE;
        return answer;
    }
}
