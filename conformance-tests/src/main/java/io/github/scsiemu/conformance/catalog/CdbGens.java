package io.github.scsiemu.conformance.catalog;

import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import java.util.List;

/**
 * Generators of CDBs from what a logical unit claims (SPC-4 6.35.3): valid CDBs that set only bits the usage data
 * allows, with random values; one-bit-invalid CDBs; CDBs with unlisted operation codes or service actions. All
 * shrink toward zero-valued fields, so a failure is reported with the simplest CDB that shows it.
 */
public final class CdbGens {

    private CdbGens() {
    }

    /**
     * Valid CDBs of a command: operation code and service action as listed, every other used bit random, every
     * unused bit zero.
     *
     * @param command the command
     * @return the generator
     */
    public static Gen<byte[]> valid(SupportedCommand command) {
        int length = command.cdbLength();
        return Gens.byteArrays(length, length).map(random -> {
            byte[] cdb = command.template();
            for (int i = 1; i < length; i++) {
                cdb[i] |= (byte) (random[i] & command.freeMask(i));
            }
            return cdb;
        });
    }

    /**
     * CDBs of a command invalid in exactly one bit: a base CDB plus one bit the usage data marks as not used,
     * never in the operation code or the service action field.
     *
     * @param command the command, with at least one unused bit
     * @param base    the valid CDBs to start from (for example {@link #valid} or the template)
     * @return the generator
     */
    public static Gen<InvalidCdb> oneBitInvalid(SupportedCommand command, Gen<byte[]> base) {
        List<CdbBit> unused = command.unusedBits();
        if (unused.isEmpty()) {
            throw new IllegalArgumentException(command.name() + " has no unused bit");
        }
        return Gens.pairs(Gens.elements(unused), base).map(p -> {
            byte[] cdb = p.second().clone();
            CdbBit bit = p.first();
            cdb[bit.byteOffset()] |= (byte) (1 << bit.bit());
            return new InvalidCdb(command, cdb, bit);
        });
    }

    /**
     * CDBs with one of the given operation codes (ones the catalog does not list), of the length its group code
     * implies, with random remaining bytes.
     *
     * @param operationCodes non-empty list of unlisted operation codes
     * @return the generator
     */
    public static Gen<byte[]> unlistedOperationCode(List<Integer> operationCodes) {
        return Gens.elements(operationCodes).flatMap(op -> Gens.byteArrays(Cdbs.lengthForGroup(op),
                Cdbs.lengthForGroup(op)).map(random -> {
                    byte[] cdb = random.clone();
                    cdb[0] = (byte) (int) op;
                    return cdb;
                }));
    }

    /**
     * CDBs with an operation code the catalog lists with service actions, and a service action it does not list;
     * every other byte zero.
     *
     * @param catalog       the catalog
     * @param operationCode an operation code with service actions and at least one unlisted service action
     * @return the generator
     */
    public static Gen<byte[]> unlistedServiceAction(CommandCatalog catalog, int operationCode) {
        int length = catalog.commands().stream().filter(c -> c.operationCode() == operationCode)
                .mapToInt(SupportedCommand::cdbLength).max().orElse(Cdbs.lengthForGroup(operationCode));
        return Gens.elements(catalog.unlistedServiceActions(operationCode)).map(sa -> {
            byte[] cdb = new byte[length];
            cdb[0] = (byte) operationCode;
            if (operationCode == SupportedCommand.VARIABLE_LENGTH) {
                cdb[8] = (byte) (sa >> 8);
                cdb[9] = (byte) (int) sa;
            } else {
                cdb[1] = (byte) (sa & 0x1F);
            }
            return cdb;
        });
    }
}
