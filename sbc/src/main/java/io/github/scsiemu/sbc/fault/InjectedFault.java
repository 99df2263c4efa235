package io.github.scsiemu.sbc.fault;

/** One fault installed through {@link DiskFaults}; removing it makes the disk behave normally again. */
@FunctionalInterface
public interface InjectedFault {

    /** Uninstalls the fault; later commands no longer meet it. Removing it twice has no further effect. */
    void remove();
}
