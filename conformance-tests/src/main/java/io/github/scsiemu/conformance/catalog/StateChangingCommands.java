package io.github.scsiemu.conformance.catalog;

import java.util.Set;

/**
 * Operation codes whose execution can change the medium, the logical unit's state or its relationship to other
 * initiators, across the command sets the suite knows (SPC-4 table D.2 / the T10 operation code list for SPC, SBC,
 * SSC and SMC). The suite never executes them with random fields: it sends them only as CDBs the usage data makes
 * invalid, which a conforming device server rejects before it executes anything. Vendor-specific operation codes
 * (C0h-FFh) are treated as state-changing too, since nothing is known about them.
 */
public final class StateChangingCommands {

    private static final Set<Integer> OPERATION_CODES = Set.of(
            0x01, // REZERO UNIT / REWIND
            0x04, // FORMAT UNIT / FORMAT MEDIUM
            0x07, // REASSIGN BLOCKS / INITIALIZE ELEMENT STATUS
            0x0A, // WRITE(6)
            0x0B, // SEEK(6) / SET CAPACITY
            0x10, // WRITE FILEMARKS(6)
            0x11, // SPACE(6)
            0x15, // MODE SELECT(6)
            0x16, // RESERVE(6)
            0x17, // RELEASE(6)
            0x19, // ERASE(6)
            0x1B, // START STOP UNIT / LOAD UNLOAD / OPEN/CLOSE IMPORT/EXPORT ELEMENT
            0x1D, // SEND DIAGNOSTIC
            0x1E, // PREVENT ALLOW MEDIUM REMOVAL
            0x2A, // WRITE(10)
            0x2B, // SEEK(10) / LOCATE(10) / POSITION TO ELEMENT
            0x2C, // ERASE(10)
            0x2E, // WRITE AND VERIFY(10)
            0x37, // INITIALIZE ELEMENT STATUS WITH RANGE
            0x3B, // WRITE BUFFER
            0x3F, // WRITE LONG(10)
            0x41, // WRITE SAME(10)
            0x42, // UNMAP
            0x48, // SANITIZE
            0x4C, // LOG SELECT
            0x55, // MODE SELECT(10)
            0x56, // RESERVE(10)
            0x57, // RELEASE(10)
            0x5F, // PERSISTENT RESERVE OUT
            0x7F, // variable-length CDBs (WRITE(32), WRITE SAME(32), ...)
            0x80, // WRITE FILEMARKS(16)
            0x82, // ALLOW OVERWRITE
            0x83, // THIRD-PARTY COPY OUT (EXTENDED COPY)
            0x89, // COMPARE AND WRITE
            0x8A, // WRITE(16)
            0x8B, // ORWRITE(16)
            0x8D, // WRITE ATTRIBUTE
            0x8E, // WRITE AND VERIFY(16)
            0x91, // SYNCHRONIZE CACHE(16) / SPACE(16)
            0x92, // LOCK UNLOCK CACHE(16) / LOCATE(16)
            0x93, // WRITE SAME(16) / ERASE(16)
            0x9A, // WRITE STREAM(16)
            0x9C, // WRITE ATOMIC(16)
            0x9D, // service action bidirectional
            0x9F, // SERVICE ACTION OUT(16)
            0xA4, // MAINTENANCE OUT (SET TARGET PORT GROUPS, SET TIMESTAMP, ...)
            0xA5, // MOVE MEDIUM
            0xA6, // EXCHANGE MEDIUM / LOAD/UNLOAD C/DVD
            0xA9, // SERVICE ACTION OUT(12)
            0xAA, // WRITE(12)
            0xAE, // WRITE AND VERIFY(12)
            0xB5); // SECURITY PROTOCOL OUT

    private StateChangingCommands() {
    }

    /**
     * Whether executing a command with this operation code may change state.
     *
     * @param operationCode the operation code
     * @return true for the operation codes above and for vendor-specific ones
     */
    public static boolean contains(int operationCode) {
        return operationCode >= 0xC0 || OPERATION_CODES.contains(operationCode);
    }
}
