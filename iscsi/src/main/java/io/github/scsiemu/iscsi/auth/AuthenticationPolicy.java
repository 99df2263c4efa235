package io.github.scsiemu.iscsi.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a target authenticates initiators in the security negotiation stage (RFC 7143 6.3.1 and 12.1): whether CHAP
 * is required, merely offered ({@code AuthMethod=CHAP,None}) or not used at all, the initiator accounts it accepts
 * (one-way CHAP), the name and secret it answers with when an initiator asks it to authenticate itself (mutual
 * CHAP), and the CHAP algorithms it accepts. RFC 7143 12.1.3 forbids using one secret in both directions, so the
 * target's secret must differ from every initiator account's.
 *
 * @param chapRequired      whether an initiator must authenticate with CHAP (AuthMethod=CHAP only)
 * @param chapOffered       whether CHAP is acceptable at all
 * @param initiatorAccounts the CHAP names and secrets initiators authenticate with
 * @param targetCredentials the target's own name and secret for mutual CHAP; empty if it cannot authenticate
 *                          itself (an initiator that asks then fails)
 * @param algorithms        the acceptable CHAP_A algorithms
 */
public record AuthenticationPolicy(boolean chapRequired, boolean chapOffered, List<ChapCredentials> initiatorAccounts,
        Optional<ChapCredentials> targetCredentials, List<ChapAlgorithm> algorithms) {

    /** No authentication: AuthMethod=None only. */
    public static final AuthenticationPolicy NONE = new AuthenticationPolicy(false, false, List.of(),
            Optional.empty(), List.of(ChapAlgorithm.values()));

    public AuthenticationPolicy {
        initiatorAccounts = List.copyOf(initiatorAccounts);
        Objects.requireNonNull(targetCredentials, "targetCredentials");
        algorithms = List.copyOf(algorithms);
        if (chapRequired && !chapOffered) {
            throw new IllegalArgumentException("CHAP cannot be required without being offered");
        }
        if (chapOffered && (initiatorAccounts.isEmpty() || algorithms.isEmpty())) {
            throw new IllegalArgumentException("CHAP needs at least one initiator account and one algorithm");
        }
        if (targetCredentials.isPresent()) {
            byte[] own = targetCredentials.get().secretBytes();
            for (ChapCredentials c : initiatorAccounts) {
                if (Arrays.equals(own, c.secretBytes())) {
                    throw new IllegalArgumentException("the target's CHAP secret must differ from the secret of "
                            + "initiator account " + c.name() + " (RFC 7143 12.1.3)");
                }
            }
        }
    }

    /** CHAP required, accepting the given initiator accounts, with every supported algorithm. */
    public static AuthenticationPolicy chap(ChapCredentials... initiatorAccounts) {
        return new AuthenticationPolicy(true, true, List.of(initiatorAccounts), Optional.empty(),
                List.of(ChapAlgorithm.values()));
    }

    /** This policy with the target's own credentials, so that initiators may ask for mutual CHAP. */
    public AuthenticationPolicy withTargetCredentials(ChapCredentials target) {
        return new AuthenticationPolicy(chapRequired, chapOffered, initiatorAccounts,
                Optional.of(Objects.requireNonNull(target, "target")), algorithms);
    }

    /** This policy with CHAP optional: an initiator offering only AuthMethod=None is let in as well. */
    public AuthenticationPolicy optional() {
        return new AuthenticationPolicy(false, chapOffered, initiatorAccounts, targetCredentials, algorithms);
    }

    /** This policy accepting only the given algorithms. */
    public AuthenticationPolicy withAlgorithms(ChapAlgorithm... accepted) {
        return new AuthenticationPolicy(chapRequired, chapOffered, initiatorAccounts, targetCredentials,
                List.of(accepted));
    }

    /** Whether a login may skip authentication (AuthMethod=None, or no security stage at all). */
    public boolean allowsNone() {
        return !chapRequired;
    }

    /** The target's AuthMethod values in order of preference, as the negotiation policy of the key. */
    public String authMethods() {
        if (!chapOffered) {
            return "None";
        }
        return chapRequired ? "CHAP" : "CHAP,None";
    }

    /** The initiator account with the given CHAP name. */
    public Optional<ChapCredentials> account(String name) {
        return initiatorAccounts.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
