package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.spc.CommandContext;
import java.nio.charset.StandardCharsets;

/** The Unit Serial Number VPD page (80h, SPC-4 7.8.19): the PRODUCT SERIAL NUMBER of the identity, in ASCII. */
public final class UnitSerialNumberPage implements VpdPage {

    public static final int PAGE_CODE = 0x80;

    @Override
    public int pageCode() {
        return PAGE_CODE;
    }

    @Override
    public byte[] content(CommandContext context) {
        return context.logicalUnit().identity().serialNumber().getBytes(StandardCharsets.US_ASCII);
    }
}
