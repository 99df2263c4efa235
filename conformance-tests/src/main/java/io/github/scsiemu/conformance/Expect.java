package io.github.scsiemu.conformance;

import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import java.util.OptionalInt;

/**
 * The assertions checks make about responses; each throws {@link ConformanceViolation} with the command and its
 * response when it does not hold.
 */
public final class Expect {

    private Expect() {
    }

    /**
     * Requires GOOD status.
     *
     * @param exchange the command and response
     * @param what     what the command is for, in the failure message
     * @return {@code exchange}
     */
    public static Exchange good(Exchange exchange, String what) {
        if (exchange.status() != Status.GOOD) {
            throw new ConformanceViolation(what + ": expected GOOD status", exchange);
        }
        return exchange;
    }

    /**
     * Requires CHECK CONDITION with the given sense key and additional sense, in decodable sense data.
     *
     * @param exchange        the command and response
     * @param key             the sense key
     * @param additionalSense the ASC and ASCQ
     * @param what            what the command is for
     * @return the sense data
     */
    public static SenseData checkCondition(Exchange exchange, SenseKey key, AdditionalSense additionalSense,
            String what) {
        if (!exchange.isCheckCondition(key, additionalSense)) {
            throw new ConformanceViolation(what + ": expected CHECK CONDITION, " + key.standardName() + ", "
                    + additionalSense, exchange);
        }
        return exchange.sense().orElseThrow();
    }

    /**
     * Requires CHECK CONDITION, ILLEGAL REQUEST, INVALID FIELD IN CDB with a valid CDB field pointer at the given
     * byte and, if given, bit (SPC-4 4.5.2.4.2).
     *
     * @param exchange the command and response
     * @param byteOffset the byte the FIELD POINTER must name
     * @param bit      the bit the BIT POINTER must name, with BPV set; empty to accept BPV=0, or BPV=1 with the
     *                 most significant bit of a whole-byte field (bit 7)
     * @param what     what the command is for
     */
    public static void invalidFieldInCdb(Exchange exchange, int byteOffset, OptionalInt bit, String what) {
        SenseData sense = checkCondition(exchange, SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB,
                what);
        String expected = "byte " + byteOffset + (bit.isPresent() ? " bit " + bit.getAsInt() : "");
        if (sense.senseKeySpecific().isEmpty()
                || !(sense.senseKeySpecific().get() instanceof SenseKeySpecific.FieldPointer pointer)) {
            throw new ConformanceViolation(what + ": expected SKSV=1 with a field pointer to CDB " + expected,
                    exchange);
        }
        if (!pointer.inCdb() || pointer.fieldPointer() != byteOffset) {
            throw new ConformanceViolation(what + ": expected C/D=1 and FIELD POINTER " + expected, exchange);
        }
        if (bit.isPresent() && !pointer.bitPointer().equals(bit)) {
            throw new ConformanceViolation(what + ": expected BPV=1 and BIT POINTER " + bit.getAsInt(), exchange);
        }
        if (bit.isEmpty() && pointer.bitPointer().isPresent() && pointer.bitPointer().getAsInt() != 7) {
            throw new ConformanceViolation(what + ": a BIT POINTER into a whole-byte field must name bit 7, its most "
                    + "significant bit", exchange);
        }
    }

    /**
     * Requires a condition to hold.
     *
     * @param condition the condition
     * @param exchange  the command it is about, or null
     * @param expectation what the standard requires
     */
    public static void that(boolean condition, Exchange exchange, String expectation) {
        if (!condition) {
            throw new ConformanceViolation(expectation, exchange);
        }
    }
}
