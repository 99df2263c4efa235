package io.github.scsiemu.iscsi.initiator;

import io.github.scsiemu.iscsi.auth.AuthenticationException;
import io.github.scsiemu.iscsi.auth.ChapAlgorithm;
import io.github.scsiemu.iscsi.auth.ChapResponder;
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
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The initiator's side of the login phase (RFC 7143 6.3): security stage with the identity keys and AuthMethod
 * (CHAP through a {@link ChapResponder} when the target picks it, RFC 7143 12.1.3), then operational negotiation
 * through {@link Negotiation}, then full feature phase. A target that does not authenticate itself when mutual
 * CHAP was asked for fails the login.
 */
final class InitiatorLogin {
    /** The outcome: parameters, the first CmdSN of full feature phase, ExpStatSN and the TSIH. */
    record Result(OperationalParameters params, int cmdSn, int expStatSn, int tsih, Map<String, String> keys) {
    }

    private static final int MAX_ROUNDS = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the CHAP exchange stands. */
    private enum Chap {
        NOT_STARTED,
        ALGORITHMS_SENT,
        RESPONSE_SENT,
        DONE
    }

    private InitiatorLogin() {
    }

    static Result run(LoginOptions o, PduReader reader, PduWriter writer) throws IOException {
        Map<String, String> policy = policy(o);
        Negotiation negotiation = new Negotiation(policy, o.isDiscovery());
        List<TextKey> security = new ArrayList<>();
        security.add(new TextKey(Keys.INITIATOR_NAME, o.initiatorName()));
        security.add(new TextKey(Keys.SESSION_TYPE, o.isDiscovery() ? "Discovery" : "Normal"));
        if (!o.isDiscovery()) {
            security.add(new TextKey(Keys.TARGET_NAME, o.targetName()));
        }
        security.addAll(negotiation.offer(List.of(new TextKey(Keys.AUTH_METHOD, o.authMethods()))));
        ChapResponder responder = o.chap().map(c -> new ChapResponder(c, o.targetChap(),
                List.of(ChapAlgorithm.SHA256, ChapAlgorithm.MD5), RANDOM)).orElse(null);
        Chap chap = Chap.NOT_STARTED;
        List<TextKey> operational = new ArrayList<>();
        for (Map.Entry<String, String> e : policy.entrySet()) {
            if (!e.getKey().equals(Keys.AUTH_METHOD)) {
                operational.add(new TextKey(e.getKey(), e.getValue()));
            }
        }
        int cmdSn = 1;
        int expStatSn = 0;
        int stage = 0;
        List<TextKey> send = security;
        boolean operationalSent = false;
        boolean transitWish = true;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int nsg = stage == 0 ? 1 : 3;
            writer.write(new LoginRequestPdu(transitWish, false, stage, nsg, 0, 0, o.isid(), 0, 0, 0, cmdSn,
                    expStatSn, TextCodec.encode(send)).toRaw(), Digests.NONE);
            LoginResponsePdu r = response(reader);
            if (r.status() != 0) {
                throw new LoginException(r.status(), String.format("login refused: status %04x", r.status()));
            }
            expStatSn = r.statSn() + 1;
            List<TextKey> answers;
            Map<String, String> chapKeys = new LinkedHashMap<>();
            try {
                List<TextKey> others = new ArrayList<>();
                for (TextKey k : TextCodec.decode(r.data())) {
                    if (k.key().startsWith("CHAP_")) {
                        chapKeys.put(k.key(), k.value());
                    } else {
                        others.add(k);
                    }
                }
                answers = negotiation.receive(others);
            } catch (TextFormatException e) {
                throw new LoginException(0, e.getMessage());
            }
            send = new ArrayList<>(answers);
            transitWish = true;
            if (stage == 0) {
                String method = negotiation.results().get(Keys.AUTH_METHOD);
                try {
                    if (chap == Chap.NOT_STARTED && "CHAP".equals(method)) {
                        if (responder == null) {
                            throw new AuthenticationException("target chose CHAP, which was not offered");
                        }
                        send.add(responder.offer());
                        transitWish = false;
                        chap = Chap.ALGORITHMS_SENT;
                        continue;
                    }
                    if (chap == Chap.ALGORITHMS_SENT) {
                        send.addAll(responder.respond(chapKeys));
                        chap = Chap.RESPONSE_SENT;
                        continue;
                    }
                    if (chap == Chap.RESPONSE_SENT && r.transit()) {
                        responder.verify(chapKeys);
                        chap = Chap.DONE;
                    }
                    if (r.transit() && o.targetChap().isPresent() && chap != Chap.DONE) {
                        throw new AuthenticationException("the target did not authenticate itself");
                    }
                } catch (AuthenticationException e) {
                    throw new LoginException(0, "CHAP: " + e.getMessage());
                }
            }
            if (r.transit() && r.nextStage() == 3) {
                Map<String, String> results = negotiation.results();
                return new Result(OperationalParameters.from(results, o.maxRecvDataSegmentLength()), cmdSn,
                        expStatSn, r.tsih(), results);
            }
            if (r.transit() && r.nextStage() == 1) {
                stage = 1;
            }
            if (stage == 1 && !operationalSent) {
                send.addAll(negotiation.offer(operational));
                operationalSent = true;
            }
        }
        throw new LoginException(0, "login did not finish in " + MAX_ROUNDS + " rounds");
    }

    private static LoginResponsePdu response(PduReader reader) throws IOException {
        try {
            RawPdu raw = reader.read(Digests.NONE, 1 << 24);
            if (raw == null) {
                throw new LoginException(0, "target closed the connection during login");
            }
            Pdu p = PduCodec.decode(raw);
            if (!(p instanceof LoginResponsePdu)) {
                throw new LoginException(0, "expected a Login Response, got " + p.opcode());
            }
            return (LoginResponsePdu) p;
        } catch (PduFormatException e) {
            throw new LoginException(0, e.getMessage());
        }
    }

    private static Map<String, String> policy(LoginOptions o) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(Keys.AUTH_METHOD, o.authMethods());
        p.put(Keys.HEADER_DIGEST, o.headerDigest());
        p.put(Keys.DATA_DIGEST, o.dataDigest());
        p.put(Keys.MAX_RECV_DATA_SEGMENT_LENGTH, Integer.toString(o.maxRecvDataSegmentLength()));
        if (!o.isDiscovery()) {
            p.put(Keys.INITIAL_R2T, o.initialR2T() ? "Yes" : "No");
            p.put(Keys.IMMEDIATE_DATA, o.immediateData() ? "Yes" : "No");
            p.put(Keys.MAX_BURST_LENGTH, Integer.toString(o.maxBurstLength()));
            p.put(Keys.FIRST_BURST_LENGTH, Integer.toString(o.firstBurstLength()));
            p.put(Keys.MAX_OUTSTANDING_R2T, "1");
            p.put(Keys.MAX_CONNECTIONS, "1");
            p.put(Keys.DATA_PDU_IN_ORDER, "Yes");
            p.put(Keys.DATA_SEQUENCE_IN_ORDER, "Yes");
        }
        p.put(Keys.DEFAULT_TIME2WAIT, "2");
        p.put(Keys.DEFAULT_TIME2RETAIN, "0");
        p.put(Keys.ERROR_RECOVERY_LEVEL, "0");
        return p;
    }
}
