package io.github.scsiemu.iscsi.text;

import java.util.Objects;

/**
 * The definition of one text key (RFC 7143 13): how its result is computed, its legal numeric range, its default,
 * and whether it is meaningless in a discovery session (answered Irrelevant there).
 *
 * @param name                 the key
 * @param function             the result function
 * @param min                  smallest legal numeric value (numeric keys)
 * @param max                  largest legal numeric value (numeric keys)
 * @param defaultValue         the value in force when the key is not negotiated; empty when there is none
 * @param irrelevantInDiscovery whether a discovery session answers it with Irrelevant
 */
public record KeyDefinition(String name, ResultFunction function, long min, long max, String defaultValue,
        boolean irrelevantInDiscovery) {

    public KeyDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(defaultValue, "defaultValue");
    }

    /** Whether values are numbers. */
    public boolean isNumeric() {
        return function == ResultFunction.MINIMUM || function == ResultFunction.MAXIMUM || max > 0;
    }

    /** Whether values are Yes or No. */
    public boolean isBoolean() {
        return function == ResultFunction.AND || function == ResultFunction.OR;
    }

    /**
     * Parses a numeric value, decimal or hexadecimal with a {@code 0x} prefix (RFC 7143 5.1), and checks its range.
     *
     * @throws TextFormatException if it is not a number or outside the key's range
     */
    public long number(String value) throws TextFormatException {
        long v;
        try {
            v = value.startsWith("0x") || value.startsWith("0X") ? Long.parseLong(value.substring(2), 16)
                    : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new TextFormatException(name + ": not a number: " + value);
        }
        if (v < min || v > max) {
            throw new TextFormatException(name + ": " + v + " outside " + min + ".." + max);
        }
        return v;
    }

    /**
     * Parses Yes or No.
     *
     * @throws TextFormatException for anything else
     */
    public boolean bool(String value) throws TextFormatException {
        if (value.equals("Yes")) {
            return true;
        }
        if (value.equals("No")) {
            return false;
        }
        throw new TextFormatException(name + ": not Yes or No: " + value);
    }
}
