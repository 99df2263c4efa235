package io.github.scsiemu.sbc;

import io.github.scsiemu.sbc.pages.CachingModePage;
import io.github.scsiemu.sbc.pages.InformationalExceptionsControlModePage;
import io.github.scsiemu.sbc.pages.LbaBlockDescriptors;
import io.github.scsiemu.sbc.pages.ReadWriteErrorRecoveryModePage;
import io.github.scsiemu.spc.mode.ModePageRegistry;

/**
 * The mode pages of a disk (SBC-4 6.5): Read-Write Error Recovery (01h), Caching (08h), Control (0Ah, with its
 * extension, from the shared engine) and Informational Exceptions Control (1Ch); the mode parameter header's
 * DEVICE-SPECIFIC PARAMETER (SBC-4 6.4.1) and the block descriptor ({@link LbaBlockDescriptors}).
 *
 * <p>The DEVICE-SPECIFIC PARAMETER has WP (bit 7) set while the medium is write-protected, by configuration or by
 * the Control mode page's SWP, and DPOFUA (bit 4) always set: DPO and FUA are accepted by the READ and WRITE
 * commands. The MEDIUM TYPE is 00h.
 *
 * <p>The Caching page's WCE is wired to the medium ({@link Medium#writeCacheEnabled}): a MODE SELECT that clears it
 * makes every later write durable before GOOD.
 */
final class SbcModePages {

    /** DEVICE-SPECIFIC PARAMETER bit 7: WP. */
    static final int WP = 0x80;
    /** DEVICE-SPECIFIC PARAMETER bit 4: DPOFUA. */
    static final int DPOFUA = 0x10;

    private SbcModePages() {
    }

    static ModePageRegistry registry(Disk disk) {
        ModePageRegistry registry = ModePageRegistry.builder()
                .page(ReadWriteErrorRecoveryModePage.PAGE)
                .page(CachingModePage.PAGE)
                .page(InformationalExceptionsControlModePage.PAGE)
                .deviceSpecificParameter(() -> deviceSpecificParameter(disk))
                .blockDescriptors(new LbaBlockDescriptors(disk.medium()))
                .build();
        disk.medium().writeCacheEnabled(() -> registry.current(CachingModePage.PAGE).writeCacheEnable());
        return registry;
    }

    /** WP follows {@link DiskState#writeProtection()}, evaluated when MODE SENSE runs (after the disk is built). */
    private static int deviceSpecificParameter(Disk disk) {
        return (disk.state().writeProtection().isPresent() ? WP : 0) | DPOFUA;
    }
}
