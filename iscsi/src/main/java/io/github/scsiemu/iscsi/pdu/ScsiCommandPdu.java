package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * SCSI Command (RFC 7143 11.3). CDBs longer than 16 bytes travel partly in an Extended CDB AHS (11.2.2.3) and the
 * expected bidirectional read length in its own AHS (11.2.2.4); both are folded into this record.
 *
 * @param immediate                  the I bit
 * @param finalFlag                  the F bit: no unsolicited Data-Out follows
 * @param read                       the R bit
 * @param write                      the W bit
 * @param attributes                 the ATTR field (0 untagged, 1 simple, 2 ordered, 3 head of queue, 4 ACA)
 * @param lun                        the LUN
 * @param initiatorTaskTag           the ITT
 * @param expectedDataTransferLength EDTL, unsigned
 * @param cmdSn                      CmdSN
 * @param expStatSn                  ExpStatSN
 * @param cdb                        the CDB, at least 16 bytes (shorter CDBs are padded with zeros)
 * @param bidirectionalReadLength    the Expected Bidirectional Read Data Length, when the AHS is present
 * @param data                       immediate data
 */
public record ScsiCommandPdu(boolean immediate, boolean finalFlag, boolean read, boolean write, int attributes,
        Lun lun, int initiatorTaskTag, int expectedDataTransferLength, int cmdSn, int expStatSn, ByteBuffer cdb,
        OptionalInt bidirectionalReadLength, ByteBuffer data) implements Pdu {

    /** AHS type of an Extended CDB (RFC 7143 11.2.2.2). */
    public static final int AHS_EXTENDED_CDB = 1;
    /** AHS type of the Expected Bidirectional Read Data Length. */
    public static final int AHS_BIDIRECTIONAL_READ_LENGTH = 2;

    private static final int BHS_CDB = 16;

    public ScsiCommandPdu {
        Objects.requireNonNull(lun, "lun");
        Objects.requireNonNull(bidirectionalReadLength, "bidirectionalReadLength");
        if (attributes < 0 || attributes > 7) {
            throw new IllegalArgumentException("ATTR is three bits");
        }
        if (cdb.remaining() < BHS_CDB) {
            ByteBuffer padded = ByteBuffer.allocate(BHS_CDB);
            padded.put(cdb.duplicate()).clear();
            cdb = padded;
        }
        if (cdb.remaining() > 16 + 1019) {
            throw new IllegalArgumentException("CDB too long for an AHS: " + cdb.remaining());
        }
        cdb = Pdu.segment(cdb);
        data = Pdu.segment(data);
    }

    @Override
    public Opcode opcode() {
        return Opcode.SCSI_COMMAND;
    }

    /** The CDB bytes. */
    @Override
    public ByteBuffer cdb() {
        return cdb.duplicate();
    }

    /** A copy of the CDB bytes. */
    public byte[] cdbBytes() {
        byte[] b = new byte[cdb.remaining()];
        cdb.duplicate().get(b);
        return b;
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public RawPdu toRaw() {
        int flags = (finalFlag ? Bhs.FINAL : 0) | (read ? 0x40 : 0) | (write ? 0x20 : 0) | attributes;
        Bhs h = Bhs.create(Opcode.SCSI_COMMAND, immediate).u8(1, flags).lun(lun).i32(16, initiatorTaskTag)
                .i32(20, expectedDataTransferLength).i32(24, cmdSn).i32(28, expStatSn);
        ByteBuffer c = cdb();
        for (int i = 0; i < BHS_CDB; i++) {
            h.u8(32 + i, c.get(i));
        }
        int extra = c.remaining() - BHS_CDB;
        int ahsLength = (extra > 0 ? 4 + extra + RawPdu.padding(extra) : 0)
                + (bidirectionalReadLength.isPresent() ? 8 : 0);
        ByteBuffer ahs = ByteBuffer.allocate(ahsLength);
        if (extra > 0) {
            ahs.putShort((short) (extra + 1)).put((byte) AHS_EXTENDED_CDB).put((byte) 0);
            ahs.put(c.position(BHS_CDB));
            ahs.position(ahs.position() + RawPdu.padding(extra));
        }
        if (bidirectionalReadLength.isPresent()) {
            ahs.putShort((short) 5).put((byte) AHS_BIDIRECTIONAL_READ_LENGTH).put((byte) 0)
                    .putInt(bidirectionalReadLength.getAsInt());
        }
        return RawPdu.of(h, ahs.flip(), data());
    }

    static ScsiCommandPdu decode(Bhs h, ByteBuffer ahs, ByteBuffer data) throws PduFormatException {
        ByteBuffer base = ByteBuffer.allocate(BHS_CDB);
        for (int i = 0; i < BHS_CDB; i++) {
            base.put(i, (byte) h.u8(32 + i));
        }
        ByteBuffer cdb = base;
        OptionalInt bidi = OptionalInt.empty();
        ByteBuffer a = ahs.duplicate();
        while (a.hasRemaining()) {
            if (a.remaining() < 4) {
                throw new PduFormatException(RejectReason.INVALID_PDU_FIELD, "truncated AHS");
            }
            int length = a.getShort() & 0xFFFF;
            int type = a.get() & 0xFF;
            int padded = length + RawPdu.padding(length + 3) - 1; // after type, the specific field and padding
            if (length == 0 || padded + 1 > a.remaining()) {
                throw new PduFormatException(RejectReason.INVALID_PDU_FIELD, "AHS length " + length + " overruns");
            }
            a.get(); // reserved byte that starts the AHS-specific field
            if (type == AHS_EXTENDED_CDB && cdb == base) {
                cdb = ByteBuffer.allocate(BHS_CDB + length - 1).put(base).put(a.slice(a.position(), length - 1))
                        .flip();
            } else if (type == AHS_BIDIRECTIONAL_READ_LENGTH && length == 5 && bidi.isEmpty()) {
                bidi = OptionalInt.of(a.getInt(a.position()));
            } else {
                throw new PduFormatException(RejectReason.INVALID_PDU_FIELD, "unexpected AHS type " + type);
            }
            a.position(a.position() + padded);
        }
        int f = h.flags();
        return new ScsiCommandPdu(h.immediate(), (f & Bhs.FINAL) != 0, (f & 0x40) != 0, (f & 0x20) != 0, f & 7,
                h.lun(), h.i32(16), h.i32(20), h.i32(24), h.i32(28), cdb, bidi, data);
    }
}
