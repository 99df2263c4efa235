package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.spc.CommandContext;

/**
 * One vital product data page a logical unit returns to INQUIRY with EVPD set (SPC-4 7.8.1). A page supplies only
 * what follows the four-byte header; the {@link VpdPageRegistry} writes the PERIPHERAL QUALIFIER, PERIPHERAL DEVICE
 * TYPE, PAGE CODE and PAGE LENGTH, and the engine truncates the page to the allocation length.
 */
public interface VpdPage {

    /** The PAGE CODE, 01h-FFh (00h, Supported VPD Pages, is the registry's own). */
    int pageCode();

    /**
     * The page's bytes after the header (byte 4 onwards), complete and untruncated.
     *
     * @param context the INQUIRY command being executed (its nexus, logical unit and inventory)
     */
    byte[] content(CommandContext context);
}
