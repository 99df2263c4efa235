package io.github.scsiemu.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.initiator.CommandResult;
import io.github.scsiemu.iscsi.initiator.InitiatorSession;
import io.github.scsiemu.iscsi.initiator.IscsiCommand;
import io.github.scsiemu.iscsi.initiator.LoginOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** Our own iSCSI initiator, logged in to one target of a running server, with the CDBs the tests send. */
final class Initiator implements AutoCloseable {

    static final String NAME = "iqn.2026-01.io.github.scsiemu:server-test";

    private final InitiatorSession session;

    private Initiator(InitiatorSession session) {
        this.session = session;
    }

    static Initiator login(InetSocketAddress portal, String target, long isid) throws IOException {
        return new Initiator(InitiatorSession.login(portal, LoginOptions.normal(NAME, isid, target)));
    }

    InitiatorSession session() {
        return session;
    }

    CommandResult read(int lun, byte[] cdb, int length) throws IOException {
        return session.execute(IscsiCommand.read(Lun.of(lun), cdb, length));
    }

    CommandResult write(int lun, byte[] cdb, byte[] data) throws IOException {
        return session.execute(IscsiCommand.write(Lun.of(lun), cdb, ByteBuffer.wrap(data)));
    }

    /** Reads past the power-on unit attention: TEST UNIT READY until GOOD. */
    void ready(int lun) throws IOException {
        for (int i = 0; i < 5; i++) {
            if (session.execute(IscsiCommand.noData(Lun.of(lun), new byte[6])).status() == 0) {
                return;
            }
        }
        throw new AssertionError("LUN " + lun + " never became ready");
    }

    /** A command that must end GOOD; its data-in. */
    byte[] good(int lun, byte[] cdb, int length) throws IOException {
        CommandResult r = read(lun, cdb, length);
        assertThat(r.status()).as("status of %02X on LUN %d, sense %04X", cdb[0], lun, r.additionalSense())
                .isZero();
        return r.data();
    }

    static byte[] inquiry() {
        return new byte[] {0x12, 0, 0, 0, (byte) 96, 0};
    }

    static byte[] readCapacity16() {
        return new byte[] {(byte) 0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0};
    }

    /** MODE SENSE(6), DBD=1, all pages. */
    static byte[] modeSense6() {
        return new byte[] {0x1A, 0x08, 0x3F, 0, (byte) 255, 0};
    }

    static byte[] rw10(int op, int lba, int blocks) {
        return new byte[] {(byte) op, 0, (byte) (lba >> 24), (byte) (lba >> 16), (byte) (lba >> 8), (byte) lba, 0,
            (byte) (blocks >> 8), (byte) blocks, 0};
    }

    /** PERSISTENT RESERVE IN, READ KEYS. */
    static byte[] readKeys() {
        return new byte[] {0x5E, 0x00, 0, 0, 0, 0, 0, 0, (byte) 255, 0};
    }

    /** PERSISTENT RESERVE OUT, REGISTER, with a 24-byte parameter list. */
    static byte[] register() {
        return new byte[] {0x5F, 0x00, 0, 0, 0, 0, 0, 0, 24, 0};
    }

    /** The REGISTER parameter list: service action reservation key {@code key}, APTPL as given. */
    static byte[] registration(long key, boolean aptpl) {
        ByteBuffer b = ByteBuffer.allocate(24);
        b.putLong(0, 0).putLong(8, key);
        b.put(20, (byte) (aptpl ? 1 : 0));
        return b.array();
    }

    @Override
    public void close() throws IOException {
        session.close();
    }
}
