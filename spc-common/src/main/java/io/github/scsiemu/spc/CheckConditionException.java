package io.github.scsiemu.spc;

import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.util.Objects;

/**
 * Ends a command with CHECK CONDITION and the given sense data (SAM-5 5.3.2) from anywhere inside a handler. It
 * never leaves the logical unit: the engine catches it. It carries no stack trace, so throwing it is cheap.
 */
public final class CheckConditionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SenseData sense;

    public CheckConditionException(SenseData sense) {
        super(Objects.requireNonNull(sense, "sense").toString(), null, false, false);
        this.sense = sense;
    }

    /** The sense data to report. */
    public SenseData sense() {
        return sense;
    }

    /** ILLEGAL REQUEST, INVALID FIELD IN CDB, pointing at the most significant bit of {@code field}. */
    public static CheckConditionException invalidField(CdbField field) {
        return new CheckConditionException(SenseData.invalidFieldInCdb(field.byteOffset(), field.msbBit()));
    }

    /** ILLEGAL REQUEST, INVALID FIELD IN PARAMETER LIST, pointing at byte {@code byteOffset}, bit {@code bit}. */
    public static CheckConditionException invalidParameter(int byteOffset, int bit) {
        return new CheckConditionException(SenseData.invalidFieldInParameterList(byteOffset, bit));
    }

    /** The given sense key and additional sense code. */
    public static CheckConditionException of(SenseKey key, AdditionalSense additionalSense) {
        return new CheckConditionException(SenseData.of(key, additionalSense));
    }
}
