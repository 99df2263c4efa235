package io.github.scsiemu.spc.alua;

/**
 * The STATUS CODE of a target port group descriptor (SPC-4 6.37, table 308): why the target port group is in its
 * current asymmetric access state.
 */
public enum TargetPortGroupStatusCode {
    /** 00h: no status available. */
    NO_STATUS(0x00),
    /** 01h: the state was altered by a SET TARGET PORT GROUPS command. */
    ALTERED_BY_SET_TARGET_PORT_GROUPS(0x01),
    /** 02h: the state was altered by implicit asymmetric logical unit access behaviour. */
    ALTERED_BY_IMPLICIT_BEHAVIOUR(0x02);

    private final int code;

    TargetPortGroupStatusCode(int code) {
        this.code = code;
    }

    /** The one-byte code. */
    public int code() {
        return code;
    }
}
