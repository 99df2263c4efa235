package io.github.scsiemu.iscsi.pdu;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The iSCSI digest (RFC 7143 11.1 and Appendix A.1): CRC32C over the covered bytes, sent least significant byte
 * first, as libiscsi and Linux put it on the wire.
 */
public final class Crc32c {
    /** Bytes of a digest. */
    public static final int LENGTH = 4;

    private Crc32c() {
    }

    /** The CRC32C of the remaining bytes of all buffers (their positions do not move). */
    public static int of(ByteBuffer... buffers) {
        CRC32C crc = new CRC32C();
        for (ByteBuffer b : buffers) {
            crc.update(b.duplicate());
        }
        return (int) crc.getValue();
    }

    /** The four wire bytes of a digest value. */
    public static ByteBuffer toWire(int digest) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(0, (byte) digest).put(1, (byte) (digest >>> 8)).put(2, (byte) (digest >>> 16))
                .put(3, (byte) (digest >>> 24));
        return b;
    }

    /** The digest value in four wire bytes starting at the buffer's position. */
    public static int fromWire(ByteBuffer b) {
        int p = b.position();
        return (b.get(p) & 0xFF) | (b.get(p + 1) & 0xFF) << 8 | (b.get(p + 2) & 0xFF) << 16
                | (b.get(p + 3) & 0xFF) << 24;
    }
}
