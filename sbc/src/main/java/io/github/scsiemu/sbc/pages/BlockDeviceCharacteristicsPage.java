package io.github.scsiemu.sbc.pages;

import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.inquiry.VpdPage;

/**
 * The Block Device Characteristics VPD page (B1h, SBC-4 6.6.2), PAGE LENGTH 003Ch. An emulated medium does not
 * rotate (MEDIUM ROTATION RATE 0001h) and has no form factor (NOMINAL FORM FACTOR 0h, not reported); PRODUCT TYPE,
 * WABEREQ, WACEREQ, ZONED, BOCS, FUAB, VBULS and DEPOPULATION TIME are zero.
 *
 * @param mediumRotationRate the MEDIUM ROTATION RATE: 0000h not reported, 0001h non-rotating, else rpm
 * @param nominalFormFactor  the NOMINAL FORM FACTOR, 0h-Fh
 */
public record BlockDeviceCharacteristicsPage(int mediumRotationRate, int nominalFormFactor) implements VpdPage {

    public static final int PAGE_CODE = 0xB1;
    /** The PAGE LENGTH. */
    public static final int PAGE_LENGTH = 0x3C;
    /** MEDIUM ROTATION RATE of a non-rotating medium (solid state). */
    public static final int NON_ROTATING = 0x0001;

    /** A non-rotating medium of no particular form factor. */
    public static final BlockDeviceCharacteristicsPage SOLID_STATE = new BlockDeviceCharacteristicsPage(NON_ROTATING, 0);

    public BlockDeviceCharacteristicsPage {
        if (mediumRotationRate < 0 || mediumRotationRate > 0xFFFF || nominalFormFactor < 0
                || nominalFormFactor > 0xF) {
            throw new IllegalArgumentException("medium rotation rate is two bytes, nominal form factor four bits");
        }
    }

    @Override
    public int pageCode() {
        return PAGE_CODE;
    }

    @Override
    public byte[] content(CommandContext context) {
        byte[] b = new byte[PAGE_LENGTH]; // b[n] is byte n+4 of the page
        b[0] = (byte) (mediumRotationRate >>> 8);
        b[1] = (byte) mediumRotationRate;
        b[3] = (byte) nominalFormFactor;
        return b;
    }
}
