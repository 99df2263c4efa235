package io.github.scsiemu.conformance.scsi;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Session;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PERSISTENT RESERVE IN (5Eh, SPC-4 6.15) and OUT (5Fh, SPC-4 6.16) as an application client writes them, from the
 * standard's tables and sg3_utils' {@code sg_persist} layouts, independent of any emulator code: CDBs, the basic
 * parameter list, and the READ KEYS and READ RESERVATION parameter data.
 */
public final class PersistentReserve {

    /** PERSISTENT RESERVE IN. */
    public static final int IN = 0x5E;
    /** PERSISTENT RESERVE OUT. */
    public static final int OUT = 0x5F;
    /** PR IN service actions (SPC-4 table 201). */
    public static final int READ_KEYS = 0, READ_RESERVATION = 1, REPORT_CAPABILITIES = 2, READ_FULL_STATUS = 3;
    /** PR OUT service actions (SPC-4 table 213). */
    public static final int REGISTER = 0, RESERVE = 1, RELEASE = 2, CLEAR = 3, PREEMPT = 4, PREEMPT_AND_ABORT = 5,
            REGISTER_AND_IGNORE_EXISTING_KEY = 6;
    /** Write Exclusive - Registrants Only, the type fence_scsi and Windows use (SPC-4 table 204). */
    public static final int WRITE_EXCLUSIVE_REGISTRANTS_ONLY = 5;

    private PersistentReserve() {
    }

    /** A PERSISTENT RESERVE IN CDB. */
    public static byte[] inCdb(int serviceAction, int allocationLength) {
        byte[] c = new byte[10];
        c[0] = (byte) IN;
        c[1] = (byte) serviceAction;
        c[7] = (byte) (allocationLength >> 8);
        c[8] = (byte) allocationLength;
        return c;
    }

    /** A PERSISTENT RESERVE OUT CDB with a 24-byte parameter list, scope LU_SCOPE. */
    public static byte[] outCdb(int serviceAction, int type) {
        byte[] c = new byte[10];
        c[0] = (byte) OUT;
        c[1] = (byte) serviceAction;
        c[2] = (byte) (type & 0x0F);
        c[8] = 24;
        return c;
    }

    /** The basic parameter list (SPC-4 table 215): RESERVATION KEY, SERVICE ACTION RESERVATION KEY, APTPL. */
    public static byte[] parameters(long reservationKey, long serviceActionKey, boolean aptpl) {
        return ByteBuffer.allocate(24).putLong(reservationKey).putLong(serviceActionKey).put(20,
                (byte) (aptpl ? 1 : 0)).array();
    }

    /** Sends a PERSISTENT RESERVE OUT. */
    public static Exchange out(Session s, Lun lun, int serviceAction, int type, long rk, long sark) {
        return s.send(lun, outCdb(serviceAction, type), parameters(rk, sark, false));
    }

    /** Sends a PERSISTENT RESERVE IN with a 1024-byte allocation. */
    public static Exchange in(Session s, Lun lun, int serviceAction) {
        return s.send(lun, inCdb(serviceAction, 1024), 1024);
    }

    /** PRgeneration (bytes 0-3) of READ KEYS or READ RESERVATION data. */
    public static long generation(byte[] data) {
        return Bytes.u32(data, 0);
    }

    /** The reservation keys of READ KEYS data (SPC-4 6.15.2), as many as were transferred. */
    public static List<Long> keys(byte[] data) {
        List<Long> keys = new ArrayList<>();
        long length = Bytes.u32(data, 4);
        for (int off = 8; off + 8 <= data.length && off < 8 + length; off += 8) {
            keys.add(ByteBuffer.wrap(data, off, 8).getLong());
        }
        return keys;
    }

    /**
     * The reservation in READ RESERVATION data (SPC-4 6.15.3).
     *
     * @param key   the RESERVATION KEY (zero for all-registrants types)
     * @param scope the SCOPE
     * @param type  the TYPE
     */
    public record Held(long key, int scope, int type) {
    }

    /** The reservation of READ RESERVATION data, if the ADDITIONAL LENGTH says there is one. */
    public static Optional<Held> reservation(byte[] data) {
        if (data.length < 8 || Bytes.u32(data, 4) == 0 || data.length < 24) {
            return Optional.empty();
        }
        return Optional.of(new Held(ByteBuffer.wrap(data, 8, 8).getLong(), (data[21] & 0xF0) >> 4, data[21] & 0x0F));
    }
}
