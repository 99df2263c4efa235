package io.github.scsiemu.spc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Who a logical unit says it is: the fields of standard INQUIRY data (SPC-4 6.6.2) and the identifiers of the
 * Unit Serial Number and Device Identification VPD pages (SPC-4 7.8.15, 7.8.6).
 *
 * @param deviceType         the peripheral device type
 * @param removable          the RMB bit: the medium is removable
 * @param vendor             T10 VENDOR IDENTIFICATION, at most 8 printable ASCII characters
 * @param product            PRODUCT IDENTIFICATION, at most 16
 * @param revision           PRODUCT REVISION LEVEL, at most 4
 * @param serialNumber       PRODUCT SERIAL NUMBER (VPD 80h), printable ASCII
 * @param ieeeCompanyId      the 24-bit IEEE COMPANY_ID of the NAA IEEE Registered Extended designator
 * @param vendorSpecificId   its 36-bit VENDOR SPECIFIC IDENTIFIER
 * @param vendorSpecificIdExtension its 64-bit VENDOR SPECIFIC IDENTIFIER EXTENSION
 * @param versionDescriptors the VERSION DESCRIPTOR values (SPC-4 table 144), at most 8
 */
public record LogicalUnitIdentity(PeripheralDeviceType deviceType, boolean removable, String vendor, String product,
        String revision, String serialNumber, int ieeeCompanyId, long vendorSpecificId,
        long vendorSpecificIdExtension, List<Integer> versionDescriptors) {

    /**
     * The company ID used when none is configured: the IEEE CID reserved for documentation-like use is not
     * defined, so a locally chosen value is used and should be overridden by anyone with a registered OUI.
     */
    public static final int DEFAULT_COMPANY_ID = 0x5CE4E0;

    public LogicalUnitIdentity {
        Objects.requireNonNull(deviceType, "deviceType");
        requireAscii("vendor", vendor, 8);
        requireAscii("product", product, 16);
        requireAscii("revision", revision, 4);
        requireAscii("serialNumber", serialNumber, 252);
        if (ieeeCompanyId < 0 || ieeeCompanyId > 0xFFFFFF) {
            throw new IllegalArgumentException("IEEE company ID is 24 bits");
        }
        if (vendorSpecificId < 0 || vendorSpecificId > 0xF_FFFF_FFFFL) {
            throw new IllegalArgumentException("vendor specific identifier is 36 bits");
        }
        versionDescriptors = List.copyOf(versionDescriptors);
        if (versionDescriptors.size() > 8) {
            throw new IllegalArgumentException("at most 8 version descriptors");
        }
    }

    private static void requireAscii(String what, String value, int max) {
        Objects.requireNonNull(value, what);
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " longer than " + max + ": " + value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(what + " must be printable ASCII: " + value);
            }
        }
    }

    /**
     * An identity with vendor {@code SCSIEMU}, the given product and serial number, revision {@code 0001}, and an
     * NAA designator derived deterministically from the serial number.
     */
    public static LogicalUnitIdentity of(PeripheralDeviceType type, String product, String serialNumber,
            List<Integer> versionDescriptors) {
        byte[] s = serialNumber.getBytes(StandardCharsets.US_ASCII);
        CRC32C crc = new CRC32C();
        crc.update(s);
        long low = crc.getValue();
        crc.update(product.getBytes(StandardCharsets.US_ASCII));
        long high = crc.getValue();
        return new LogicalUnitIdentity(type, false, "SCSIEMU", product, "0001", serialNumber, DEFAULT_COMPANY_ID,
                (high & 0xFFFFFFFFL) << 4 & 0xF_FFFF_FFFFL, (low << 32) | (high ^ low), versionDescriptors);
    }

    /** This identity with the RMB bit set or cleared. */
    public LogicalUnitIdentity withRemovable(boolean value) {
        return new LogicalUnitIdentity(deviceType, value, vendor, product, revision, serialNumber, ieeeCompanyId,
                vendorSpecificId, vendorSpecificIdExtension, versionDescriptors);
    }

    /** This identity with another peripheral device type (e.g. a target's well-known logical unit). */
    public LogicalUnitIdentity withDeviceType(PeripheralDeviceType type) {
        return new LogicalUnitIdentity(type, removable, vendor, product, revision, serialNumber, ieeeCompanyId,
                vendorSpecificId, vendorSpecificIdExtension, versionDescriptors);
    }

    /** The 16 bytes of the NAA IEEE Registered Extended designator (NAA 6h, SPC-4 7.8.6.6.5). */
    public byte[] naaRegisteredExtended() {
        byte[] b = new byte[16];
        long high = (0x6L << 60) | ((long) ieeeCompanyId << 36) | vendorSpecificId;
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[8 + i] = (byte) (vendorSpecificIdExtension >>> (56 - 8 * i));
        }
        return b;
    }
}
