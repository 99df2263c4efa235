package io.github.scsiemu.sense;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Sense data as a format-independent value (SPC-4 4.5): what went wrong, where, and for which command. Encoded
 * into fixed or descriptor format by {@link SenseEncoder}; decoded from either by {@link SenseDecoder}.
 *
 * @param senseKey                    the SENSE KEY
 * @param additionalSense             the ADDITIONAL SENSE CODE and QUALIFIER
 * @param deferred                    {@code true} for a deferred error (71h/73h), {@code false} for current (70h/72h)
 * @param information                 the INFORMATION field (fixed: VALID bit set; descriptor: information descriptor)
 * @param commandSpecificInformation  the COMMAND-SPECIFIC INFORMATION field
 * @param senseKeySpecific            the SENSE KEY SPECIFIC field, if SKSV is set
 * @param fieldReplaceableUnitCode    the FIELD REPLACEABLE UNIT CODE, 0 when none
 * @param filemark                    the FILEMARK bit (stream commands)
 * @param endOfMedium                 the EOM bit (stream commands)
 * @param incorrectLength             the ILI bit (stream and block commands)
 */
public record SenseData(
        SenseKey senseKey,
        AdditionalSense additionalSense,
        boolean deferred,
        OptionalLong information,
        OptionalLong commandSpecificInformation,
        Optional<SenseKeySpecific> senseKeySpecific,
        int fieldReplaceableUnitCode,
        boolean filemark,
        boolean endOfMedium,
        boolean incorrectLength) {

    public SenseData {
        Objects.requireNonNull(senseKey, "senseKey");
        Objects.requireNonNull(additionalSense, "additionalSense");
        Objects.requireNonNull(information, "information");
        Objects.requireNonNull(commandSpecificInformation, "commandSpecificInformation");
        Objects.requireNonNull(senseKeySpecific, "senseKeySpecific");
        if (fieldReplaceableUnitCode < 0 || fieldReplaceableUnitCode > 0xFF) {
            throw new IllegalArgumentException("FRU code out of range: " + fieldReplaceableUnitCode);
        }
    }

    /** Current sense data with only a sense key and additional sense code. */
    public static SenseData of(SenseKey senseKey, AdditionalSense additionalSense) {
        return new SenseData(senseKey, additionalSense, false, OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), 0, false, false, false);
    }

    /** ILLEGAL REQUEST, INVALID FIELD IN CDB, pointing at the given byte and bit of the CDB. */
    public static SenseData invalidFieldInCdb(int byteOffset, int bit) {
        return of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB)
                .withSenseKeySpecific(SenseKeySpecific.FieldPointer.cdb(byteOffset, bit));
    }

    /** ILLEGAL REQUEST, INVALID FIELD IN PARAMETER LIST, pointing at the given byte and bit of the parameter data. */
    public static SenseData invalidFieldInParameterList(int byteOffset, int bit) {
        return of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST)
                .withSenseKeySpecific(SenseKeySpecific.FieldPointer.parameter(byteOffset, bit));
    }

    /** ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE, pointing at byte 0 of the CDB. */
    public static SenseData invalidCommandOperationCode() {
        return of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_COMMAND_OPERATION_CODE)
                .withSenseKeySpecific(SenseKeySpecific.FieldPointer.cdb(0, 7));
    }

    /** UNIT ATTENTION with the given additional sense. */
    public static SenseData unitAttention(AdditionalSense additionalSense) {
        return of(SenseKey.UNIT_ATTENTION, additionalSense);
    }

    public SenseData withInformation(long value) {
        return new SenseData(senseKey, additionalSense, deferred, OptionalLong.of(value), commandSpecificInformation,
                senseKeySpecific, fieldReplaceableUnitCode, filemark, endOfMedium, incorrectLength);
    }

    public SenseData withCommandSpecificInformation(long value) {
        return new SenseData(senseKey, additionalSense, deferred, information, OptionalLong.of(value),
                senseKeySpecific, fieldReplaceableUnitCode, filemark, endOfMedium, incorrectLength);
    }

    public SenseData withSenseKeySpecific(SenseKeySpecific value) {
        return new SenseData(senseKey, additionalSense, deferred, information, commandSpecificInformation,
                Optional.of(value), fieldReplaceableUnitCode, filemark, endOfMedium, incorrectLength);
    }

    public SenseData withFieldReplaceableUnitCode(int value) {
        return new SenseData(senseKey, additionalSense, deferred, information, commandSpecificInformation,
                senseKeySpecific, value, filemark, endOfMedium, incorrectLength);
    }

    public SenseData withFilemark(boolean value) {
        return new SenseData(senseKey, additionalSense, deferred, information, commandSpecificInformation,
                senseKeySpecific, fieldReplaceableUnitCode, value, endOfMedium, incorrectLength);
    }

    public SenseData withEndOfMedium(boolean value) {
        return new SenseData(senseKey, additionalSense, deferred, information, commandSpecificInformation,
                senseKeySpecific, fieldReplaceableUnitCode, filemark, value, incorrectLength);
    }

    public SenseData withIncorrectLength(boolean value) {
        return new SenseData(senseKey, additionalSense, deferred, information, commandSpecificInformation,
                senseKeySpecific, fieldReplaceableUnitCode, filemark, endOfMedium, value);
    }

    public SenseData withDeferred(boolean value) {
        return new SenseData(senseKey, additionalSense, value, information, commandSpecificInformation,
                senseKeySpecific, fieldReplaceableUnitCode, filemark, endOfMedium, incorrectLength);
    }

    /** Encodes this sense data in the given format. */
    public byte[] encode(SenseFormat format) {
        return SenseEncoder.encode(this, format);
    }

    /** A human-readable rendering, one field per line ({@link SenseRenderer#render(SenseData)}). */
    public String describe() {
        return SenseRenderer.render(this);
    }
}
