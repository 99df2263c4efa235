package io.github.scsiemu.api;

import java.util.List;
import java.util.Optional;

/**
 * A SCSI target device (SAM-5 4.6): a set of logical units addressed by LUN, reached through target ports. It
 * routes each command and task management request to the addressed logical unit and answers for logical units
 * that do not exist (SPC-4 4.3 and 6.6.2): INQUIRY returns peripheral qualifier 011b, REPORT LUNS and REQUEST
 * SENSE work, everything else gets LOGICAL UNIT NOT SUPPORTED.
 */
public interface ScsiTarget {

    /** Routes and executes one command; never throws. */
    ScsiResponse execute(ScsiRequest request);

    /** Routes and executes one task management function; I_T NEXUS RESET applies to every logical unit. */
    TaskManagementResponse manage(TaskManagementRequest request);

    /** Tells every logical unit that an I_T nexus was lost. */
    void nexusLost(Nexus nexus);

    /** The LUNs of the logical units in the inventory, in ascending order (not the well-known ones). */
    List<Lun> luns();

    /** The logical unit with the given LUN, if it exists. */
    Optional<LogicalUnit> logicalUnit(Lun lun);
}
