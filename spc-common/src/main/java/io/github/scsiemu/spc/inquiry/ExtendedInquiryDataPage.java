package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.spc.CommandContext;

/**
 * The Extended INQUIRY Data VPD page (86h, SPC-4 7.8.7): 60 bytes after the header, of which these bits are
 * reported; protection information, microcode activation, priorities and the rest are zero (not supported).
 *
 * <p>{@link #DEFAULT} is what the shared engine truthfully does: its task set honours the SIMPLE, ORDERED and HEAD
 * OF QUEUE task attributes (SAM-5 8.6, see {@link io.github.scsiemu.spc.TaskSet}; SIMPSUP, ORDSUP and HEADSUP 1)
 * and, with a target from {@code io.github.scsiemu.spc.target}, clears REPORTED LUNS DATA HAS CHANGED
 * in every logical unit of an I_T nexus once one has reported it (LUICLR 1, which SPC-4 requires). A device type
 * with a cache replaces the page with V_SUP or NV_SUP set.
 *
 * @param headsup HEADSUP: the HEAD OF QUEUE task attribute is supported
 * @param ordsup  ORDSUP: the ORDERED task attribute is supported
 * @param simpsup SIMPSUP: the SIMPLE task attribute is supported
 * @param nvSup   NV_SUP: a non-volatile cache exists
 * @param vSup    V_SUP: a volatile cache exists
 * @param luiclr  LUICLR: REPORTED LUNS DATA HAS CHANGED is cleared in every logical unit of the nexus (SAM-5 5.14)
 */
public record ExtendedInquiryDataPage(boolean headsup, boolean ordsup, boolean simpsup, boolean nvSup, boolean vSup,
        boolean luiclr) implements VpdPage {

    public static final int PAGE_CODE = 0x86;
    /** The PAGE LENGTH: 003Ch. */
    public static final int PAGE_LENGTH = 0x3C;

    /** HEADSUP, ORDSUP, SIMPSUP and LUICLR set, everything else clear. */
    public static final ExtendedInquiryDataPage DEFAULT =
            new ExtendedInquiryDataPage(true, true, true, false, false, true);

    /** This page with the cache bits set as given. */
    public ExtendedInquiryDataPage withCaches(boolean nonVolatile, boolean volatileCache) {
        return new ExtendedInquiryDataPage(headsup, ordsup, simpsup, nonVolatile, volatileCache, luiclr);
    }

    @Override
    public int pageCode() {
        return PAGE_CODE;
    }

    @Override
    public byte[] content(CommandContext context) {
        byte[] b = new byte[PAGE_LENGTH];
        // b[n] is byte n+4 of the page.
        b[1] = (byte) ((headsup ? 0x04 : 0) | (ordsup ? 0x02 : 0) | (simpsup ? 0x01 : 0));
        b[2] = (byte) ((nvSup ? 0x02 : 0) | (vSup ? 0x01 : 0));
        b[3] = (byte) (luiclr ? 0x01 : 0);
        return b;
    }
}
