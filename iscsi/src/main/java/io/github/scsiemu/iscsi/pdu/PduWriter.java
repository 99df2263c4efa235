package io.github.scsiemu.iscsi.pdu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Objects;

/**
 * Writes PDUs to a byte stream with one gathering write each (RFC 7143 11.2): BHS, AHS, header digest, data
 * segment, padding, data digest. The header is written as given, so a {@link RawPdu} may describe malformed
 * traffic. Not thread-safe: one writer per connection.
 */
public final class PduWriter {
    private static final ByteBuffer ZEROS = ByteBuffer.allocate(4).asReadOnlyBuffer();

    private final GatheringByteChannel channel;

    /**
     * A writer to the given channel.
     *
     * @param channel a blocking channel
     */
    public PduWriter(GatheringByteChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /**
     * Writes one PDU.
     *
     * @param pdu     the PDU
     * @param digests the digests in effect
     * @throws IOException if the channel fails
     */
    public void write(RawPdu pdu, Digests digests) throws IOException {
        ByteBuffer header = pdu.header();
        ByteBuffer ahs = pdu.ahs();
        ByteBuffer data = pdu.data();
        ByteBuffer pad = ZEROS.duplicate().limit(RawPdu.padding(data.remaining()));
        ByteBuffer headerDigest = digests.header() ? Crc32c.toWire(Crc32c.of(header, ahs)) : ZEROS.duplicate().limit(0);
        ByteBuffer dataDigest = digests.data() && data.hasRemaining() ? Crc32c.toWire(Crc32c.of(data, pad))
                : ZEROS.duplicate().limit(0);
        ByteBuffer[] parts = {header, ahs, headerDigest, data, pad, dataDigest};
        long total = 0;
        for (ByteBuffer b : parts) {
            total += b.remaining();
        }
        while (total > 0) {
            total -= channel.write(parts);
        }
    }
}
