package io.github.scsiemu.spc.inquiry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One designation descriptor of the Device Identification VPD page (SPC-4 7.8.6.1, table 589), also used as a
 * target port descriptor of the SCSI Ports VPD page (SPC-4 7.8.13): what the designator names (its association),
 * its type and code set, the protocol it belongs to, and the designator itself.
 *
 * @param protocolIdentifier the PROTOCOL IDENTIFIER (SPC-4 7.6.1), meaningful only when {@code piv} is set
 * @param codeSet            the CODE SET
 * @param piv                the PIV bit: the protocol identifier is valid
 * @param association        the ASSOCIATION
 * @param designatorType     the DESIGNATOR TYPE
 * @param designator         the DESIGNATOR, at most 255 bytes
 */
public record DesignationDescriptor(int protocolIdentifier, CodeSet codeSet, boolean piv, Association association,
        DesignatorType designatorType, byte[] designator) {

    /** PROTOCOL IDENTIFIER 5h, iSCSI (SPC-4 7.6.1, table 488): the one transport this emulator serves. */
    public static final int PROTOCOL_ISCSI = 0x5;

    /** The CODE SET field (SPC-4 table 590). */
    public enum CodeSet {
        BINARY(0x1),
        ASCII(0x2),
        UTF8(0x3);

        private final int code;

        CodeSet(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** The ASSOCIATION field (SPC-4 table 591): the entity the designator names. */
    public enum Association {
        /** 00b: the addressed logical unit. */
        LOGICAL_UNIT(0b00),
        /** 01b: the target port through which the command was received. */
        TARGET_PORT(0b01),
        /** 10b: the SCSI target device that contains the logical unit. */
        TARGET_DEVICE(0b10);

        private final int code;

        Association(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** The DESIGNATOR TYPE field (SPC-4 table 592), for the types reported here. */
    public enum DesignatorType {
        T10_VENDOR_ID_BASED(0x1),
        NAA(0x3),
        RELATIVE_TARGET_PORT_IDENTIFIER(0x4),
        TARGET_PORT_GROUP(0x5),
        SCSI_NAME_STRING(0x8);

        private final int code;

        DesignatorType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public DesignationDescriptor {
        Objects.requireNonNull(codeSet, "codeSet");
        Objects.requireNonNull(association, "association");
        Objects.requireNonNull(designatorType, "designatorType");
        designator = designator.clone();
        if (protocolIdentifier < 0 || protocolIdentifier > 0xF) {
            throw new IllegalArgumentException("protocol identifier is four bits");
        }
        if (designator.length > 0xFF) {
            throw new IllegalArgumentException("designator longer than 255 bytes");
        }
    }

    /** The NAA designator of a logical unit (SPC-4 7.8.6.6), binary. */
    public static DesignationDescriptor naa(byte[] naa) {
        return new DesignationDescriptor(0, CodeSet.BINARY, false, Association.LOGICAL_UNIT, DesignatorType.NAA, naa);
    }

    /**
     * The T10 vendor ID based designator of a logical unit (SPC-4 7.8.6.4): T10 VENDOR IDENTIFICATION padded with
     * spaces to eight bytes, then a vendor specific identifier, in ASCII.
     */
    public static DesignationDescriptor t10VendorId(String vendor, String vendorSpecific) {
        String text = padded(vendor, 8) + vendorSpecific;
        return new DesignationDescriptor(0, CodeSet.ASCII, false, Association.LOGICAL_UNIT,
                DesignatorType.T10_VENDOR_ID_BASED, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The relative target port designator (SPC-4 7.8.6.7) of an iSCSI target port. */
    public static DesignationDescriptor relativeTargetPort(int relativeTargetPortId) {
        return new DesignationDescriptor(PROTOCOL_ISCSI, CodeSet.BINARY, true, Association.TARGET_PORT,
                DesignatorType.RELATIVE_TARGET_PORT_IDENTIFIER, twoBytesAfterTwoReserved(relativeTargetPortId));
    }

    /** The target port group designator (SPC-4 7.8.6.8) of an iSCSI target port. */
    public static DesignationDescriptor targetPortGroup(int targetPortGroup) {
        return new DesignationDescriptor(PROTOCOL_ISCSI, CodeSet.BINARY, true, Association.TARGET_PORT,
                DesignatorType.TARGET_PORT_GROUP, twoBytesAfterTwoReserved(targetPortGroup));
    }

    /**
     * A SCSI name string designator (SPC-4 7.8.6.11) for an iSCSI name: UTF-8, null-terminated and null-padded to a
     * multiple of four bytes; empty if the name does not fit in the 252 bytes such a designator can hold.
     */
    public static Optional<DesignationDescriptor> scsiNameString(Association association, String name) {
        byte[] text = name.getBytes(StandardCharsets.UTF_8);
        int length = (text.length + 1 + 3) & ~3;
        if (length > 252) {
            return Optional.empty();
        }
        return Optional.of(new DesignationDescriptor(PROTOCOL_ISCSI, CodeSet.UTF8, true, association,
                DesignatorType.SCSI_NAME_STRING, Arrays.copyOf(text, length)));
    }

    @Override
    public byte[] designator() {
        return designator.clone();
    }

    /** The descriptor as the page carries it: the four-byte header, then the designator. */
    public byte[] encode() {
        byte[] b = new byte[4 + designator.length];
        b[0] = (byte) ((protocolIdentifier << 4) | codeSet.code());
        b[1] = (byte) ((piv ? 0x80 : 0) | (association.code() << 4) | designatorType.code());
        b[3] = (byte) designator.length;
        System.arraycopy(designator, 0, b, 4, designator.length);
        return b;
    }

    private static byte[] twoBytesAfterTwoReserved(int value) {
        return new byte[] {0, 0, (byte) (value >>> 8), (byte) value};
    }

    static String padded(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DesignationDescriptor d && protocolIdentifier == d.protocolIdentifier
                && codeSet == d.codeSet && piv == d.piv && association == d.association
                && designatorType == d.designatorType && Arrays.equals(designator, d.designator);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocolIdentifier, codeSet, piv, association, designatorType)
                * 31 + Arrays.hashCode(designator);
    }

    @Override
    public String toString() {
        return "DesignationDescriptor[" + association + " " + designatorType + " " + codeSet + " "
                + Arrays.toString(designator) + "]";
    }
}
