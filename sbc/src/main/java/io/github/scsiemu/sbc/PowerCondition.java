package io.github.scsiemu.sbc;

import java.util.Optional;

/**
 * The POWER CONDITION field of START STOP UNIT (SBC-4 5.25, table 108) and the power condition it selects (SBC-4
 * 4.20). Reserved and obsolete codes are not constants: a CDB carrying one is refused.
 */
public enum PowerCondition {
    /** 0h START_VALID: the START and LOEJ bits apply. */
    START_VALID(0x0, 0),
    /** 1h ACTIVE. */
    ACTIVE(0x1, 0),
    /** 2h IDLE; POWER CONDITION MODIFIER 0-2 selects idle_a, idle_b or idle_c. */
    IDLE(0x2, 2),
    /** 3h STANDBY; POWER CONDITION MODIFIER 0-1 selects standby_z or standby_y. */
    STANDBY(0x3, 1),
    /** 7h LU_CONTROL: the logical unit controls its own power conditions again. */
    LU_CONTROL(0x7, 0),
    /** Ah FORCE_IDLE_0: idle, with the idle condition timers set to zero. */
    FORCE_IDLE_0(0xA, 0),
    /** Bh FORCE_STANDBY_0: standby, with the standby condition timers set to zero. */
    FORCE_STANDBY_0(0xB, 0);

    private final int code;
    private final int maximumModifier;

    PowerCondition(int code, int maximumModifier) {
        this.code = code;
        this.maximumModifier = maximumModifier;
    }

    /** The field's value. */
    public int code() {
        return code;
    }

    /** The largest POWER CONDITION MODIFIER this condition defines (zero: the modifier must be zero). */
    public int maximumModifier() {
        return maximumModifier;
    }

    /** The condition with the given code, or empty for a reserved or obsolete code. */
    public static Optional<PowerCondition> of(int code) {
        for (PowerCondition p : values()) {
            if (p.code == code) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
