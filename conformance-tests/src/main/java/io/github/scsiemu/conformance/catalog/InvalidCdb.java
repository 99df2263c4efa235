package io.github.scsiemu.conformance.catalog;

import io.github.scsiemu.conformance.scsi.Hex;
import java.util.Objects;

/**
 * A CDB that a command's usage data makes invalid in exactly one bit: a valid CDB with one bit set that the CDB
 * USAGE DATA marks as not used (SPC-4 6.35.3).
 *
 * @param command the command the CDB is for
 * @param cdb     the CDB
 * @param bit     the one bit the usage data forbids
 */
public record InvalidCdb(SupportedCommand command, byte[] cdb, CdbBit bit) {
    public InvalidCdb {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(cdb, "cdb");
        Objects.requireNonNull(bit, "bit");
    }

    @Override
    public String toString() {
        return command.name() + " [" + Hex.of(cdb) + "] with " + bit + " set";
    }
}
