package io.github.scsiemu.iscsi.pdu;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A PDU as framed on the wire (RFC 7143 11.2): the 48-byte BHS, the Additional Header Segments and the data segment
 * without padding or digests. Nothing checks that the header's length fields match the segments, so a raw PDU can
 * describe deliberately malformed traffic; {@link PduCodec} decodes it into a typed {@link Pdu}.
 *
 * @param header the 48-byte BHS
 * @param ahs    the AHS bytes (a multiple of four), usually empty
 * @param data   the data segment without padding
 */
public record RawPdu(ByteBuffer header, ByteBuffer ahs, ByteBuffer data) {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    public RawPdu {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(ahs, "ahs");
        Objects.requireNonNull(data, "data");
        if (header.remaining() != Bhs.LENGTH) {
            throw new IllegalArgumentException("a BHS has 48 bytes, not " + header.remaining());
        }
        header = header.slice().asReadOnlyBuffer();
        ahs = ahs.slice().asReadOnlyBuffer();
        data = data.slice().asReadOnlyBuffer();
    }

    /**
     * A well-formed raw PDU: sets the header's TotalAHSLength and DataSegmentLength from the segments.
     *
     * @param header the header to complete
     * @param ahs    AHS bytes, a multiple of four
     * @param data   the data segment
     */
    public static RawPdu of(Bhs header, ByteBuffer ahs, ByteBuffer data) {
        header.totalAhsLength(ahs.remaining()).dataSegmentLength(data.remaining());
        return new RawPdu(header.bytes(), ahs, data);
    }

    /** A well-formed raw PDU without AHS. */
    public static RawPdu of(Bhs header, ByteBuffer data) {
        return of(header, EMPTY, data);
    }

    /** A view of the header. */
    public Bhs bhs() {
        return Bhs.wrap(header.duplicate());
    }

    @Override
    public ByteBuffer header() {
        return header.duplicate();
    }

    @Override
    public ByteBuffer ahs() {
        return ahs.duplicate();
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    /** Bytes of padding after a data segment of {@code length} bytes (RFC 7143 11.2: to a four-byte boundary). */
    public static int padding(int length) {
        return (4 - (length & 3)) & 3;
    }
}
