package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.iscsi.auth.AuthenticationException;
import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.auth.ChapAuthenticator;
import io.github.scsiemu.iscsi.pdu.Digests;
import io.github.scsiemu.iscsi.pdu.LoginRequestPdu;
import io.github.scsiemu.iscsi.pdu.LoginResponsePdu;
import io.github.scsiemu.iscsi.pdu.Pdu;
import io.github.scsiemu.iscsi.pdu.PduCodec;
import io.github.scsiemu.iscsi.pdu.PduFormatException;
import io.github.scsiemu.iscsi.pdu.PduReader;
import io.github.scsiemu.iscsi.pdu.PduWriter;
import io.github.scsiemu.iscsi.pdu.RawPdu;
import io.github.scsiemu.iscsi.text.Keys;
import io.github.scsiemu.iscsi.text.Negotiation;
import io.github.scsiemu.iscsi.text.OperationalParameters;
import io.github.scsiemu.iscsi.text.TextCodec;
import io.github.scsiemu.iscsi.text.TextFormatException;
import io.github.scsiemu.iscsi.text.TextKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The target's side of the login phase of one connection (RFC 7143 6.3 and 11.12-11.13): identity keys
 * (InitiatorName, SessionType, TargetName), the target's access control list (0x0202 authorization failure for an
 * initiator it does not list), security negotiation (AuthMethod under the target's {@link AuthenticationPolicy};
 * CHAP through a {@link ChapAuthenticator}; a login that tries to leave the security stage unauthenticated when
 * the policy requires CHAP, or whose CHAP exchange fails, ends with 0x0201 authentication failure), operational
 * negotiation through {@link Negotiation}, stage transitions, continued text (C bit), StatSN, TSIH and
 * TargetPortalGroupTag. Digests the target's settings require are enforced (0x0200 when the initiator offers no
 * acceptable value), and a non-login request during login gets 0x020B invalid during login (RFC 7143 11.13.5). A
 * failed login gets its status and the connection is closed by the caller.
 */
final class TargetLogin {
    /** Data segments during login are at most 8192 bytes (RFC 7143 13.12). */
    static final int LOGIN_SEGMENT_LIMIT = 8192;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final System.Logger LOG = System.getLogger(TargetLogin.class.getName());

    /** The outcome of a successful login. */
    record Result(SessionIdentity identity, OperationalParameters params, int expCmdSn, int nextStatSn, int tsih) {
    }

    private final IscsiTarget portal;
    private final PduReader reader;
    private final PduWriter writer;
    private int statSn = ThreadLocalRandom.current().nextInt();
    private int expCmdSn;
    private long isid;
    private int itt;
    private int stage;
    private boolean declaredSegmentLength;
    private SessionIdentity identity;
    private Negotiation negotiation;
    private AuthenticationPolicy authentication;
    private ChapAuthenticator chap;
    private boolean authenticated;

    TargetLogin(IscsiTarget portal, PduReader reader, PduWriter writer) {
        this.portal = portal;
        this.reader = reader;
        this.writer = writer;
    }

    /** Runs the login; empty if it failed or the initiator went away (a failure status has then been sent). */
    Optional<Result> run() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        boolean first = true;
        while (true) {
            RawPdu raw;
            Pdu pdu;
            try {
                raw = reader.read(Digests.NONE, LOGIN_SEGMENT_LIMIT);
                if (raw == null) {
                    return Optional.empty();
                }
                pdu = PduCodec.decode(raw);
            } catch (PduFormatException e) {
                return fail(LoginFailure.INITIATOR_ERROR);
            }
            if (!(pdu instanceof LoginRequestPdu)) {
                // another initiator request is "invalid during login"; a target PDU is a plain initiator error
                return fail(pdu.opcode().code() < 0x20 ? LoginFailure.INVALID_DURING_LOGIN
                        : LoginFailure.INITIATOR_ERROR);
            }
            LoginRequestPdu request = (LoginRequestPdu) pdu;
            itt = request.initiatorTaskTag();
            stage = request.currentStage();
            try {
                if (first) {
                    isid = request.isid();
                    expCmdSn = request.cmdSn();
                    if (request.versionMin() > 0) {
                        throw new LoginFailure(LoginFailure.UNSUPPORTED_VERSION, "version " + request.versionMin());
                    }
                    if (request.tsih() != 0) {
                        throw new LoginFailure(LoginFailure.SESSION_DOES_NOT_EXIST, "no multi-connection sessions");
                    }
                }
                byte[] segment = new byte[request.data().remaining()];
                request.data().get(segment);
                text.writeBytes(segment);
                if (request.continueFlag()) {
                    respond(false, 0, 0, List.of());
                    continue;
                }
                List<TextKey> keys = TextCodec.decode(ByteBuffer.wrap(text.toByteArray()));
                text.reset();
                if (first) {
                    identity = identify(keys);
                    authentication = identity.target().map(ExportedTarget::authentication)
                            .orElse(portal.discoveryAuthentication());
                    Map<String, String> policy = new LinkedHashMap<>(portal.settings().policy());
                    policy.put(Keys.AUTH_METHOD, authentication.authMethods());
                    negotiation = new Negotiation(policy, identity.discovery());
                }
                Optional<Result> done = step(request, keys, first);
                first = false;
                if (done.isPresent()) {
                    return done;
                }
            } catch (LoginFailure e) {
                LOG.log(System.Logger.Level.DEBUG, () -> String.format("login failed with %04x: %s", e.status,
                        e.getMessage()));
                return fail(e.status);
            } catch (TextFormatException e) {
                return fail(LoginFailure.INITIATOR_ERROR);
            }
        }
    }

    private SessionIdentity identify(List<TextKey> keys) throws LoginFailure {
        String initiator = value(keys, Keys.INITIATOR_NAME)
                .orElseThrow(() -> new LoginFailure(LoginFailure.MISSING_PARAMETER, "InitiatorName missing"));
        String type = value(keys, Keys.SESSION_TYPE).orElse("Normal");
        int tpgt = portal.portalGroupTag();
        if (type.equals("Discovery")) {
            return new SessionIdentity(initiator, isid, Optional.empty(), tpgt);
        }
        if (!type.equals("Normal")) {
            throw new LoginFailure(LoginFailure.SESSION_TYPE_NOT_SUPPORTED, type);
        }
        String name = value(keys, Keys.TARGET_NAME)
                .orElseThrow(() -> new LoginFailure(LoginFailure.MISSING_PARAMETER, "TargetName missing"));
        ExportedTarget target = portal.target(name)
                .orElseThrow(() -> new LoginFailure(LoginFailure.NOT_FOUND, "no target " + name));
        if (!target.access().permits(initiator)) {
            throw new LoginFailure(LoginFailure.AUTHORIZATION_FAILURE, initiator + " may not log in to " + name);
        }
        return new SessionIdentity(initiator, isid, Optional.of(target), tpgt);
    }

    private static Optional<String> value(List<TextKey> keys, String key) {
        return keys.stream().filter(k -> k.key().equals(key)).map(TextKey::value).findFirst();
    }

    private Optional<Result> step(LoginRequestPdu request, List<TextKey> keys, boolean first)
            throws LoginFailure, TextFormatException, IOException {
        int csg = request.currentStage();
        if (csg == 2 || csg == 3) {
            throw new LoginFailure(LoginFailure.INITIATOR_ERROR, "invalid current stage " + csg);
        }
        Map<String, String> chapKeys = new LinkedHashMap<>();
        List<TextKey> others = new ArrayList<>();
        for (TextKey k : keys) {
            if (k.key().startsWith("CHAP_")) {
                if (chapKeys.put(k.key(), k.value()) != null) {
                    throw new LoginFailure(LoginFailure.AUTHENTICATION_FAILURE, k.key() + " sent twice");
                }
            } else {
                others.add(k);
            }
        }
        List<TextKey> answers = new ArrayList<>(negotiation.receive(others));
        answers.addAll(security(csg, others, chapKeys, request.transit()));
        if (first && !identity.discovery()) {
            answers.add(new TextKey(Keys.TARGET_PORTAL_GROUP_TAG, Integer.toString(identity.portalGroupTag())));
        }
        if (csg == 1 && !declaredSegmentLength) {
            declaredSegmentLength = true;
            answers.add(new TextKey(Keys.MAX_RECV_DATA_SEGMENT_LENGTH,
                    Integer.toString(portal.settings().maxRecvDataSegmentLength())));
        }
        boolean transit = request.transit() && authenticated;
        int nsg = request.nextStage();
        if (transit && (nsg <= csg || nsg == 2)) {
            throw new LoginFailure(LoginFailure.INITIATOR_ERROR, "invalid next stage " + nsg);
        }
        if (!transit || nsg != 3) {
            respond(transit, transit ? nsg : 0, 0, answers);
            return Optional.empty();
        }
        requireAcceptableDigests();
        int tsih = portal.nextTsih();
        int next = respond(true, 3, tsih, answers);
        int ownLimit = declaredSegmentLength ? portal.settings().maxRecvDataSegmentLength() : 8192;
        return Optional.of(new Result(identity, OperationalParameters.from(negotiation.results(), ownLimit), expCmdSn, next, tsih));
    }

    /**
     * Fails the login with 0x0200 (initiator error) when the HeaderDigest or DataDigest that would be in force is not
     * one the target's settings accept: the initiator offered no acceptable value (answering {@code Reject} would
     * leave the default None in force, RFC 7143 6.2.1 and 13.1) or never offered the key at all. Without this a target
     * configured to require CRC32C would silently run without it, e.g. with libiscsi 1.19, which always offers
     * {@code DataDigest=None}. The status is the one LIO gives when a proposer's value list holds no value of the
     * acceptor's list ({@code iscsi_check_acceptor_state} fails, and {@code iscsi_target_handle_csg_one} in
     * {@code iscsi_target_nego.c} answers ISCSI_STATUS_CLS_INITIATOR_ERR / ISCSI_LOGIN_STATUS_INIT_ERR); RFC 7143
     * 11.13.5 defines 0x0200 as the miscellaneous initiator error. A Reject that leaves an acceptable default in
     * force (e.g. {@code HeaderDigest=MD5} against {@code None,CRC32C}) lets the login go on.
     */
    private void requireAcceptableDigests() throws LoginFailure {
        Map<String, String> results = negotiation.results();
        Map<String, String> policy = portal.settings().policy();
        for (String key : List.of(Keys.HEADER_DIGEST, Keys.DATA_DIGEST)) {
            String inForce = results.getOrDefault(key, Keys.definition(key).orElseThrow().defaultValue());
            if (!List.of(policy.get(key).split(",")).contains(inForce)) {
                throw new LoginFailure(LoginFailure.INITIATOR_ERROR, key + "=" + inForce + " is not acceptable");
            }
        }
    }

    /**
     * The security part of one request: AuthMethod's outcome, the CHAP exchange, and whether the initiator may leave
     * the security stage; returns the CHAP keys to answer with.
     */
    private List<TextKey> security(int csg, List<TextKey> others, Map<String, String> chapKeys,
            boolean transitWish) throws LoginFailure {
        List<TextKey> answers = new ArrayList<>();
        if (csg == 0 && others.stream().anyMatch(k -> k.key().equals(Keys.AUTH_METHOD))) {
            String method = negotiation.results().get(Keys.AUTH_METHOD);
            if ("CHAP".equals(method)) {
                chap = new ChapAuthenticator(authentication, RANDOM);
            } else if ("None".equals(method)) {
                authenticated = true;
            } else {
                throw new LoginFailure(LoginFailure.AUTHENTICATION_FAILURE, "no acceptable AuthMethod");
            }
        }
        if (!chapKeys.isEmpty()) {
            if (csg != 0 || chap == null || authenticated) {
                throw new LoginFailure(LoginFailure.AUTHENTICATION_FAILURE, "CHAP keys not expected now");
            }
            try {
                answers.addAll(chap.receive(chapKeys));
            } catch (AuthenticationException e) {
                throw new LoginFailure(LoginFailure.AUTHENTICATION_FAILURE, e.getMessage());
            }
            authenticated = chap.done();
        }
        boolean leaving = csg == 1 || (transitWish && chap == null);
        if (leaving && !authenticated) {
            if (chap != null || !authentication.allowsNone()) {
                throw new LoginFailure(LoginFailure.AUTHENTICATION_FAILURE, "authentication required");
            }
            authenticated = true;
        }
        return answers;
    }

    /** Sends a login response; returns the next StatSN. */
    private int respond(boolean transit, int nsg, int tsih, List<TextKey> keys) throws IOException {
        int sn = statSn++;
        writer.write(new LoginResponsePdu(transit, false, stage, nsg, 0, 0, isid, tsih, itt, sn, expCmdSn,
                expCmdSn + portal.settings().commandWindow() - 1, 0, 0, TextCodec.encode(keys)).toRaw(),
                Digests.NONE);
        return statSn;
    }

    private Optional<Result> fail(int status) throws IOException {
        writer.write(new LoginResponsePdu(false, false, stage, 0, 0, 0, isid, 0, itt, statSn++, expCmdSn, expCmdSn,
                status >> 8, status & 0xFF, Pdu.empty()).toRaw(), Digests.NONE);
        return Optional.empty();
    }
}
