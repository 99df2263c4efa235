package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.spc.CheckConditionException;

/**
 * The SBC-3 rule for the PMI bit and LOGICAL BLOCK ADDRESS field of READ CAPACITY, both obsolete in SBC-4 and
 * still honoured here (SBC-3 5.15.1): with PMI clear the LOGICAL BLOCK ADDRESS field must be zero.
 */
final class ObsoletePmi {

    private ObsoletePmi() {
    }

    static void check(Cdb cdb, CdbField pmi, CdbField logicalBlockAddress) {
        if (!cdb.flag(pmi) && cdb.get(logicalBlockAddress) != 0) {
            throw CheckConditionException.invalidField(logicalBlockAddress);
        }
    }
}
