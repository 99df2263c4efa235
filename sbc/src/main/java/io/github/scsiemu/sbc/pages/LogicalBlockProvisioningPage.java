package io.github.scsiemu.sbc.pages;

import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.sbc.Provisioning;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.inquiry.VpdPage;

/**
 * The Logical Block Provisioning VPD page (B2h, SBC-4 6.6.6), PAGE LENGTH 0004h (no provisioning group
 * descriptor, DP 0). THRESHOLD EXPONENT, MINIMUM PERCENTAGE and THRESHOLD PERCENTAGE are zero: no provisioning
 * thresholds.
 *
 * <p>Every disk returns the page, so that a fully provisioned one says so explicitly (PROVISIONING TYPE 000b, all
 * provisioning bits zero). A thin provisioned disk reports LBPU (UNMAP), LBPWS and LBPWS10 (WRITE SAME (16) and
 * (10) with UNMAP), ANC_SUP (anchoring through UNMAP and WRITE SAME with ANCHOR), LBPRZ 001b if it promises that
 * unmapped blocks read as zeros, and PROVISIONING TYPE 010b.
 *
 * @param lbpu             LBPU: UNMAP is supported
 * @param lbpws            LBPWS: WRITE SAME (16) with UNMAP is supported
 * @param lbpws10          LBPWS10: WRITE SAME (10) with UNMAP is supported
 * @param lbprz            the three-bit LBPRZ field: 000b or 001b (unmapped blocks read as zeros)
 * @param anchorSupported  ANC_SUP: anchored LBAs are supported
 * @param provisioningType the PROVISIONING TYPE: 000b fully provisioned, 001b resource provisioned, 010b thin
 */
public record LogicalBlockProvisioningPage(boolean lbpu, boolean lbpws, boolean lbpws10, int lbprz,
        boolean anchorSupported, int provisioningType) implements VpdPage {

    public static final int PAGE_CODE = 0xB2;
    /** The PAGE LENGTH. */
    public static final int PAGE_LENGTH = 0x04;
    /** PROVISIONING TYPE 000b: fully provisioned. */
    public static final int FULLY_PROVISIONED = 0b000;
    /** PROVISIONING TYPE 010b: thin provisioned. */
    public static final int THIN_PROVISIONED = 0b010;

    public LogicalBlockProvisioningPage {
        if (lbprz < 0 || lbprz > 7 || provisioningType < 0 || provisioningType > 7) {
            throw new IllegalArgumentException("LBPRZ and PROVISIONING TYPE are three bits");
        }
    }

    /** The page of a disk with this configuration. */
    public static LogicalBlockProvisioningPage of(DiskConfig config) {
        if (config.provisioning() == Provisioning.THIN) {
            return new LogicalBlockProvisioningPage(true, true, true, config.lbprz() ? 0b001 : 0, true,
                    THIN_PROVISIONED);
        }
        return new LogicalBlockProvisioningPage(false, false, false, 0, false, FULLY_PROVISIONED);
    }

    @Override
    public int pageCode() {
        return PAGE_CODE;
    }

    @Override
    public byte[] content(CommandContext context) {
        byte[] b = new byte[PAGE_LENGTH]; // b[n] is byte n+4 of the page; b[0] is THRESHOLD EXPONENT 0
        b[1] = (byte) ((lbpu ? 0x80 : 0) | (lbpws ? 0x40 : 0) | (lbpws10 ? 0x20 : 0) | lbprz << 2
                | (anchorSupported ? 0x02 : 0));
        b[2] = (byte) provisioningType;
        return b;
    }
}
