package io.github.scsiemu.spc.mode;

/**
 * The Control Extension mode page (0Ah/01h, SPC-4 7.5.9) as typed values. Every logical unit built on the engine
 * has it, with nothing changeable: timestamps may only be changed by SET TIMESTAMP-style methods of the standard
 * (TCMOS 0, SCSIP 0), implicit asymmetric access transitions are not enabled (IALUAE 0), commands get no initial
 * priority (INITIAL COMMAND PRIORITY 0) and sense data is not limited (MAXIMUM SENSE DATA LENGTH 0). Not saveable.
 *
 * @param timestampChangeableByMethodsOutsideThisStandard TCMOS
 * @param scsiPrecedence                                  SCSIP
 * @param implicitAluaEnabled                             IALUAE
 * @param initialCommandPriority                          INITIAL COMMAND PRIORITY
 * @param maximumSenseDataLength                          MAXIMUM SENSE DATA LENGTH (0: no limit)
 */
public record ControlExtensionModePage(boolean timestampChangeableByMethodsOutsideThisStandard,
        boolean scsiPrecedence, boolean implicitAluaEnabled, int initialCommandPriority,
        int maximumSenseDataLength) {

    /** The declaration: PAGE LENGTH 1Ch, all zero, nothing changeable, not saveable. */
    public static final ModePage<ControlExtensionModePage> PAGE =
            ModePage.builder("Control Extension", 0x0A, 0x01, 0x1C, ControlExtensionModePage::decode).build();

    /** Reads the page (byte 0 is the PAGE CODE byte). */
    public static ControlExtensionModePage decode(byte[] p) {
        return new ControlExtensionModePage((p[4] & 4) != 0, (p[4] & 2) != 0, (p[4] & 1) != 0, p[5] & 0xF,
                p[6] & 0xFF);
    }
}
