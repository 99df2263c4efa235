package io.github.scsiemu.conformance.catalog;

import io.github.scsiemu.conformance.scsi.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One command a logical unit claims to support, as REPORT SUPPORTED OPERATION CODES describes it: the operation
 * code and service action from the all-commands form (SPC-4 6.35.2) and the CDB USAGE DATA from the one-command
 * form (SPC-4 6.35.3), whose bits are one where the device server uses the CDB bit.
 *
 * <p>The service action field sits where SPC-4 4.2.5.1 puts it: byte 1 bits 4-0 for fixed-length CDBs, bytes 8-9 of
 * a variable-length CDB (operation code 7Fh, SPC-4 4.2.4). Its bits carry the service action value in the usage
 * data rather than usage flags.
 *
 * @param operationCode the OPERATION CODE
 * @param serviceAction the SERVICE ACTION, when SERVACTV is one
 * @param cdbLength     the CDB LENGTH (equal to the CDB SIZE of the one-command form)
 * @param usageData     the CDB USAGE DATA, {@code cdbLength} bytes
 */
public record SupportedCommand(int operationCode, OptionalInt serviceAction, int cdbLength, byte[] usageData) {

    /** The variable-length CDB operation code (SPC-4 4.2.4). */
    public static final int VARIABLE_LENGTH = 0x7F;

    public SupportedCommand {
        Objects.requireNonNull(serviceAction, "serviceAction");
        usageData = usageData.clone();
        if (usageData.length != cdbLength || cdbLength < 1) {
            throw new IllegalArgumentException("usage data must be " + cdbLength + " bytes");
        }
    }

    /** {@code 12h} or {@code A3h/0Ch}. */
    public String name() {
        return serviceAction.isPresent() ? String.format("%02Xh/%02Xh", operationCode, serviceAction.getAsInt())
                : String.format("%02Xh", operationCode);
    }

    /** The usage data (a copy). */
    @Override
    public byte[] usageData() {
        return usageData.clone();
    }

    /**
     * The bits of byte {@code index} that carry the service action (none for commands without one).
     *
     * @param index the CDB byte
     * @return the mask
     */
    public int serviceActionMask(int index) {
        if (serviceAction.isEmpty()) {
            return 0;
        }
        return serviceActionMask(operationCode, index);
    }

    /**
     * Where the service action field of an operation code lies (SPC-4 4.2.5.1, 4.2.4).
     *
     * @param operationCode the operation code
     * @param index         the CDB byte
     * @return the service action bits of that byte
     */
    public static int serviceActionMask(int operationCode, int index) {
        if (operationCode == VARIABLE_LENGTH) {
            return index == 8 || index == 9 ? 0xFF : 0;
        }
        return index == 1 ? 0x1F : 0;
    }

    /**
     * The first bit of the service action field, where an INVALID FIELD IN CDB for an unsupported service action
     * points (SPC-4 4.5.2.4.2).
     *
     * @param operationCode the operation code
     * @return byte 1 bit 4, or byte 8 bit 7 for variable-length CDBs
     */
    public static CdbBit serviceActionField(int operationCode) {
        return operationCode == VARIABLE_LENGTH ? new CdbBit(8, 7) : new CdbBit(1, 4);
    }

    /**
     * The bits of byte {@code index} a valid CDB may set freely: the used bits, minus the operation code and the
     * service action, which are fixed.
     *
     * @param index the CDB byte
     * @return the mask
     */
    public int freeMask(int index) {
        return index == 0 ? 0 : usageData[index] & 0xFF & ~serviceActionMask(index);
    }

    /**
     * The CDB with only the operation code and service action set: the smallest valid CDB.
     *
     * @return a new array of {@code cdbLength} bytes
     */
    public byte[] template() {
        byte[] cdb = new byte[cdbLength];
        cdb[0] = (byte) operationCode;
        for (int i = 1; i < cdbLength; i++) {
            cdb[i] = (byte) (usageData[i] & serviceActionMask(i));
        }
        return cdb;
    }

    /**
     * Whether the usage data marks a bit as used (the operation code and service action bits count as used).
     *
     * @param bit the bit
     * @return true if a CDB may set it
     */
    public boolean uses(CdbBit bit) {
        if (bit.byteOffset() >= cdbLength) {
            return false;
        }
        int mask = bit.byteOffset() == 0 ? 0xFF : (usageData[bit.byteOffset()] & 0xFF) | serviceActionMask(bit.byteOffset());
        return (mask & (1 << bit.bit())) != 0;
    }

    /**
     * Every bit the usage data marks as not used, outside the operation code and the service action field.
     *
     * @return the bits, in CDB order
     */
    public List<CdbBit> unusedBits() {
        List<CdbBit> bits = new ArrayList<>();
        for (int i = 1; i < cdbLength; i++) {
            int unused = ~(usageData[i] & 0xFF) & ~serviceActionMask(i) & 0xFF;
            for (int b = 7; b >= 0; b--) {
                if ((unused & (1 << b)) != 0) {
                    bits.add(new CdbBit(i, b));
                }
            }
        }
        return bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SupportedCommand other && operationCode == other.operationCode
                && serviceAction.equals(other.serviceAction) && cdbLength == other.cdbLength
                && Arrays.equals(usageData, other.usageData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operationCode, serviceAction, cdbLength, Arrays.hashCode(usageData));
    }

    @Override
    public String toString() {
        return name() + " usage [" + Hex.of(usageData) + "]";
    }
}
