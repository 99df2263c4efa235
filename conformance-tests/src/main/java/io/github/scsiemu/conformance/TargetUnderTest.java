package io.github.scsiemu.conformance;

import io.github.scsiemu.api.Lun;
import java.util.List;

/**
 * Anything the conformance suite can test: a SCSI target device (SAM-5 4.6) reached through one or more target
 * ports, on which the suite opens sessions as distinct I_T nexuses and addresses the listed logical units. An
 * in-process target ({@link InProcessTarget}) and a remote one reached through a transport implement the same
 * interface, so every suite runs unchanged against both.
 *
 * <p>Every session is a new I_T nexus: a target sees it as an initiator port it has not seen before (for iSCSI,
 * a new ISID). When the target has several target ports, successive sessions are spread over them.
 */
public interface TargetUnderTest extends AutoCloseable {

    /** A one-line description for reports, such as the product or the URL. */
    String description();

    /** The logical units the suites test, at least one. */
    List<Lun> luns();

    /**
     * Opens a session as a new I_T nexus from the given initiator.
     *
     * @param initiatorName the initiator device name (for iSCSI, an iSCSI name); each call still yields a distinct
     *                      initiator port
     * @return the open session
     */
    Session openSession(String initiatorName);

    /** Opens a session as a new I_T nexus from the suite's default initiator. */
    default Session openSession() {
        return openSession(DEFAULT_INITIATOR);
    }

    /** Releases what the target under test holds (connections, threads); default nothing. */
    @Override
    default void close() {
    }

    /** The initiator name sessions use unless told otherwise. */
    String DEFAULT_INITIATOR = "iqn.2026-01.io.github.scsiemu:conformance";
}
