package io.github.scsiemu.iscsi.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One side of a text negotiation (RFC 7143 6.2), driven by the key table {@link Keys}. The same engine serves the
 * target and the initiator: keys this side offered and the peer answers are checked and recorded; keys the peer
 * offers are answered from this side's policy (list, minimum, maximum, AND, OR), declaratives are recorded, unknown
 * keys are answered NotUnderstood, and session-wide data-transfer keys in a discovery session are answered
 * Irrelevant.
 *
 * <p>{@link #results()} holds, per key, the negotiated value, or for declaratives the value the <em>peer</em>
 * declared. Not thread-safe: one per login or text exchange.
 */
public final class Negotiation {
    private final Map<String, String> policy;
    private final boolean discovery;
    private final Map<String, String> outstanding = new HashMap<>();
    private final Map<String, String> results = new LinkedHashMap<>();
    private final Set<String> received = new HashSet<>();

    /**
     * A negotiation.
     *
     * @param policy    this side's values: for list keys the acceptable values in order of preference, comma
     *                  separated; for numeric keys this side's limit; for booleans this side's wish
     * @param discovery whether the session is a discovery session
     */
    public Negotiation(Map<String, String> policy, boolean discovery) {
        this.policy = Map.copyOf(policy);
        this.discovery = discovery;
    }

    /**
     * Records keys this side sends as offers (declaratives are not answered and need no record) and returns them.
     *
     * @param keys the keys to send
     * @return the same keys
     */
    public List<TextKey> offer(List<TextKey> keys) {
        for (TextKey k : keys) {
            Optional<KeyDefinition> d = Keys.definition(k.key());
            if (d.isPresent() && d.get().function() != ResultFunction.DECLARATIVE
                    && d.get().function() != ResultFunction.AUTHENTICATION) {
                outstanding.put(k.key(), k.value());
            }
        }
        return keys;
    }

    /**
     * Processes keys received from the peer.
     *
     * @param keys the received keys
     * @return the answers to send back, in the order of the peer's offers
     * @throws TextFormatException if the peer offered a key twice or answered an offer with an illegal value
     */
    public List<TextKey> receive(List<TextKey> keys) throws TextFormatException {
        List<TextKey> answers = new ArrayList<>();
        for (TextKey k : keys) {
            String offeredValue = outstanding.remove(k.key());
            if (offeredValue != null) {
                checkAnswer(k, offeredValue);
                continue;
            }
            if (!received.add(k.key())) {
                throw new TextFormatException("key sent twice: " + k.key());
            }
            respond(k).ifPresent(answers::add);
        }
        return answers;
    }

    /** Whether offers of this side are still unanswered. */
    public boolean hasOutstandingOffers() {
        return !outstanding.isEmpty();
    }

    /** The keys negotiated or declared by the peer so far, in the order they were settled. */
    public Map<String, String> results() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    private Optional<TextKey> respond(TextKey k) throws TextFormatException {
        Optional<KeyDefinition> found = Keys.definition(k.key());
        if (found.isEmpty()) {
            return Optional.of(new TextKey(k.key(),
                    Keys.isRetiredMarkerInterval(k.key()) ? TextKey.IRRELEVANT : TextKey.NOT_UNDERSTOOD));
        }
        KeyDefinition d = found.get();
        switch (d.function()) {
            case AUTHENTICATION:
                results.put(k.key(), k.value());
                return Optional.empty();
            case DECLARATIVE:
                if (d.isNumeric()) {
                    d.number(k.value());
                }
                results.put(k.key(), k.value());
                return Optional.empty();
            default:
                break;
        }
        if (discovery && d.irrelevantInDiscovery()) {
            return Optional.of(new TextKey(k.key(), TextKey.IRRELEVANT));
        }
        String answer = answer(d, k.value(), policy.getOrDefault(k.key(), d.defaultValue()));
        if (!answer.equals(TextKey.REJECT)) {
            results.put(k.key(), answer);
        }
        return Optional.of(new TextKey(k.key(), answer));
    }

    /** The responder's answer to an offer (RFC 7143 6.2.1, 6.2.2); Reject for an illegal offer. */
    static String answer(KeyDefinition d, String offer, String mine) throws TextFormatException {
        try {
            switch (d.function()) {
                case LIST: {
                    List<String> acceptable = Arrays.asList(mine.split(","));
                    for (String v : offer.split(",")) {
                        if (acceptable.contains(v)) {
                            return v;
                        }
                    }
                    return TextKey.REJECT;
                }
                case MINIMUM:
                    return Long.toString(Math.min(d.number(offer), d.number(mine)));
                case MAXIMUM:
                    return Long.toString(Math.max(d.number(offer), d.number(mine)));
                case AND:
                    return d.bool(offer) && d.bool(mine) ? "Yes" : "No";
                case OR:
                    return d.bool(offer) || d.bool(mine) ? "Yes" : "No";
                default:
                    throw new IllegalStateException("not negotiated: " + d.name());
            }
        } catch (TextFormatException illegalOffer) {
            return TextKey.REJECT;
        }
    }

    /** Checks the peer's answer to an offer of ours and records the outcome (RFC 7143 6.2.2). */
    private void checkAnswer(TextKey k, String offered) throws TextFormatException {
        String a = k.value();
        if (a.equals(TextKey.REJECT) || a.equals(TextKey.IRRELEVANT) || a.equals(TextKey.NOT_UNDERSTOOD)) {
            return; // the default stays in force
        }
        KeyDefinition d = Keys.definition(k.key()).orElseThrow();
        boolean legal;
        switch (d.function()) {
            case LIST:
                legal = Arrays.asList(offered.split(",")).contains(a);
                break;
            case MINIMUM:
                legal = d.number(a) <= d.number(offered);
                break;
            case MAXIMUM:
                legal = d.number(a) >= d.number(offered);
                break;
            case AND:
                legal = d.bool(offered) || !d.bool(a);
                break;
            case OR:
                legal = !d.bool(offered) || d.bool(a);
                break;
            default:
                legal = true;
        }
        if (!legal) {
            throw new TextFormatException("illegal answer " + k + " to offer " + offered);
        }
        results.put(k.key(), a);
    }
}
