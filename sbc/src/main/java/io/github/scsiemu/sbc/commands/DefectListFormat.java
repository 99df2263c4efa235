package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.spc.CheckConditionException;

/**
 * The DEFECT LIST FORMAT (address descriptor format) field of FORMAT UNIT and READ DEFECT DATA (SBC-4 6.2.1,
 * table 168): 000b short block, 001b extended bytes from index, 010b extended physical sector, 011b long block,
 * 100b bytes from index, 101b physical sector, 110b vendor specific, 111b reserved. This disk has no defects, so its
 * lists are empty and every standard format describes them; it defines no vendor-specific format.
 */
final class DefectListFormat {

    /** 110b, vendor specific: not defined by this device. */
    private static final int VENDOR_SPECIFIC = 0b110;

    private DefectListFormat() {
    }

    /** The format in {@code field}; a vendor-specific or reserved value is an invalid field. */
    static int check(Cdb cdb, CdbField field) {
        int format = cdb.getInt(field);
        if (format >= VENDOR_SPECIFIC) {
            throw CheckConditionException.invalidField(field);
        }
        return format;
    }
}
