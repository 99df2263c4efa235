package io.github.scsiemu.conformance;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementResponse;
import java.nio.ByteBuffer;

/**
 * One I_T nexus (SAM-5 4.7) from the conformance suite to the target under test: commands and task management
 * requests sent through it all arrive on the same initiator port and target port. Closing the session ends the
 * nexus, which the target sees as an I_T nexus loss (SAM-5 6.3.4).
 *
 * <p>A provider implements the three primitive operations; the suites use the {@link Exchange}-returning
 * conveniences, which keep the command next to its response for failure reports.
 */
public interface Session extends AutoCloseable {

    /** The I_T nexus this session is. */
    Nexus nexus();

    /**
     * Sends one command (SAM-5 5.1) with the SIMPLE task attribute and a tag unique within the session.
     *
     * @param lun                  the addressed logical unit
     * @param cdb                  the CDB, not modified
     * @param dataOut              the data-out buffer (position to limit), empty for none
     * @param expectedDataInLength the size of the data-in buffer
     * @return the response; sense data as the transport delivered it
     */
    ScsiResponse execute(Lun lun, byte[] cdb, ByteBuffer dataOut, int expectedDataInLength);

    /**
     * Sends one task management request (SAM-5 7).
     *
     * @param lun           the addressed logical unit
     * @param function      the function
     * @param referencedTag the tag the function refers to, 0 for none
     * @return the service response
     */
    TaskManagementResponse manage(Lun lun, TaskManagementFunction function, long referencedTag);

    /** Ends the nexus (an I_T nexus loss for the target). */
    @Override
    void close();

    /**
     * Sends a command without data-out.
     *
     * @param lun                  the addressed logical unit
     * @param cdb                  the CDB
     * @param expectedDataInLength the size of the data-in buffer
     * @return the command with its response
     */
    default Exchange send(Lun lun, byte[] cdb, int expectedDataInLength) {
        byte[] copy = cdb.clone();
        return new Exchange(nexus(), lun, copy, 0, expectedDataInLength,
                execute(lun, copy, ByteBuffer.allocate(0), expectedDataInLength));
    }

    /**
     * Sends a command with data-out and no data-in.
     *
     * @param lun     the addressed logical unit
     * @param cdb     the CDB
     * @param dataOut the parameter data
     * @return the command with its response
     */
    default Exchange send(Lun lun, byte[] cdb, byte[] dataOut) {
        byte[] copy = cdb.clone();
        return new Exchange(nexus(), lun, copy, dataOut.length, 0,
                execute(lun, copy, ByteBuffer.wrap(dataOut.clone()).asReadOnlyBuffer(), 0));
    }
}
