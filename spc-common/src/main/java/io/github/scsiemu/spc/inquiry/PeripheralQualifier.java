package io.github.scsiemu.spc.inquiry;

/**
 * The PERIPHERAL QUALIFIER of standard INQUIRY data and of every VPD page header (SPC-4 6.6.2, table 139): whether
 * a peripheral device of the reported type is attached to the addressed logical unit.
 */
public enum PeripheralQualifier {
    /** 000b: a peripheral device of the reported type is connected to this logical unit. */
    CONNECTED(0b000),
    /** 001b: the device server supports the reported type on this logical unit, but no device is connected. */
    NOT_CONNECTED(0b001),
    /**
     * 011b: the SCSI target device cannot support a peripheral device on this logical unit (an absent LUN); the
     * PERIPHERAL DEVICE TYPE is then 1Fh.
     */
    NOT_CAPABLE(0b011);

    private final int code;

    PeripheralQualifier(int code) {
        this.code = code;
    }

    /** The three-bit code. */
    public int code() {
        return code;
    }
}
