package io.github.scsiemu.sbc;

import io.github.scsiemu.spc.inquiry.VpdPageRegistry;

/**
 * The VPD pages of a disk (SBC-4 6.6): Block Limits (B0h), Block Device Characteristics (B1h) and Logical Block
 * Provisioning (B2h). PLACEHOLDER: being completed.
 */
final class SbcVpdPages {

    private SbcVpdPages() {
    }

    static VpdPageRegistry registry(Disk disk) {
        return VpdPageRegistry.builder().build();
    }
}
