package io.github.scsiemu.iscsi.initiator;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The initiator's side of the login phase (RFC 7143 6.3): security stage with AuthMethod=None and the identity
 * keys, then operational negotiation through {@link Negotiation}, then full feature phase.
 */
final class InitiatorLogin {
    /** The outcome: parameters, the first CmdSN of full feature phase, ExpStatSN and the TSIH. */
    record Result(OperationalParameters params, int cmdSn, int expStatSn, int tsih, Map<String, String> keys) {
    }

    private static final int MAX_ROUNDS = 16;

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
        security.addAll(negotiation.offer(List.of(new TextKey(Keys.AUTH_METHOD, "None"))));
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
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int nsg = stage == 0 ? 1 : 3;
            writer.write(new LoginRequestPdu(true, false, stage, nsg, 0, 0, o.isid(), 0, 0, 0, cmdSn, expStatSn,
                    TextCodec.encode(send)).toRaw(), Digests.NONE);
            LoginResponsePdu r = response(reader);
            if (r.status() != 0) {
                throw new LoginException(r.status(), String.format("login refused: status %04x", r.status()));
            }
            expStatSn = r.statSn() + 1;
            List<TextKey> answers;
            try {
                answers = negotiation.receive(TextCodec.decode(r.data()));
            } catch (TextFormatException e) {
                throw new LoginException(0, e.getMessage());
            }
            send = new ArrayList<>(answers);
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
        p.put(Keys.AUTH_METHOD, "None");
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
