package io.github.scsiemu.sbc;

import io.github.scsiemu.spc.mode.ModePageRegistry;

/**
 * The mode pages of a disk (SBC-4 6.5): Read-Write Error Recovery (01h), Caching (08h, WCE), Control (0Ah) and
 * Informational Exceptions Control (1Ch), with the device-specific parameter (WP, DPOFUA) and block descriptors.
 * PLACEHOLDER: being completed.
 */
final class SbcModePages {

    private SbcModePages() {
    }

    static ModePageRegistry registry(Disk disk) {
        return ModePageRegistry.builder().build();
    }
}
