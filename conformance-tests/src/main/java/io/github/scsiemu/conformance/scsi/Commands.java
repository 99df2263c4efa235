package io.github.scsiemu.conformance.scsi;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.conformance.ConformanceViolation;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.UnsupportedFeature;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;

/** Command sequences the suites share: clearing unit attentions, and telling unsupported commands apart. */
public final class Commands {

    /** Most unit attention conditions drained before giving up (SAM-5 5.14 queues are finite). */
    private static final int MAX_UNIT_ATTENTIONS = 16;

    private Commands() {
    }

    /**
     * Clears every unit attention condition pending for the session on {@code lun} by sending TEST UNIT READY until
     * it no longer reports UNIT ATTENTION (SAM-5 5.14: each condition is reported once).
     *
     * @param session the session
     * @param lun     the logical unit
     */
    public static void clearUnitAttentions(Session session, Lun lun) {
        for (int i = 0; i < MAX_UNIT_ATTENTIONS; i++) {
            Exchange tur = session.send(lun, Cdbs.testUnitReady(), 0);
            if (!tur.isCheckCondition(SenseKey.UNIT_ATTENTION)) {
                return;
            }
        }
        throw new ConformanceViolation("SAM-5 5.14: a unit attention condition is reported once; TEST UNIT READY "
                + "still reports UNIT ATTENTION after " + MAX_UNIT_ATTENTIONS + " commands");
    }

    /**
     * Sends a command, and again after clearing unit attentions if a unit attention condition preempted it (a
     * remote target may report unit attentions before it validates the CDB).
     *
     * @param session              the session
     * @param lun                  the logical unit
     * @param cdb                  the CDB
     * @param expectedDataInLength the data-in buffer size
     * @return the response that was not a unit attention
     */
    public static Exchange send(Session session, Lun lun, byte[] cdb, int expectedDataInLength) {
        Exchange e = session.send(lun, cdb, expectedDataInLength);
        if (e.isCheckCondition(SenseKey.UNIT_ATTENTION)) {
            clearUnitAttentions(session, lun);
            e = session.send(lun, cdb, expectedDataInLength);
        }
        return e;
    }

    /**
     * Throws {@link UnsupportedFeature} if the response says the command is not supported (INVALID COMMAND
     * OPERATION CODE, or INVALID FIELD IN CDB for its service action).
     *
     * @param exchange the response to a command the check needs
     * @param what     the command's name
     * @return {@code exchange}
     */
    public static Exchange requireSupported(Exchange exchange, String what) {
        if (exchange.isCheckCondition(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_COMMAND_OPERATION_CODE)) {
            throw new UnsupportedFeature(what + " is not supported (INVALID COMMAND OPERATION CODE)");
        }
        return exchange;
    }
}
