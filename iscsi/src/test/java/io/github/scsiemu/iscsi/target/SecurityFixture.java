package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.iscsi.initiator.InitiatorSession;
import io.github.scsiemu.iscsi.initiator.LoginOptions;
import io.github.scsiemu.iscsi.pdu.Digests;
import io.github.scsiemu.iscsi.pdu.LoginRequestPdu;
import io.github.scsiemu.iscsi.pdu.LoginResponsePdu;
import io.github.scsiemu.iscsi.pdu.PduCodec;
import io.github.scsiemu.iscsi.pdu.PduReader;
import io.github.scsiemu.iscsi.pdu.PduWriter;
import io.github.scsiemu.iscsi.text.TextCodec;
import io.github.scsiemu.iscsi.text.TextKey;
import io.github.scsiemu.sbc.BlockDevice;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.spc.target.SimpleTarget;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A portal on an ephemeral port with two targets: {@link #NAME} (disks at LUN 0 and LUN 3, configured by the test)
 * and {@link #OTHER} (one disk, open), plus a raw login client for malformed or hostile logins.
 */
final class SecurityFixture implements AutoCloseable {
    static final String NAME = "iqn.2026-01.io.github.scsiemu:secure";
    static final String OTHER = "iqn.2026-01.io.github.scsiemu:open";
    static final String ALICE = "iqn.2026-01.org.example:alice";
    static final String MALLORY = "iqn.2026-01.org.example:mallory";

    final SimpleTarget device = SimpleTarget.builder().port(TargetPort.iscsi(NAME, 1, 1, 0))
            .logicalUnit(0, BlockDevice.create(DiskConfig.of(2048, 512, "LUN0", "SN0")))
            .logicalUnit(3, BlockDevice.create(DiskConfig.of(2048, 512, "LUN3", "SN3"))).build();
    final IscsiTarget portal;

    SecurityFixture(UnaryOperator<ExportedTarget> configure) throws IOException {
        SimpleTarget other = SimpleTarget.builder().port(TargetPort.iscsi(OTHER, 1, 1, 0))
                .logicalUnit(0, BlockDevice.create(DiskConfig.of(2048, 512, "OTHER", "SNO"))).build();
        portal = IscsiTarget.builder().port(0).export(configure.apply(ExportedTarget.of(NAME, device)))
                .export(ExportedTarget.of(OTHER, other)).build().start();
    }

    InitiatorSession login(LoginOptions options) throws IOException {
        return InitiatorSession.login(portal.address(), options);
    }

    static LoginOptions options(String initiator, long isid) {
        return LoginOptions.normal(initiator, isid, NAME);
    }

    /** A login connection driven PDU by PDU. */
    RawLogin raw() throws IOException {
        return new RawLogin(SocketChannel.open(portal.address()));
    }

    @Override
    public void close() throws IOException {
        portal.close();
    }

    /** Sends login requests with chosen stages and keys and returns the decoded responses. */
    static final class RawLogin implements AutoCloseable {
        private final SocketChannel channel;
        private final PduReader reader;
        private final PduWriter writer;

        RawLogin(SocketChannel channel) {
            this.channel = channel;
            this.reader = new PduReader(channel);
            this.writer = new PduWriter(channel);
        }

        LoginResponsePdu send(boolean transit, int csg, int nsg, List<TextKey> keys) throws IOException {
            writer.write(new LoginRequestPdu(transit, false, csg, nsg, 0, 0, 0x80_0000_0001L, 0, 1, 0, 1, 0,
                    TextCodec.encode(keys)).toRaw(), Digests.NONE);
            try {
                return (LoginResponsePdu) PduCodec.decode(reader.read(Digests.NONE, 1 << 16));
            } catch (io.github.scsiemu.iscsi.pdu.PduFormatException e) {
                throw new IOException(e);
            }
        }

        static Map<String, String> keys(LoginResponsePdu r) throws Exception {
            Map<String, String> m = new LinkedHashMap<>();
            for (TextKey k : TextCodec.decode(r.data())) {
                m.put(k.key(), k.value());
            }
            return m;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
