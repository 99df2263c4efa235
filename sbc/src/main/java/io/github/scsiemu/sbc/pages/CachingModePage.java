package io.github.scsiemu.sbc.pages;

import io.github.scsiemu.spc.mode.ModePage;

/**
 * The Caching mode page (08h, SBC-4 6.5.5), PAGE LENGTH 12h, as typed values. The disk has a volatile write cache
 * and no read cache:
 * <ul>
 * <li>WCE (byte 2 bit 2) is changeable and 1 by default: writes complete once in the cache and are made durable by
 * SYNCHRONIZE CACHE, FUA or clearing WCE; with WCE 0 every write is durable before GOOD (SBC-4 4.15, honoured by
 * {@link io.github.scsiemu.sbc.Medium#write}).</li>
 * <li>RCD (byte 2 bit 0) is 0 and not changeable: there is no read cache to disable, reads always come from the
 * medium's current contents.</li>
 * <li>Every other field (IC, ABPF, CAP, DISC, SIZE, MF, retention priorities, pre-fetch lengths, FSW, LBCSS, DRA,
 * NV_DIS, cache segments) is zero and not changeable: the cache has no such controls.</li>
 * </ul>
 * The page is saveable.
 *
 * @param writeCacheEnable  WCE
 * @param readCacheDisable  RCD
 */
public record CachingModePage(boolean writeCacheEnable, boolean readCacheDisable) {

    /** Byte 2 bit 2: WCE. */
    public static final int WCE = 0x04;
    /** Byte 2 bit 0: RCD. */
    public static final int RCD = 0x01;

    /** The declaration: WCE 1 by default and changeable. */
    public static final ModePage<CachingModePage> PAGE =
            ModePage.builder("Caching", 0x08, 0x00, 0x12, CachingModePage::decode)
                    .defaultByte(2, WCE)
                    .changeable(2, WCE)
                    .saveable(true)
                    .build();

    /** Reads the page (byte 0 is the PAGE CODE byte). */
    public static CachingModePage decode(byte[] page) {
        return new CachingModePage((page[2] & WCE) != 0, (page[2] & RCD) != 0);
    }
}
