package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.conformance.Check;
import io.github.scsiemu.conformance.CheckContext;
import io.github.scsiemu.conformance.ConformanceViolation;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.Suite;
import io.github.scsiemu.conformance.catalog.CdbBit;
import io.github.scsiemu.conformance.catalog.CdbGens;
import io.github.scsiemu.conformance.catalog.CommandCatalog;
import io.github.scsiemu.conformance.catalog.InvalidCdb;
import io.github.scsiemu.conformance.catalog.StateChangingCommands;
import io.github.scsiemu.conformance.catalog.SupportedCommand;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.conformance.scsi.Commands;
import io.github.scsiemu.conformance.scsi.Hex;
import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.proptest.Pair;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import java.util.List;
import java.util.OptionalInt;

/**
 * "Declarations do not lie": what REPORT SUPPORTED OPERATION CODES claims (SPC-4 6.35) is what the device server
 * does. Every listed command is accepted; every unlisted operation code is rejected with INVALID COMMAND OPERATION
 * CODE, every unlisted service action with INVALID FIELD IN CDB at the service action field; every bit the CDB
 * USAGE DATA marks as unused is rejected with a field pointer to exactly that bit (SPC-4 4.5.2.4.2), and such a
 * rejected command changes nothing.
 *
 * <p>This is stricter than SPC-4's general rule that recipients need not check reserved bits: a device server
 * that reports a bit as unused in its usage data is held to rejecting it. Commands that may change state
 * ({@link StateChangingCommands}) are only ever sent as invalid CDBs. Point the suite at a scratch logical unit:
 * a target that ignores an invalid bit executes the command.
 */
public final class DeclarationsSuite implements Suite {

    private static final int DATA_IN = 4096;

    @Override
    public String name() {
        return "Declarations do not lie";
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.of("listedCommandsAreAccepted", "SPC-4 6.35.2, 6.35.3", DeclarationsSuite::listedAccepted),
                Check.of("unlistedOperationCodesAreRejectedWithInvalidCommandOperationCode", "SPC-4 6.35.2, 4.5.6",
                        DeclarationsSuite::unlistedOperationCodes),
                Check.of("unlistedServiceActionsAreRejectedAtTheServiceActionField", "SPC-4 6.35.2, 4.5.2.4.2",
                        DeclarationsSuite::unlistedServiceActions),
                Check.of("everyUnusedBitIsRejectedWithAFieldPointerToThatBit", "SPC-4 6.35.3, 4.5.2.4.2",
                        DeclarationsSuite::unusedBitsRejected),
                Check.of("rejectedCdbsChangeNoObservableState", "SPC-4 6.35.3, SAM-5 5.1",
                        DeclarationsSuite::rejectedCdbsChangeNothing));
    }

    private static void listedAccepted(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            CommandCatalog catalog = ctx.catalog(session, lun);
            List<SupportedCommand> exercised = catalog.commands().stream()
                    .filter(c -> !StateChangingCommands.contains(c.operationCode())).toList();
            List<String> skipped = catalog.commands().stream()
                    .filter(c -> StateChangingCommands.contains(c.operationCode())).map(SupportedCommand::name)
                    .toList();
            if (!skipped.isEmpty()) {
                ctx.note(lun + ": not executed with valid CDBs because they may change state: " + skipped);
            }
            if (exercised.isEmpty()) {
                continue;
            }
            for (SupportedCommand c : exercised) {
                accepted(c, Commands.send(session, lun, c.template(), DATA_IN));
            }
            Gen<Pair<SupportedCommand, byte[]>> gen = Gens.elements(exercised)
                    .flatMap(c -> CdbGens.valid(c).map(cdb -> new Pair<>(c, cdb)));
            ctx.forAll("aCdbUsingOnlyUsedBitsIsNeverRejectedAsUnsupported", gen, 300,
                    p -> accepted(p.first(), Commands.send(session, lun, p.second(), DATA_IN)));
        }
    }

    /** The response to a CDB that uses only bits the usage data allows. */
    private static void accepted(SupportedCommand c, Exchange e) {
        Expect.that(!e.isCheckCondition(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_COMMAND_OPERATION_CODE), e,
                c.name() + " is listed by REPORT SUPPORTED OPERATION CODES, so it must not be rejected with "
                        + "INVALID COMMAND OPERATION CODE");
        if (e.status() != Status.CHECK_CONDITION
                || !e.isCheckCondition(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB)) {
            return;
        }
        SenseData sense = e.sense().orElseThrow();
        if (sense.senseKeySpecific().orElse(null) instanceof SenseKeySpecific.FieldPointer p && p.inCdb()) {
            Expect.that(p.fieldPointer() < c.cdbLength(), e, "the FIELD POINTER must lie within the "
                    + c.cdbLength() + "-byte CDB");
            if (c.serviceAction().isPresent()) {
                CdbBit sa = SupportedCommand.serviceActionField(c.operationCode());
                Expect.that(!(p.fieldPointer() == sa.byteOffset() && p.bitPointer().equals(OptionalInt.of(sa.bit()))),
                        e, c.name() + " is listed, so its service action must not be rejected");
            }
            if (p.bitPointer().isPresent()) {
                CdbBit bit = new CdbBit(p.fieldPointer(), p.bitPointer().getAsInt());
                Expect.that(c.uses(bit), e, "the field pointer names " + bit + ", which the CDB USAGE DATA ["
                        + c + "] marks as unused and the CDB does not set: usage data and validation disagree");
            }
        }
    }

    private static void unlistedOperationCodes(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            CommandCatalog catalog = ctx.catalog(session, lun);
            List<Integer> unlisted = catalog.unlistedOperationCodes();
            for (int op : unlisted) {
                byte[] cdb = new byte[Cdbs.lengthForGroup(op)];
                cdb[0] = (byte) op;
                rejectedAsUnsupported(Commands.send(session, lun, cdb, DATA_IN));
            }
            List<Integer> safe = unlisted.stream().filter(op -> !StateChangingCommands.contains(op)).toList();
            if (!safe.isEmpty()) {
                ctx.forAll("anUnlistedOperationCodeIsRejectedWhateverTheOtherBytes",
                        CdbGens.unlistedOperationCode(safe), 200,
                        cdb -> rejectedAsUnsupported(Commands.send(session, lun, cdb, DATA_IN)));
            }
            ctx.note(lun + ": " + unlisted.size() + " unlisted operation codes");
        }
    }

    private static void rejectedAsUnsupported(Exchange e) {
        Expect.checkCondition(e, SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_COMMAND_OPERATION_CODE,
                String.format("operation code %02Xh is not listed by REPORT SUPPORTED OPERATION CODES",
                        e.cdb()[0] & 0xFF));
    }

    private static void unlistedServiceActions(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            CommandCatalog catalog = ctx.catalog(session, lun);
            for (int op : catalog.operationCodesWithServiceActions()) {
                if (catalog.unlistedServiceActions(op).isEmpty()) {
                    continue;
                }
                CdbBit field = SupportedCommand.serviceActionField(op);
                ctx.forAll(String.format("anUnlistedServiceActionOf%02XhIsRejectedAtTheServiceActionField", op),
                        CdbGens.unlistedServiceAction(catalog, op), 64,
                        cdb -> Expect.invalidFieldInCdb(Commands.send(session, lun, cdb, DATA_IN),
                                field.byteOffset(), OptionalInt.of(field.bit()),
                                "the service action is not listed by REPORT SUPPORTED OPERATION CODES"));
            }
        }
    }

    private static void unusedBitsRejected(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            CommandCatalog catalog = ctx.catalog(session, lun);
            List<SupportedCommand> withUnused = catalog.commands().stream().filter(c -> !c.unusedBits().isEmpty())
                    .toList();
            int bits = 0;
            for (SupportedCommand c : withUnused) {
                for (CdbBit bit : c.unusedBits()) {
                    byte[] cdb = c.template();
                    cdb[bit.byteOffset()] |= (byte) (1 << bit.bit());
                    rejectedAtTheBit(Commands.send(session, lun, cdb, DATA_IN), new InvalidCdb(c, cdb, bit));
                    bits++;
                }
            }
            ctx.note(lun + ": " + bits + " unused bits of " + withUnused.size() + " commands rejected one by one");
            if (!withUnused.isEmpty()) {
                ctx.forAll("aValidCdbPlusOneUnusedBitIsRejectedAtThatBit", invalidCdbs(withUnused), 300,
                        invalid -> rejectedAtTheBit(Commands.send(session, lun, invalid.cdb(), DATA_IN), invalid));
            }
        }
    }

    private static Gen<InvalidCdb> invalidCdbs(List<SupportedCommand> commands) {
        return Gens.elements(commands).flatMap(c -> CdbGens.oneBitInvalid(c,
                StateChangingCommands.contains(c.operationCode()) ? Gens.constant(c.template()) : CdbGens.valid(c)));
    }

    private static void rejectedAtTheBit(Exchange e, InvalidCdb invalid) {
        Expect.invalidFieldInCdb(e, invalid.bit().byteOffset(), OptionalInt.of(invalid.bit().bit()),
                invalid.command().name() + " with " + invalid.bit() + " set, which its CDB USAGE DATA ["
                        + Hex.of(invalid.command().usageData())
                        + "] marks as unused");
    }

    private static void rejectedCdbsChangeNothing(CheckContext ctx) {
        for (Lun lun : ctx.luns()) {
            Session session = ctx.readySession(lun);
            CommandCatalog catalog = ctx.catalog(session, lun);
            List<SupportedCommand> withUnused = catalog.commands().stream().filter(c -> !c.unusedBits().isEmpty())
                    .toList();
            if (withUnused.isEmpty()) {
                ctx.note(lun + ": no command has an unused bit");
                continue;
            }
            ctx.forAll("aSequenceOfOneBitInvalidCdbsLeavesTheObservableStateUnchanged",
                    Gens.lists(invalidCdbs(withUnused), 1, 24), 40, sequence -> {
                        Commands.clearUnitAttentions(session, lun);
                        ObservableState before = ObservableState.take(session, lun, catalog);
                        for (InvalidCdb invalid : sequence) {
                            session.send(lun, invalid.cdb(), DATA_IN);
                        }
                        ObservableState after = ObservableState.take(session, lun, catalog);
                        String differences = before.differences(after);
                        if (!differences.isEmpty()) {
                            throw new ConformanceViolation("commands rejected for an unused CDB bit must change "
                                    + "nothing, but these read-only probes changed:\n" + differences);
                        }
                    });
        }
    }
}
