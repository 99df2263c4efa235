package io.github.scsiemu.spc.log;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One log parameter of a log page (SPC-4 7.3.2.2): a PARAMETER CODE, a control byte and a value of a fixed
 * PARAMETER LENGTH, read live each time LOG SENSE asks. A parameter may be resettable (LOG SELECT with PCR, or
 * with PC 11b, sets it to its default) and changeable (LOG SELECT may set its cumulative value).
 */
public interface LogParameter {

    /** The PARAMETER CODE, 0000h-FFFFh. */
    int parameterCode();

    /** The control byte. */
    LogParameterControl control();

    /** The PARAMETER LENGTH: the length of {@link #value()}. */
    int length();

    /** The current (cumulative) value, {@link #length()} bytes. */
    byte[] value();

    /** The default value, {@link #length()} bytes; zeros unless the parameter says otherwise. */
    default byte[] defaultValue() {
        return new byte[length()];
    }

    /** Whether the parameter returns to its default when LOG SELECT resets parameters. */
    default boolean resettable() {
        return false;
    }

    /** Sets the parameter to its default; only called if {@link #resettable()}. */
    default void reset() {
        throw new UnsupportedOperationException("parameter " + parameterCode() + " is not resettable");
    }

    /** Whether LOG SELECT may set the value. */
    default boolean changeable() {
        return false;
    }

    /** Sets the value from a LOG SELECT parameter list; only called if {@link #changeable()}. */
    default void set(byte[] value) {
        throw new UnsupportedOperationException("parameter " + parameterCode() + " is not changeable");
    }

    /**
     * A read-only parameter whose value the device computes when asked.
     *
     * @param parameterCode the PARAMETER CODE
     * @param control       the control byte
     * @param length        the PARAMETER LENGTH; {@code value} must always supply this many bytes
     * @param value         computes the value
     */
    static LogParameter live(int parameterCode, LogParameterControl control, int length, Supplier<byte[]> value) {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(value, "value");
        if (parameterCode < 0 || parameterCode > 0xFFFF || length < 0 || length > 0xFF) {
            throw new IllegalArgumentException("parameter code or length out of range");
        }
        return new LogParameter() {
            @Override
            public int parameterCode() {
                return parameterCode;
            }

            @Override
            public LogParameterControl control() {
                return control;
            }

            @Override
            public int length() {
                return length;
            }

            @Override
            public byte[] value() {
                byte[] v = value.get();
                if (v.length != length) {
                    throw new IllegalStateException("log parameter " + parameterCode + " must be " + length + " bytes");
                }
                return v.clone();
            }
        };
    }
}
