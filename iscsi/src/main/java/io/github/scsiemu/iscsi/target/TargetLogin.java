package io.github.scsiemu.iscsi.target;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The target's side of the login phase of one connection (RFC 7143 6.3 and 11.12-11.13): identity keys
 * (InitiatorName, SessionType, TargetName), security negotiation with AuthMethod=None, operational negotiation
 * through {@link Negotiation}, stage transitions, continued text (C bit), StatSN, TSIH and TargetPortalGroupTag.
 * A failed login gets its status and the connection is closed by the caller.
 */
final class TargetLogin {
    /** Data segments during login are at most 8192 bytes (RFC 7143 13.12). */
    static final int LOGIN_SEGMENT_LIMIT = 8192;

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
                return fail(LoginFailure.INITIATOR_ERROR);
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
                    negotiation = new Negotiation(portal.settings().policy(), identity.discovery());
                }
                Optional<Result> done = step(request, keys, first);
                first = false;
                if (done.isPresent()) {
                    return done;
                }
            } catch (LoginFailure e) {
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
        List<TextKey> answers = new ArrayList<>(negotiation.receive(keys));
        Map<String, String> results = negotiation.results();
        if (csg == 0 && keys.stream().anyMatch(k -> k.key().equals(Keys.AUTH_METHOD))
                && !"None".equals(results.get(Keys.AUTH_METHOD))) {
            throw new LoginFailure(LoginFailure.AUTHENTICATION_FAILURE, "no acceptable AuthMethod");
        }
        if (first && !identity.discovery()) {
            answers.add(new TextKey(Keys.TARGET_PORTAL_GROUP_TAG, Integer.toString(identity.portalGroupTag())));
        }
        if (csg == 1 && !declaredSegmentLength) {
            declaredSegmentLength = true;
            answers.add(new TextKey(Keys.MAX_RECV_DATA_SEGMENT_LENGTH,
                    Integer.toString(portal.settings().maxRecvDataSegmentLength())));
        }
        boolean transit = request.transit();
        int nsg = request.nextStage();
        if (transit && (nsg <= csg || nsg == 2)) {
            throw new LoginFailure(LoginFailure.INITIATOR_ERROR, "invalid next stage " + nsg);
        }
        if (!transit || nsg != 3) {
            respond(transit, transit ? nsg : 0, 0, answers);
            return Optional.empty();
        }
        int tsih = portal.nextTsih();
        int next = respond(true, 3, tsih, answers);
        int ownLimit = declaredSegmentLength ? portal.settings().maxRecvDataSegmentLength() : 8192;
        return Optional.of(new Result(identity, OperationalParameters.from(results, ownLimit), expCmdSn, next, tsih));
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
