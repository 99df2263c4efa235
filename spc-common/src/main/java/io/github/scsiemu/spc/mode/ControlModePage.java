package io.github.scsiemu.spc.mode;

import io.github.scsiemu.sense.SenseFormat;

/**
 * The Control mode page (0Ah, SPC-4 7.5.8) as typed values: the controls over task set management, sense data and
 * error handling that apply to every device type. Every logical unit built on the engine has it.
 *
 * <p>What this engine supports, and therefore what MODE SELECT may change:
 * <ul>
 * <li>D_SENSE (changeable): descriptor format sense data, honoured by {@link ModePageRegistry#senseFormat()}.</li>
 * <li>TAS (changeable): tasks aborted by another nexus end with TASK ABORTED status (the task manager reads it).</li>
 * <li>SWP (changeable): software write protect; a device type that has a medium honours it.</li>
 * <li>TST 000b: one task set for all I_T nexuses (the task set is shared).</li>
 * <li>QERR 00b: a CHECK CONDITION does not abort other tasks; the engine never does so.</li>
 * <li>UA_INTLCK_CTRL 00b: unit attentions are cleared when reported; no interlocking.</li>
 * <li>GLTSD 1: the logical unit never saves log parameters implicitly (log parameters are not saveable).</li>
 * <li>TMF_ONLY, DPICZ, RLEC, NUAR, RAC, ATO, ATMPE, RWWP, AUTOLOAD MODE, QUEUE ALGORITHM MODIFIER: 0 (the features
 * they control are not implemented), BUSY TIMEOUT PERIOD 0000h (undefined).</li>
 * </ul>
 *
 * @param taskSetType                    TST
 * @param tmfOnly                        TMF_ONLY
 * @param dpicz                          DPICZ
 * @param descriptorSense                D_SENSE
 * @param globalLoggingTargetSaveDisable GLTSD
 * @param reportLogExceptionCondition    RLEC
 * @param queueAlgorithmModifier         QUEUE ALGORITHM MODIFIER
 * @param noUnitAttentionOnRelease       NUAR
 * @param queueErrorManagement           QERR
 * @param reportACheck                   RAC
 * @param unitAttentionInterlockControl  UA_INTLCK_CTRL
 * @param softwareWriteProtect           SWP
 * @param applicationTagOwner            ATO
 * @param taskAbortedStatus              TAS
 * @param applicationTagModePageEnabled  ATMPE
 * @param rejectWriteWithoutProtection   RWWP
 * @param autoloadMode                   AUTOLOAD MODE
 * @param busyTimeoutPeriod              BUSY TIMEOUT PERIOD, in 100 ms units
 * @param extendedSelfTestCompletionTime EXTENDED SELF-TEST COMPLETION TIME, in seconds
 */
public record ControlModePage(int taskSetType, boolean tmfOnly, boolean dpicz, boolean descriptorSense,
        boolean globalLoggingTargetSaveDisable, boolean reportLogExceptionCondition, int queueAlgorithmModifier,
        boolean noUnitAttentionOnRelease, int queueErrorManagement, boolean reportACheck,
        int unitAttentionInterlockControl, boolean softwareWriteProtect, boolean applicationTagOwner,
        boolean taskAbortedStatus, boolean applicationTagModePageEnabled, boolean rejectWriteWithoutProtection,
        int autoloadMode, int busyTimeoutPeriod, int extendedSelfTestCompletionTime) {

    /** Byte 2 bit 2: D_SENSE. */
    public static final int D_SENSE = 0x04;
    /** Byte 2 bit 1: GLTSD. */
    public static final int GLTSD = 0x02;
    /** Byte 4 bit 3: SWP. */
    public static final int SWP = 0x08;
    /** Byte 5 bit 6: TAS. */
    public static final int TAS = 0x40;

    /** The declaration with EXTENDED SELF-TEST COMPLETION TIME 0 (no extended self-test). */
    public static final ModePage<ControlModePage> PAGE = declaration(0);

    /**
     * The declaration of the page: saveable; D_SENSE, SWP and TAS changeable; defaults all zero except GLTSD.
     *
     * @param extendedSelfTestCompletionTime the EXTENDED SELF-TEST COMPLETION TIME a device type with an extended
     *                                       self-test reports, in seconds
     */
    public static ModePage<ControlModePage> declaration(int extendedSelfTestCompletionTime) {
        return ModePage.builder("Control", 0x0A, 0x00, 0x0A, ControlModePage::decode)
                .defaultByte(2, GLTSD)
                .defaultValue(10, 2, extendedSelfTestCompletionTime)
                .changeable(2, D_SENSE)
                .changeable(4, SWP)
                .changeable(5, TAS)
                .saveable(true)
                .build();
    }

    /** Reads the page (byte 0 is the PAGE CODE byte). */
    public static ControlModePage decode(byte[] p) {
        return new ControlModePage(
                (p[2] >>> 5) & 7, bit(p[2], 4), bit(p[2], 3), bit(p[2], 2), bit(p[2], 1), bit(p[2], 0),
                (p[3] >>> 4) & 0xF, bit(p[3], 3), (p[3] >>> 1) & 3, bit(p[4], 6),
                (p[4] >>> 4) & 3, bit(p[4], 3), bit(p[5], 7),
                bit(p[5], 6), bit(p[5], 5), bit(p[5], 4),
                p[5] & 7, ((p[8] & 0xFF) << 8) | (p[9] & 0xFF), ((p[10] & 0xFF) << 8) | (p[11] & 0xFF));
    }

    private static boolean bit(byte b, int bit) {
        return (b & (1 << bit)) != 0;
    }

    /** The sense data format D_SENSE selects (SPC-4 4.5.1). */
    public SenseFormat senseFormat() {
        return descriptorSense ? SenseFormat.DESCRIPTOR : SenseFormat.FIXED;
    }
}
