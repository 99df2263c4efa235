package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.PeripheralDeviceType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Standard INQUIRY data (SPC-4 6.6.2, table 138), in the 96-byte form that carries the eight VERSION DESCRIPTOR
 * fields. The fixed claims are those of this engine: VERSION 06h (SPC-4), NORMACA 0 (ACA is not supported), HISUP 1
 * (LUNs are hierarchical, SAM-5 4.6.19), RESPONSE DATA FORMAT 2, SCCS, ACC, 3PC, PROTECT and ENCSERV 0, CMDQUE 1
 * (the task set queues commands).
 */
public final class StandardInquiryData {

    /** The length of the data returned: bytes 0-95. */
    public static final int LENGTH = 96;
    /** The VERSION field: the device claims conformance to SPC-4. */
    public static final int VERSION_SPC4 = 0x06;
    /** The RESPONSE DATA FORMAT field. */
    public static final int RESPONSE_DATA_FORMAT = 2;

    private StandardInquiryData() {
    }

    /**
     * Encodes the data.
     *
     * @param identity  vendor, product, revision, RMB, peripheral device type and version descriptors
     * @param qualifier the PERIPHERAL QUALIFIER; with {@link PeripheralQualifier#NOT_CAPABLE} the PERIPHERAL DEVICE
     *                  TYPE is 1Fh whatever the identity says
     * @param tpgs      the TPGS field
     * @param multiPort the MULTIP bit: the target device has more than one target port
     */
    public static byte[] encode(LogicalUnitIdentity identity, PeripheralQualifier qualifier,
            TargetPortGroupSupport tpgs, boolean multiPort) {
        byte[] b = new byte[LENGTH];
        b[0] = (byte) peripheralByte(qualifier, identity.deviceType());
        b[1] = (byte) (identity.removable() ? 0x80 : 0);
        b[2] = VERSION_SPC4;
        b[3] = (byte) (0x10 | RESPONSE_DATA_FORMAT); // HISUP
        b[4] = (byte) (LENGTH - 5); // ADDITIONAL LENGTH (n-4) with n the last byte, 95
        b[5] = (byte) (tpgs.code() << 4);
        b[6] = (byte) (multiPort ? 0x10 : 0);
        b[7] = 0x02; // CMDQUE
        ascii(b, 8, identity.vendor(), 8);
        ascii(b, 16, identity.product(), 16);
        ascii(b, 32, identity.revision(), 4);
        List<Integer> versions = identity.versionDescriptors();
        for (int i = 0; i < versions.size(); i++) {
            b[58 + 2 * i] = (byte) (versions.get(i) >>> 8);
            b[59 + 2 * i] = (byte) (int) versions.get(i);
        }
        return b;
    }

    /** Byte 0 of standard INQUIRY data and of every VPD page: PERIPHERAL QUALIFIER and PERIPHERAL DEVICE TYPE. */
    static int peripheralByte(PeripheralQualifier qualifier, PeripheralDeviceType type) {
        int pdt = qualifier == PeripheralQualifier.NOT_CAPABLE ? PeripheralDeviceType.UNKNOWN.code() : type.code();
        return (qualifier.code() << 5) | pdt;
    }

    private static void ascii(byte[] b, int offset, String text, int width) {
        byte[] t = DesignationDescriptor.padded(text, width).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, offset, width);
    }
}
