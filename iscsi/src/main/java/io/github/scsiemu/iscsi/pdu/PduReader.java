package io.github.scsiemu.iscsi.pdu;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

/**
 * Reads whole PDUs from a byte stream (RFC 7143 11.2): the BHS, the AHS, the header digest, the data segment with
 * its padding and the data digest. Not thread-safe: one reader per connection.
 */
public final class PduReader {
    private final ReadableByteChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(Bhs.LENGTH);
    private final ByteBuffer digest = ByteBuffer.allocate(Crc32c.LENGTH);

    /**
     * A reader of the given channel.
     *
     * @param channel a blocking channel
     */
    public PduReader(ReadableByteChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /**
     * Reads the next PDU.
     *
     * @param digests                  the digests in effect
     * @param maxRecvDataSegmentLength the largest data segment this side accepts (its declared
     *                                 MaxRecvDataSegmentLength)
     * @return the PDU, or null at a clean end of stream (between PDUs)
     * @throws FramingException   if the stream cannot be split into PDUs any more (header digest error, oversized
     *                            data segment, end of stream inside a PDU)
     * @throws PduFormatException for a data digest error; the PDU has been consumed and the stream is still in step
     * @throws IOException        if the channel fails
     */
    public RawPdu read(Digests digests, int maxRecvDataSegmentLength) throws IOException, PduFormatException {
        header.clear();
        if (!fill(header, true)) {
            return null;
        }
        header.flip();
        Bhs h = Bhs.wrap(header);
        ByteBuffer ahs = ByteBuffer.allocate(h.totalAhsLength());
        fill(ahs, false);
        ahs.flip();
        if (digests.header()) {
            digest.clear();
            fill(digest, false);
            if (Crc32c.fromWire(digest.flip()) != Crc32c.of(header, ahs)) {
                throw new FramingException("header digest error");
            }
        }
        int length = h.dataSegmentLength();
        if (length > maxRecvDataSegmentLength) {
            throw new FramingException("data segment of " + length + " bytes exceeds MaxRecvDataSegmentLength "
                    + maxRecvDataSegmentLength);
        }
        int padding = RawPdu.padding(length);
        ByteBuffer segment = ByteBuffer.allocate(length + padding);
        fill(segment, false);
        ByteBuffer data = segment.flip().slice(0, length);
        ByteBuffer bhs = ByteBuffer.allocate(Bhs.LENGTH).put(header.duplicate()).flip();
        if (digests.data() && length > 0) {
            digest.clear();
            fill(digest, false);
            if (Crc32c.fromWire(digest.flip()) != Crc32c.of(segment.duplicate().clear())) {
                throw new PduFormatException(RejectReason.DATA_DIGEST_ERROR, "data digest error", bhs);
            }
        }
        return new RawPdu(bhs, ahs, data);
    }

    /** Fills the buffer; false on end of stream before the first byte when {@code eofAllowed}. */
    private boolean fill(ByteBuffer b, boolean eofAllowed) throws IOException {
        boolean first = true;
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                if (first && eofAllowed && b.position() == 0) {
                    return false;
                }
                throw new EOFException("end of stream inside a PDU");
            }
            first = false;
        }
        return true;
    }
}
