package io.github.scsiemu.iscsi.initiator;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A SCSI command as an initiator sends it over iSCSI (RFC 7143 11.3): the LUN, the CDB, the task attribute, the R
 * and W bits and the expected data transfer length, and for writes the data-out buffer (EDTL bytes).
 *
 * @param lun                        the LUN
 * @param cdb                        the CDB
 * @param attributes                 the ATTR field (1 simple, 2 ordered, 3 head of queue)
 * @param read                       the R bit
 * @param write                      the W bit
 * @param expectedDataTransferLength EDTL
 * @param dataOut                    the data-out bytes (at least EDTL for writes)
 */
public record IscsiCommand(Lun lun, byte[] cdb, int attributes, boolean read, boolean write,
        int expectedDataTransferLength, ByteBuffer dataOut) {

    public IscsiCommand {
        Objects.requireNonNull(lun, "lun");
        Objects.requireNonNull(cdb, "cdb");
        Objects.requireNonNull(dataOut, "dataOut");
        cdb = cdb.clone();
        dataOut = dataOut.slice().asReadOnlyBuffer();
        if (write && dataOut.remaining() < expectedDataTransferLength) {
            throw new IllegalArgumentException("a write needs EDTL bytes of data-out");
        }
    }

    /** A command that reads up to {@code length} bytes. */
    public static IscsiCommand read(Lun lun, byte[] cdb, int length) {
        return new IscsiCommand(lun, cdb, 1, true, false, length, ByteBuffer.allocate(0));
    }

    /** A command that writes all of {@code data}. */
    public static IscsiCommand write(Lun lun, byte[] cdb, ByteBuffer data) {
        return new IscsiCommand(lun, cdb, 1, false, true, data.remaining(), data);
    }

    /** A command without data. */
    public static IscsiCommand noData(Lun lun, byte[] cdb) {
        return new IscsiCommand(lun, cdb, 1, false, false, 0, ByteBuffer.allocate(0));
    }

    /** This command with another EDTL (and R/W bits unchanged), e.g. to provoke residuals. */
    public IscsiCommand withExpectedLength(int edtl) {
        return new IscsiCommand(lun, cdb, attributes, read, write, edtl, dataOut);
    }

    @Override
    public byte[] cdb() {
        return cdb.clone();
    }

    @Override
    public ByteBuffer dataOut() {
        return dataOut.duplicate();
    }
}
