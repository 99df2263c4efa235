package io.github.scsiemu.sbc.copy;

import io.github.scsiemu.spc.CheckConditionException;
import java.util.Arrays;

/**
 * An identification CSCD descriptor (type code E4h, SPC-4 6.4), 32 bytes, naming a copy source or
 * destination by a designator as the Device Identification VPD page reports it, followed by the block device type
 * specific parameters (SPC-4 6.4).
 *
 * <p>Layout (offsets within the descriptor): byte 0 type code; byte 1 bits 7-6 LU ID TYPE and bit 5 NUL (obsolete
 * in SPC-4, ignored) and bits 4-0 PERIPHERAL DEVICE TYPE; bytes 2-3 RELATIVE INITIATOR PORT IDENTIFIER (accepted:
 * every port of a scsi-emu target reaches the same logical units); bytes 4-7 the designation descriptor header (CODE
 * SET, ASSOCIATION, DESIGNATOR TYPE, DESIGNATOR LENGTH); bytes 8-27 the DESIGNATOR, zero padded; byte 28 bit 2 PAD;
 * bytes 29-31 DISK BLOCK LENGTH.
 *
 * @param offset               where the descriptor starts in the parameter list (for field pointers)
 * @param peripheralDeviceType the PERIPHERAL DEVICE TYPE, 00h for a block device
 * @param relativeInitiatorPort the RELATIVE INITIATOR PORT IDENTIFIER
 * @param codeSet              the CODE SET of the designator
 * @param designatorType       the DESIGNATOR TYPE
 * @param designator           the DESIGNATOR bytes (DESIGNATOR LENGTH of them)
 * @param pad                  the PAD bit
 * @param diskBlockLength      the DISK BLOCK LENGTH in bytes
 */
public record IdentificationDescriptor(int offset, int peripheralDeviceType, int relativeInitiatorPort, int codeSet,
        int designatorType, byte[] designator, boolean pad, int diskBlockLength) {

    /** The length of the descriptor. */
    public static final int LENGTH = 32;
    /** The byte of the DESIGNATOR within the descriptor. */
    public static final int DESIGNATOR_OFFSET = 8;
    /** The byte of the DISK BLOCK LENGTH within the descriptor. */
    public static final int DISK_BLOCK_LENGTH_OFFSET = 29;

    private static final int CODE_SET_BINARY = 0x1;
    private static final int DESIGNATOR_TYPE_NAA = 0x3;
    private static final int MAXIMUM_DESIGNATOR_LENGTH = 20;

    public IdentificationDescriptor {
        designator = designator.clone();
    }

    @Override
    public byte[] designator() {
        return designator.clone();
    }

    /**
     * Reads the descriptor at {@code at}, whose type code is E4h. Fields this copy manager cannot accept end the
     * command with ILLEGAL REQUEST, INVALID FIELD IN PARAMETER LIST at the field: a PERIPHERAL DEVICE TYPE other
     * than 00h (only block devices are copy sources and destinations here), an ASSOCIATION other than 00b (the
     * descriptor names a logical unit), a DESIGNATOR LENGTH above 20.
     *
     * @param list the parameter list, with at least 32 bytes from {@code at}
     * @param at   the descriptor's offset in the parameter list
     */
    static IdentificationDescriptor decode(byte[] list, int at) {
        int deviceType = list[at + 1] & 0x1F;
        if (deviceType != 0) {
            throw CheckConditionException.invalidParameter(at + 1, 4);
        }
        if ((list[at + 5] & 0x30) != 0) {
            throw CheckConditionException.invalidParameter(at + 5, 5);
        }
        int length = list[at + 7] & 0xFF;
        if (length > MAXIMUM_DESIGNATOR_LENGTH) {
            throw CheckConditionException.invalidParameter(at + 7, 7);
        }
        int port = ((list[at + 2] & 0xFF) << 8) | (list[at + 3] & 0xFF);
        int blockLength = ((list[at + 29] & 0xFF) << 16) | ((list[at + 30] & 0xFF) << 8) | (list[at + 31] & 0xFF);
        return new IdentificationDescriptor(at, deviceType, port, list[at + 4] & 0x0F, list[at + 5] & 0x0F,
                Arrays.copyOfRange(list, at + DESIGNATOR_OFFSET, at + DESIGNATOR_OFFSET + length),
                (list[at + 28] & 0x04) != 0, blockLength);
    }

    /** Whether this names a logical unit the way scsi-emu identifies disks: a binary, 16-byte NAA designator. */
    boolean isNaaRegisteredExtended() {
        return codeSet == CODE_SET_BINARY && designatorType == DESIGNATOR_TYPE_NAA && designator.length == 16;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentificationDescriptor d && offset == d.offset
                && peripheralDeviceType == d.peripheralDeviceType && relativeInitiatorPort == d.relativeInitiatorPort
                && codeSet == d.codeSet && designatorType == d.designatorType && Arrays.equals(designator, d.designator)
                && pad == d.pad && diskBlockLength == d.diskBlockLength;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(designator) + offset;
    }

    @Override
    public String toString() {
        return "IdentificationDescriptor[offset=" + offset + ", designator=" + java.util.HexFormat.of()
                .formatHex(designator) + ", diskBlockLength=" + diskBlockLength + "]";
    }
}
