package io.github.scsiemu.spc;

import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The commands a logical unit supports, found by operation code and service action: the table that drives
 * dispatch, validation and REPORT SUPPORTED OPERATION CODES alike.
 */
public final class CommandSet {

    /** What one operation code maps to: a single command, or commands by service action. */
    private record Slot(Command single, CdbField serviceActionField, Map<Integer, Command> byServiceAction) {
    }

    private final Slot[] slots = new Slot[256];
    private final List<Command> all;

    /**
     * Builds the table.
     *
     * @throws IllegalArgumentException if two commands share an operation code and service action, or commands
     *                                  of one operation code disagree on having or placing a service action
     */
    public CommandSet(List<Command> commands) {
        List<Command> sorted = new ArrayList<>(commands);
        sorted.sort((a, b) -> {
            int c = Integer.compare(a.descriptor().operationCode(), b.descriptor().operationCode());
            return c != 0 ? c : Integer.compare(a.descriptor().serviceAction().orElse(-1),
                    b.descriptor().serviceAction().orElse(-1));
        });
        for (Command command : sorted) {
            CommandDescriptor d = command.descriptor();
            int op = d.operationCode();
            Slot slot = slots[op];
            if (d.serviceAction().isEmpty()) {
                if (slot != null) {
                    throw new IllegalArgumentException("operation code declared twice: " + d);
                }
                slots[op] = new Slot(command, null, null);
            } else {
                CdbField saField = d.serviceActionField().orElseThrow();
                if (slot == null) {
                    slot = new Slot(null, saField, new TreeMap<>());
                    slots[op] = slot;
                } else if (slot.single() != null || !slot.serviceActionField().equals(saField)) {
                    throw new IllegalArgumentException("inconsistent service action declaration: " + d);
                }
                if (slot.byServiceAction().put(d.serviceAction().getAsInt(), command) != null) {
                    throw new IllegalArgumentException("service action declared twice: " + d);
                }
            }
        }
        this.all = Collections.unmodifiableList(sorted);
    }

    /** The outcome of looking up a CDB. */
    public sealed interface Lookup {
        /** The CDB names a supported command. */
        record Found(Command command) implements Lookup {
        }

        /** No command has this operation code (INVALID COMMAND OPERATION CODE). */
        record UnknownOperationCode() implements Lookup {
        }

        /** The operation code is supported but not this service action (INVALID FIELD IN CDB at the field). */
        record UnknownServiceAction(CdbField serviceActionField) implements Lookup {
        }
    }

    private static final Lookup UNKNOWN = new Lookup.UnknownOperationCode();

    /** Finds the command a CDB names. */
    public Lookup lookup(byte[] cdb) {
        if (cdb.length == 0) {
            return UNKNOWN;
        }
        Slot slot = slots[cdb[0] & 0xFF];
        if (slot == null) {
            return UNKNOWN;
        }
        if (slot.single() != null) {
            return new Lookup.Found(slot.single());
        }
        CdbField f = slot.serviceActionField();
        if (cdb.length <= f.lastByte()) {
            return new Lookup.UnknownServiceAction(f);
        }
        Command c = slot.byServiceAction().get((int) f.read(cdb));
        return c != null ? new Lookup.Found(c) : new Lookup.UnknownServiceAction(f);
    }

    /** The command with this operation code (and no service action). */
    public Optional<Command> find(int operationCode) {
        Slot slot = slots[operationCode & 0xFF];
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.single());
    }

    /** The command with this operation code and service action. */
    public Optional<Command> find(int operationCode, int serviceAction) {
        Slot slot = slots[operationCode & 0xFF];
        return slot == null || slot.byServiceAction() == null ? Optional.empty()
                : Optional.ofNullable(slot.byServiceAction().get(serviceAction));
    }

    /** Whether commands with this operation code are distinguished by service action. */
    public boolean hasServiceActions(int operationCode) {
        Slot slot = slots[operationCode & 0xFF];
        return slot != null && slot.byServiceAction() != null;
    }

    /** Every command, ordered by operation code and service action. */
    public List<Command> commands() {
        return all;
    }
}
