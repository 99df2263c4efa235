package io.github.scsiemu.sbc;

/**
 * How a disk provisions its logical blocks (SBC-4 4.7): fully provisioned, or thin provisioned with logical block
 * provisioning management (LBPME = 1: UNMAP, WRITE SAME with UNMAP, GET LBA STATUS).
 */
public enum Provisioning {
    /** Every logical block is mapped; no provisioning management (LBPME = 0, PROVISIONING TYPE 000b). */
    FULL,
    /** Thin provisioned with management (LBPME = 1, PROVISIONING TYPE 010b). */
    THIN
}
