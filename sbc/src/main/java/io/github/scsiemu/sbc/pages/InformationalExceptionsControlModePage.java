package io.github.scsiemu.sbc.pages;

import io.github.scsiemu.spc.mode.ModePage;
import java.util.Optional;

/**
 * The Informational Exceptions Control mode page (1Ch, SPC-4 7.5.14, listed for disks in SBC-4 6.5.1), PAGE
 * LENGTH 0Ah, as typed values. An emulated disk never predicts a failure, so no informational exception condition
 * ever arises and whatever reporting method is chosen is trivially honoured.
 *
 * <p>Changeable: DEXCPT (byte 2 bit 3, 1 by default: reporting disabled) and MRIE (byte 3 bits 3-0, 0h by
 * default); MODE SELECT refuses an MRIE of 1h (obsolete) or 7h-Fh (reserved and vendor specific) with INVALID
 * FIELD IN PARAMETER LIST. PERF, EBF, EWASC, TEST (which would need a simulated exception), EBACKERR, LOGERR,
 * INTERVAL TIMER and REPORT COUNT are 0 and not changeable. The page is saveable.
 *
 * @param disableExceptionControl DEXCPT
 * @param test                    TEST
 * @param methodOfReporting       MRIE
 * @param intervalTimer           INTERVAL TIMER, in 100 ms units
 * @param reportCount             REPORT COUNT
 */
public record InformationalExceptionsControlModePage(boolean disableExceptionControl, boolean test,
        int methodOfReporting, long intervalTimer, long reportCount) {

    /** Byte 2 bit 3: DEXCPT. */
    public static final int DEXCPT = 0x08;
    /** Byte 2 bit 2: TEST. */
    public static final int TEST = 0x04;
    /** Byte 3 bits 3-0: MRIE. */
    public static final int MRIE = 0x0F;
    /** The largest MRIE value defined (6h, only report informational exception condition on request). */
    public static final int ONLY_REPORT_ON_REQUEST = 0x6;

    /** The declaration: DEXCPT 1, MRIE 0h; both changeable. */
    public static final ModePage<InformationalExceptionsControlModePage> PAGE =
            ModePage.builder("Informational Exceptions Control", 0x1C, 0x00, 0x0A,
                            InformationalExceptionsControlModePage::decode)
                    .defaultByte(2, DEXCPT)
                    .changeable(2, DEXCPT)
                    .changeable(3, MRIE)
                    .validator((proposed, current) -> {
                        int mrie = proposed[3] & MRIE;
                        return mrie == 1 || mrie > ONLY_REPORT_ON_REQUEST
                                ? Optional.of(new ModePage.InvalidField(3, 3)) : Optional.empty();
                    })
                    .saveable(true)
                    .build();

    /** Reads the page (byte 0 is the PAGE CODE byte). */
    public static InformationalExceptionsControlModePage decode(byte[] p) {
        return new InformationalExceptionsControlModePage((p[2] & DEXCPT) != 0, (p[2] & TEST) != 0, p[3] & MRIE,
                u32(p, 4), u32(p, 8));
    }

    private static long u32(byte[] p, int i) {
        return ((p[i] & 0xFFL) << 24) | ((p[i + 1] & 0xFF) << 16) | ((p[i + 2] & 0xFF) << 8) | (p[i + 3] & 0xFF);
    }
}
