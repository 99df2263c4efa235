package io.github.scsiemu.sbc;

/**
 * The provisioning state of a logical block (SBC-4 4.7.1, and the PROVISIONING STATUS of GET LBA STATUS, SBC-4
 * 5.8.2): mapped (backed by storage), deallocated, or anchored (deallocated with its backing reserved).
 */
public enum ProvisioningState {
    /** Mapped: the block holds written data (PROVISIONING STATUS 0h). */
    MAPPED(0x0),
    /** Deallocated: the block has no backing storage and reads as zeros (1h). */
    DEALLOCATED(0x1),
    /** Anchored: deallocated, with its backing storage reserved; reads as zeros (2h). */
    ANCHORED(0x2);

    private final int code;

    ProvisioningState(int code) {
        this.code = code;
    }

    /** The PROVISIONING STATUS code of an LBA status descriptor. */
    public int code() {
        return code;
    }
}
