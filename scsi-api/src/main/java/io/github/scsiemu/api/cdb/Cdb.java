package io.github.scsiemu.api.cdb;

import java.util.Objects;

/**
 * A CDB read through its declaration: typed access to the fields, so handlers never index raw bytes (SPC-4 4.2).
 * The bytes are not copied.
 */
public final class Cdb {
    private final CommandDescriptor descriptor;
    private final byte[] bytes;

    /**
     * Wraps {@code bytes}, which must hold at least the declared CDB length.
     *
     * @throws IllegalArgumentException if the array is shorter than the declaration
     */
    public Cdb(CommandDescriptor descriptor, byte[] bytes) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < descriptor.cdbLength()) {
            throw new IllegalArgumentException("CDB shorter than " + descriptor);
        }
    }

    public CommandDescriptor descriptor() {
        return descriptor;
    }

    /** The value of a field. */
    public long get(CdbField field) {
        return field.read(bytes);
    }

    /** The value of a field of at most 31 bits. */
    public int getInt(CdbField field) {
        if (field.bitLength() > 31) {
            throw new IllegalArgumentException(field.name() + " does not fit an int");
        }
        return (int) field.read(bytes);
    }

    /** Whether a one-bit field is set. */
    public boolean flag(CdbField field) {
        return field.read(bytes) != 0;
    }

    /** The LOGICAL BLOCK ADDRESS field. */
    public long logicalBlockAddress() {
        return get(descriptor.logicalBlockAddressField().orElseThrow(() -> missing("LOGICAL BLOCK ADDRESS")));
    }

    /** The TRANSFER LENGTH field. */
    public long transferLength() {
        return get(descriptor.transferLengthField().orElseThrow(() -> missing("TRANSFER LENGTH")));
    }

    /** The ALLOCATION LENGTH field. */
    public long allocationLength() {
        return get(descriptor.allocationLengthField().orElseThrow(() -> missing("ALLOCATION LENGTH")));
    }

    /** The PARAMETER LIST LENGTH field. */
    public long parameterListLength() {
        return get(descriptor.parameterListLengthField().orElseThrow(() -> missing("PARAMETER LIST LENGTH")));
    }

    /** The raw byte at {@code index}, for fields the standard defines per byte (e.g. vendor-specific bytes). */
    public int byteAt(int index) {
        if (index < 0 || index >= descriptor.cdbLength()) {
            throw new IndexOutOfBoundsException(index);
        }
        return bytes[index] & 0xFF;
    }

    private IllegalStateException missing(String what) {
        return new IllegalStateException(descriptor + " declares no " + what + " field");
    }
}
