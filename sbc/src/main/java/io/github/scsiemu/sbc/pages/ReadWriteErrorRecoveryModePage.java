package io.github.scsiemu.sbc.pages;

import io.github.scsiemu.spc.mode.ModePage;

/**
 * The Read-Write Error Recovery mode page (01h, SBC-4 6.5.8), PAGE LENGTH 0Ah, as typed values. An emulated medium
 * has no recoverable errors to retry or correct, so nothing on the page is changeable: AWRE and ARRE are 1
 * (automatic reallocation enabled, the usual default, which no error ever triggers), TB, RC, EER, PER, DTE, DCR,
 * LBPERE and MWR are 0, and the retry counts and RECOVERY TIME LIMIT are 0. The page is saveable.
 *
 * @param automaticWriteReallocationEnabled AWRE
 * @param automaticReadReallocationEnabled  ARRE
 * @param postErrorReporting                PER
 * @param readRetryCount                    READ RETRY COUNT
 * @param writeRetryCount                   WRITE RETRY COUNT
 * @param recoveryTimeLimit                 RECOVERY TIME LIMIT, in milliseconds
 */
public record ReadWriteErrorRecoveryModePage(boolean automaticWriteReallocationEnabled,
        boolean automaticReadReallocationEnabled, boolean postErrorReporting, int readRetryCount,
        int writeRetryCount, int recoveryTimeLimit) {

    /** Byte 2 bit 7: AWRE. */
    public static final int AWRE = 0x80;
    /** Byte 2 bit 6: ARRE. */
    public static final int ARRE = 0x40;
    /** Byte 2 bit 2: PER. */
    public static final int PER = 0x04;

    /** The declaration: AWRE and ARRE set, nothing changeable. */
    public static final ModePage<ReadWriteErrorRecoveryModePage> PAGE =
            ModePage.builder("Read-Write Error Recovery", 0x01, 0x00, 0x0A, ReadWriteErrorRecoveryModePage::decode)
                    .defaultByte(2, AWRE | ARRE)
                    .saveable(true)
                    .build();

    /** Reads the page (byte 0 is the PAGE CODE byte). */
    public static ReadWriteErrorRecoveryModePage decode(byte[] p) {
        return new ReadWriteErrorRecoveryModePage((p[2] & AWRE) != 0, (p[2] & ARRE) != 0, (p[2] & PER) != 0,
                p[3] & 0xFF, p[8] & 0xFF, ((p[10] & 0xFF) << 8) | (p[11] & 0xFF));
    }
}
