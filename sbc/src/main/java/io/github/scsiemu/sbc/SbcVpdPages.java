package io.github.scsiemu.sbc;

import io.github.scsiemu.sbc.commands.CopyCommands;
import io.github.scsiemu.sbc.copy.OperatingParameters;
import io.github.scsiemu.sbc.pages.BlockDeviceCharacteristicsPage;
import io.github.scsiemu.sbc.pages.BlockLimitsPage;
import io.github.scsiemu.sbc.pages.LogicalBlockProvisioningPage;
import io.github.scsiemu.sbc.pages.ThirdPartyCopyPage;
import io.github.scsiemu.spc.inquiry.ExtendedInquiryDataPage;
import io.github.scsiemu.spc.inquiry.VpdPageRegistry;

/**
 * The VPD pages of a disk (SBC-4 6.6): Block Limits (B0h), Block Device Characteristics (B1h) and Logical Block
 * Provisioning (B2h, on every disk), on top of the SPC pages; the Extended INQUIRY Data page (86h) reports V_SUP,
 * since the disk has a volatile write cache (the Caching mode page's WCE, see {@link SbcModePages}); the
 * Third-party Copy page (8Fh, SPC-4 7.8.17) describes the EXTENDED COPY (LID1) support of its copy manager, with
 * the limits {@link io.github.scsiemu.sbc.copy.CopyManager#CopyManager(Disk)} enforces.
 */
final class SbcVpdPages {

    private SbcVpdPages() {
    }

    static VpdPageRegistry registry(Disk disk) {
        return VpdPageRegistry.builder()
                .page(ExtendedInquiryDataPage.DEFAULT.withCaches(false, true))
                .page(new ThirdPartyCopyPage(OperatingParameters.DEFAULT, CopyCommands.DESCRIPTORS))
                .page(BlockLimitsPage.of(disk.config()))
                .page(BlockDeviceCharacteristicsPage.of(disk.config()))
                .page(LogicalBlockProvisioningPage.of(disk.config()))
                .build();
    }
}
