package io.github.scsiemu.sbc.pages;

import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.sbc.Provisioning;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.inquiry.VpdPage;

/**
 * The Block Device Characteristics VPD page (B1h, SBC-4 6.6.2), PAGE LENGTH 003Ch. An emulated medium does not
 * rotate (MEDIUM ROTATION RATE 0001h) and has no form factor (NOMINAL FORM FACTOR 0h, not reported); PRODUCT TYPE,
 * ZONED, BOCS, FUAB, VBULS and DEPOPULATION TIME are zero.
 *
 * <p>Byte 7 holds WABEREQ (bits 7-6), WACEREQ (bits 5-4) and NOMINAL FORM FACTOR (bits 3-0). WABEREQ and WACEREQ
 * say what a read of a block that a SANITIZE BLOCK ERASE or CRYPTOGRAPHIC ERASE left unwritten returns (SBC-4 4.11):
 * a disk that offers those service actions (a thin-provisioned one) deallocates the blocks, so such a read ends with
 * GOOD status and returns zeros, which is {@link #READ_SUCCEEDS} (01b); a disk that does not offer them reports
 * {@link #NOT_SPECIFIED} (00b).
 *
 * @param mediumRotationRate the MEDIUM ROTATION RATE: 0000h not reported, 0001h non-rotating, else rpm
 * @param nominalFormFactor  the NOMINAL FORM FACTOR, 0h-Fh
 * @param wabereq            WABEREQ, 0-3
 * @param wacereq            WACEREQ, 0-3
 */
public record BlockDeviceCharacteristicsPage(int mediumRotationRate, int nominalFormFactor, int wabereq,
        int wacereq) implements VpdPage {

    public static final int PAGE_CODE = 0xB1;
    /** The PAGE LENGTH. */
    public static final int PAGE_LENGTH = 0x3C;
    /** MEDIUM ROTATION RATE of a non-rotating medium (solid state). */
    public static final int NON_ROTATING = 0x0001;
    /** WABEREQ or WACEREQ 00b: what a read after the erase returns is not specified. */
    public static final int NOT_SPECIFIED = 0b00;
    /** WABEREQ or WACEREQ 01b: a read of an erased, unwritten block succeeds (GOOD status). */
    public static final int READ_SUCCEEDS = 0b01;

    /** A non-rotating medium of no particular form factor, offering no block or cryptographic erase. */
    public static final BlockDeviceCharacteristicsPage SOLID_STATE =
            new BlockDeviceCharacteristicsPage(NON_ROTATING, 0, NOT_SPECIFIED, NOT_SPECIFIED);

    public BlockDeviceCharacteristicsPage {
        if (mediumRotationRate < 0 || mediumRotationRate > 0xFFFF || nominalFormFactor < 0
                || nominalFormFactor > 0xF || wabereq < 0 || wabereq > 3 || wacereq < 0 || wacereq > 3) {
            throw new IllegalArgumentException("medium rotation rate is two bytes, nominal form factor four bits,"
                    + " WABEREQ and WACEREQ two bits");
        }
    }

    /**
     * The page of a disk with this configuration: solid state; WABEREQ and WACEREQ 01b when SANITIZE offers BLOCK
     * ERASE and CRYPTOGRAPHIC ERASE (thin provisioning), else 00b.
     */
    public static BlockDeviceCharacteristicsPage of(DiskConfig config) {
        int erase = config.provisioning() == Provisioning.THIN ? READ_SUCCEEDS : NOT_SPECIFIED;
        return new BlockDeviceCharacteristicsPage(NON_ROTATING, 0, erase, erase);
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
        b[3] = (byte) (wabereq << 6 | wacereq << 4 | nominalFormFactor);
        return b;
    }
}
