package io.github.scsiemu.spc.alua;

/**
 * Observes completed changes of the asymmetric access states of {@link TargetPortGroups}: each logical unit that
 * shares them establishes the unit attention conditions of SPC-4 5.15.2.5. Called after the change is visible, not
 * holding any lock of the target port groups.
 */
@FunctionalInterface
public interface AccessStateListener {
    /** Reacts to one change. */
    void accessStateChanged(AccessStateChange change);
}
