package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.spc.CheckConditionException;

/**
 * The byte-1 fields that the READ, WRITE, VERIFY, WRITE AND VERIFY and ORWRITE CDBs share (SBC-4 5.16 ff.): the
 * protection field (RDPROTECT, WRPROTECT, VRPROTECT or ORPROTECT) and FUA. The 6-byte CDBs carry neither, and the
 * VERIFY and WRITE AND VERIFY CDBs carry no FUA bit.
 *
 * @param protection the protection field, or {@code null} if the CDB has none
 * @param fua        the FUA bit, or {@code null} if the CDB has none
 */
record TransferFields(CdbField protection, CdbField fua) {

    /** READ (6) and WRITE (6): no protection field, no FUA. */
    static final TransferFields NONE = new TransferFields(null, null);

    /** A CDB with a protection field and no FUA bit. */
    static TransferFields protectionOnly(CdbField protection) {
        return new TransferFields(protection, null);
    }

    /**
     * Ends the command with INVALID FIELD IN CDB at the protection field if it is not zero: this device server has
     * no protection information (SBC-4 4.22, PROTECT = 0 in the standard INQUIRY data).
     */
    void checkProtection(Cdb cdb) {
        if (protection != null && cdb.get(protection) != 0) {
            throw CheckConditionException.invalidField(protection);
        }
    }

    /** Whether the CDB asks for force unit access. */
    boolean isForceUnitAccess(Cdb cdb) {
        return fua != null && cdb.flag(fua);
    }
}
