package io.github.scsiemu.api;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One command as a transport hands it to a logical unit (SAM-5 5.1, the Execute Command procedure call): who
 * sends it, which logical unit it addresses, the CDB, the task attribute and tag, the data-out buffer and the
 * expected data-in length.
 *
 * <p>The CDB and the data-out buffer are not copied: the caller must not change them until {@code execute}
 * returns. A transport may pass a CDB array longer than the command (iSCSI carries 16 bytes for every CDB): the
 * device takes the length from the operation code and ignores trailing bytes.
 *
 * @param nexus                the I_T nexus the command arrived on
 * @param lun                  the addressed logical unit
 * @param cdb                  the command descriptor block
 * @param taskAttribute        the task attribute
 * @param tag                  the task tag, unique among the nexus's active tasks
 * @param dataOut              the data-out buffer (position to limit), empty when the command sends none
 * @param expectedDataInLength the size of the application client's data-in buffer, in bytes
 */
public record ScsiRequest(Nexus nexus, Lun lun, byte[] cdb, TaskAttribute taskAttribute, long tag,
        ByteBuffer dataOut, int expectedDataInLength) {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    public ScsiRequest {
        Objects.requireNonNull(nexus, "nexus");
        Objects.requireNonNull(lun, "lun");
        Objects.requireNonNull(cdb, "cdb");
        Objects.requireNonNull(taskAttribute, "taskAttribute");
        Objects.requireNonNull(dataOut, "dataOut");
        if (expectedDataInLength < 0) {
            throw new IllegalArgumentException("expected data-in length must not be negative");
        }
    }

    /** A SIMPLE command with tag 0, no data-out, and a data-in buffer of {@code expectedDataInLength} bytes. */
    public static ScsiRequest of(Nexus nexus, Lun lun, byte[] cdb, int expectedDataInLength) {
        return new ScsiRequest(nexus, lun, cdb, TaskAttribute.SIMPLE, 0, EMPTY, expectedDataInLength);
    }

    /** A SIMPLE command with tag 0 that sends {@code dataOut} and expects no data-in. */
    public static ScsiRequest withDataOut(Nexus nexus, Lun lun, byte[] cdb, ByteBuffer dataOut) {
        return new ScsiRequest(nexus, lun, cdb, TaskAttribute.SIMPLE, 0, dataOut, 0);
    }

    /** This request with another tag. */
    public ScsiRequest withTag(long newTag) {
        return new ScsiRequest(nexus, lun, cdb, taskAttribute, newTag, dataOut, expectedDataInLength);
    }

    /** This request with another task attribute. */
    public ScsiRequest withTaskAttribute(TaskAttribute attribute) {
        return new ScsiRequest(nexus, lun, cdb, attribute, tag, dataOut, expectedDataInLength);
    }

    /** The number of data-out bytes the application client sends. */
    public int dataOutLength() {
        return dataOut.remaining();
    }

    /** The operation code, or -1 for an empty CDB. */
    public int operationCode() {
        return cdb.length == 0 ? -1 : cdb[0] & 0xFF;
    }
}
