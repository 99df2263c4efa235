package io.github.scsiemu.spc.alua;

import java.util.Optional;

/**
 * A target port asymmetric access state (SPC-4 5.15.2.4, the ASYMMETRIC ACCESS STATE field of SPC-4 6.37 table 307
 * and 6.45 table 330), with the bit that reports its support in a target port group descriptor (the _SUP bits of
 * SPC-4 6.37 table 306).
 */
public enum AsymmetricAccessState {
    /** 0h: active/optimized, a primary state; every command is processed (SPC-4 5.15.2.4.2). */
    ACTIVE_OPTIMIZED(0x0, 0x01, true),
    /** 1h: active/non-optimized, a primary state; every command is processed (SPC-4 5.15.2.4.3). */
    ACTIVE_NON_OPTIMIZED(0x1, 0x02, true),
    /** 2h: standby, a primary state; a limited set of commands is processed (SPC-4 5.15.2.4.4). */
    STANDBY(0x2, 0x04, true),
    /** 3h: unavailable, a primary state; a smaller set of commands is processed (SPC-4 5.15.2.4.5). */
    UNAVAILABLE(0x3, 0x08, true),
    /** 4h: logical block dependent, a primary state that needs referrals (SPC-4 5.15.2.4.7); never entered here. */
    LOGICAL_BLOCK_DEPENDENT(0x4, 0x10, true),
    /** Eh: offline, the secondary state of a single target port (SPC-4 5.15.2.4.6). */
    OFFLINE(0xE, 0x40, false),
    /** Fh: transitioning between primary states (SPC-4 5.15.2.5). */
    TRANSITIONING(0xF, 0x80, true);

    private final int code;
    private final int supportBit;
    private final boolean primary;

    AsymmetricAccessState(int code, int supportBit, boolean primary) {
        this.code = code;
        this.supportBit = supportBit;
        this.primary = primary;
    }

    /** The four-bit ASYMMETRIC ACCESS STATE code. */
    public int code() {
        return code;
    }

    /** The bit of byte 1 of a target port group descriptor that says this state is supported (T_SUP ... AO_SUP). */
    public int supportBit() {
        return supportBit;
    }

    /** Whether this is a primary target port asymmetric access state (SPC-4 5.15.2.1); offline is secondary. */
    public boolean isPrimary() {
        return primary;
    }

    /**
     * Whether a primary target port group may be put in this state as the end of a transition: active/optimized,
     * active/non-optimized, standby or unavailable (logical block dependent needs referrals, transitioning is the
     * way there, and offline belongs to single ports).
     */
    public boolean isSettledPrimary() {
        return primary && this != LOGICAL_BLOCK_DEPENDENT && this != TRANSITIONING;
    }

    /** The state with the given code, if the code is assigned. */
    public static Optional<AsymmetricAccessState> fromCode(int code) {
        for (AsymmetricAccessState s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
