package io.github.scsiemu.spc.alua;

import java.util.List;
import java.util.Objects;

/**
 * One target port group as REPORT TARGET PORT GROUPS describes it at one instant (SPC-4 6.37, table 306): a primary
 * target port group, whose ports share one primary asymmetric access state (SPC-4 5.15.2.1), or the secondary target
 * port group of the ports in the offline state.
 *
 * @param id                    the TARGET PORT GROUP, 0-65535
 * @param state                 the current asymmetric access state
 * @param preferred             the PREF bit (SPC-4 5.15.2.6)
 * @param statusCode            why the group is in its state
 * @param vendorSpecific        the vendor specific byte
 * @param relativeTargetPortIds the member ports' relative target port identifiers, ascending, 1-255 of them
 *                              (TARGET PORT COUNT is one byte)
 */
public record TargetPortGroup(int id, AsymmetricAccessState state, boolean preferred,
        TargetPortGroupStatusCode statusCode, int vendorSpecific, List<Integer> relativeTargetPortIds) {

    public TargetPortGroup {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(statusCode, "statusCode");
        relativeTargetPortIds = List.copyOf(relativeTargetPortIds);
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("target port group must be 0-65535");
        }
        if (vendorSpecific < 0 || vendorSpecific > 0xFF) {
            throw new IllegalArgumentException("vendor specific is one byte");
        }
        if (relativeTargetPortIds.isEmpty() || relativeTargetPortIds.size() > 0xFF) {
            throw new IllegalArgumentException("a target port group contains 1-255 target ports");
        }
    }

    /** Whether this is a primary target port group (its state is not offline). */
    public boolean isPrimary() {
        return state.isPrimary();
    }
}
