package io.github.scsiemu.spc;

/** The PERIPHERAL DEVICE TYPE of standard INQUIRY data (SPC-4 6.6.2, table 140), for the types modelled here. */
public enum PeripheralDeviceType {
    DIRECT_ACCESS(0x00),
    SEQUENTIAL_ACCESS(0x01),
    MEDIUM_CHANGER(0x08),
    STORAGE_ARRAY_CONTROLLER(0x0C),
    ENCLOSURE_SERVICES(0x0D),
    WELL_KNOWN_LOGICAL_UNIT(0x1E),
    UNKNOWN(0x1F);

    private final int code;

    PeripheralDeviceType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
