package io.github.scsiemu.sbc;

import java.util.Objects;

/**
 * A run of consecutive logical blocks in the same provisioning state: one LBA status descriptor of GET LBA STATUS
 * (SBC-4 5.8.2).
 *
 * @param lba    the first logical block of the run
 * @param blocks the number of logical blocks, at least one
 * @param state  their provisioning state
 */
public record ProvisioningRun(long lba, long blocks, ProvisioningState state) {
    public ProvisioningRun {
        Objects.requireNonNull(state, "state");
        if (blocks < 1) {
            throw new IllegalArgumentException("a run has at least one block");
        }
    }
}
