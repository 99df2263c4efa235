package io.github.scsiemu.api.cdb;

import io.github.scsiemu.api.DataDirection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * The one declaration of a command (operation code and, where it has one, service action): its CDB length, its
 * fields, its data direction and how it passes the pre-execution gate. Everything else derives from it: which CDB
 * bits are valid ({@link #usageMask()}), the CDB USAGE DATA of REPORT SUPPORTED OPERATION CODES (SPC-4 6.35.3,
 * {@link #usageData()}), validation ({@link #validate(byte[])}) and the conformance suite's CDB generators.
 *
 * <p>Every bit of the CDB that no field covers is reserved. The CONTROL byte (the last byte) declares no field:
 * NACA is not supported and the LINK bit is obsolete, so both are rejected (SAM-5 5.2).
 */
public final class CommandDescriptor {

    private final String name;
    private final int operationCode;
    private final OptionalInt serviceAction;
    private final int cdbLength;
    private final List<CdbField> fields;
    private final DataDirection direction;
    private final Set<CommandFlag> flags;
    private final CommandTimeouts timeouts;
    private final ReservationClass reservationClass;
    private final Function<Cdb, ReservationClass> reservationClassifier;
    private final byte[] usageMask;
    private final CdbField serviceActionField;
    private final CdbField logicalBlockAddress;
    private final CdbField transferLength;
    private final CdbField allocationLength;
    private final CdbField parameterListLength;

    private CommandDescriptor(Builder b) {
        this.name = b.name;
        this.operationCode = b.operationCode;
        this.serviceAction = b.serviceAction;
        this.cdbLength = b.cdbLength;
        this.fields = List.copyOf(b.fields);
        this.direction = b.direction;
        this.flags = Collections.unmodifiableSet(b.flags.isEmpty() ? EnumSet.noneOf(CommandFlag.class)
                : EnumSet.copyOf(b.flags));
        this.timeouts = b.timeouts;
        this.reservationClass = b.reservationClass;
        this.reservationClassifier = b.reservationClassifier;
        this.serviceActionField = roleField(CdbField.Role.SERVICE_ACTION);
        this.logicalBlockAddress = roleField(CdbField.Role.LOGICAL_BLOCK_ADDRESS);
        this.transferLength = roleField(CdbField.Role.TRANSFER_LENGTH);
        this.allocationLength = roleField(CdbField.Role.ALLOCATION_LENGTH);
        this.parameterListLength = roleField(CdbField.Role.PARAMETER_LIST_LENGTH);
        if (serviceAction.isPresent() != (serviceActionField != null)) {
            throw new IllegalArgumentException(name + ": a service action needs exactly one SERVICE ACTION field");
        }
        byte[] mask = new byte[cdbLength];
        for (CdbField f : fields) {
            if (f.lastByte() >= cdbLength - 1 || f.byteOffset() == 0) {
                throw new IllegalArgumentException(name + ": field " + f.name() + " overlaps the operation code or "
                        + "CONTROL byte");
            }
            for (int i = f.byteOffset(); i <= f.lastByte(); i++) {
                if ((mask[i] & f.maskOf(i)) != 0) {
                    throw new IllegalArgumentException(name + ": field " + f.name() + " overlaps another field");
                }
                mask[i] |= (byte) f.maskOf(i);
            }
        }
        mask[0] = (byte) 0xFF;
        this.usageMask = mask;
    }

    private CdbField roleField(CdbField.Role role) {
        CdbField found = null;
        for (CdbField f : fields) {
            if (f.role() == role) {
                if (found != null) {
                    throw new IllegalArgumentException(name + ": two fields with role " + role);
                }
                found = f;
            }
        }
        return found;
    }

    /** Starts a declaration. */
    public static Builder builder(String name, int operationCode, int cdbLength) {
        return new Builder(name, operationCode, cdbLength);
    }

    /** The command's name in the standard, e.g. {@code READ(10)}. */
    public String name() {
        return name;
    }

    public int operationCode() {
        return operationCode;
    }

    public OptionalInt serviceAction() {
        return serviceAction;
    }

    /** Where the service action sits in the CDB, if the command has one. */
    public Optional<CdbField> serviceActionField() {
        return Optional.ofNullable(serviceActionField);
    }

    public int cdbLength() {
        return cdbLength;
    }

    /** The declared fields, in declaration order. */
    public List<CdbField> fields() {
        return fields;
    }

    /** The field with the given name. */
    public Optional<CdbField> field(String fieldName) {
        for (CdbField f : fields) {
            if (f.name().equals(fieldName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public DataDirection direction() {
        return direction;
    }

    public Set<CommandFlag> flags() {
        return flags;
    }

    public boolean has(CommandFlag flag) {
        return flags.contains(flag);
    }

    public CommandTimeouts timeouts() {
        return timeouts;
    }

    /**
     * How the command fares against a persistent reservation held by another nexus (SPC-4 5.13.1), for commands
     * whose class does not depend on CDB fields.
     */
    public ReservationClass reservationClass() {
        return reservationClass;
    }

    /**
     * The reservation class of one CDB of this command: the declared class, or, for commands such as PREVENT ALLOW
     * MEDIUM REMOVAL and START STOP UNIT whose class depends on their fields (SBC-4 table 13), what the declared
     * classifier says.
     */
    public ReservationClass reservationClass(Cdb cdb) {
        return reservationClassifier == null ? reservationClass : reservationClassifier.apply(cdb);
    }

    public Optional<CdbField> logicalBlockAddressField() {
        return Optional.ofNullable(logicalBlockAddress);
    }

    public Optional<CdbField> transferLengthField() {
        return Optional.ofNullable(transferLength);
    }

    public Optional<CdbField> allocationLengthField() {
        return Optional.ofNullable(allocationLength);
    }

    public Optional<CdbField> parameterListLengthField() {
        return Optional.ofNullable(parameterListLength);
    }

    /**
     * For each CDB byte, the bits the command may set: byte 0 is all ones, the service action field's bits are
     * included, reserved bits are zero.
     */
    public byte[] usageMask() {
        return usageMask.clone();
    }

    /**
     * The CDB USAGE DATA of REPORT SUPPORTED OPERATION CODES (SPC-4 6.35.3): the operation code in byte 0, the
     * service action value in the service action field, and elsewhere a one for every bit the command uses.
     */
    public byte[] usageData() {
        byte[] data = usageMask.clone();
        data[0] = (byte) operationCode;
        if (serviceActionField != null) {
            for (int i = serviceActionField.byteOffset(); i <= serviceActionField.lastByte(); i++) {
                data[i] &= (byte) ~serviceActionField.maskOf(i);
            }
            serviceActionField.write(data, serviceAction.getAsInt());
        }
        return data;
    }

    /**
     * Checks a CDB against this declaration: the first reserved bit that is set, scanning bytes from 1 to the
     * CONTROL byte and each byte from bit 7 down.
     *
     * @param cdb at least {@link #cdbLength()} bytes; bytes past it are ignored
     * @return the violation, or empty if every set bit belongs to a declared field
     */
    public Optional<CdbViolation> validate(byte[] cdb) {
        for (int i = 1; i < cdbLength; i++) {
            int bad = cdb[i] & ~usageMask[i] & 0xFF;
            if (bad != 0) {
                return Optional.of(new CdbViolation(i, 31 - Integer.numberOfLeadingZeros(bad)));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return serviceAction.isPresent()
                ? String.format("%s (%02Xh/%02Xh)", name, operationCode, serviceAction.getAsInt())
                : String.format("%s (%02Xh)", name, operationCode);
    }

    /** Assembles a {@link CommandDescriptor}. */
    public static final class Builder {
        private final String name;
        private final int operationCode;
        private final int cdbLength;
        private OptionalInt serviceAction = OptionalInt.empty();
        private final List<CdbField> fields = new ArrayList<>();
        private DataDirection direction = DataDirection.NONE;
        private final Set<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
        private CommandTimeouts timeouts = CommandTimeouts.QUICK;
        private ReservationClass reservationClass = ReservationClass.WRITE;
        private Function<Cdb, ReservationClass> reservationClassifier;

        private Builder(String name, int operationCode, int cdbLength) {
            this.name = Objects.requireNonNull(name, "name");
            if (operationCode < 0 || operationCode > 0xFF) {
                throw new IllegalArgumentException("operation code is one byte");
            }
            if (cdbLength < 6 || cdbLength > 260) {
                throw new IllegalArgumentException("CDB length must be 6-260");
            }
            this.operationCode = operationCode;
            this.cdbLength = cdbLength;
        }

        /** Declares the service action and the field that carries it. */
        public Builder serviceAction(int value, CdbField field) {
            this.serviceAction = OptionalInt.of(value);
            this.fields.add(field.as(CdbField.Role.SERVICE_ACTION));
            return this;
        }

        public Builder field(CdbField field) {
            fields.add(field);
            return this;
        }

        public Builder fields(CdbField... more) {
            fields.addAll(List.of(more));
            return this;
        }

        public Builder direction(DataDirection value) {
            this.direction = Objects.requireNonNull(value);
            return this;
        }

        public Builder flags(CommandFlag... values) {
            flags.addAll(List.of(values));
            return this;
        }

        public Builder timeouts(CommandTimeouts value) {
            this.timeouts = Objects.requireNonNull(value);
            return this;
        }

        /** The command's reservation class; {@link ReservationClass#WRITE} (the strictest) if not declared. */
        public Builder reservationClass(ReservationClass value) {
            this.reservationClass = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Declares a class that depends on the CDB's fields (e.g. START STOP UNIT: ALWAYS with START=1 and POWER
         * CONDITION 0h, WRITE otherwise); {@link #reservationClass(ReservationClass)} then names the class reported
         * where no CDB is at hand.
         */
        public Builder reservationClassifier(Function<Cdb, ReservationClass> classifier) {
            this.reservationClassifier = Objects.requireNonNull(classifier);
            return this;
        }

        public CommandDescriptor build() {
            return new CommandDescriptor(this);
        }
    }
}
