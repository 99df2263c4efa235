package io.github.scsiemu.iscsi.initiator;

/**
 * The answer to a task management function (RFC 7143 11.6 and RFC 7144): the Response field and the Additional
 * Response Information. For QUERY ASYNC EVENT with "function succeeded" the latter holds the SAM-5 7.9 bytes of the
 * pending unit attention condition: UADE DEPTH and SENSE KEY, ADDITIONAL SENSE CODE, ADDITIONAL SENSE CODE
 * QUALIFIER; otherwise it is 0.
 *
 * @param response                      the Response field (0 function complete, 1 task does not exist, 2 LUN does
 *                                      not exist, 5 function not supported, 7 function succeeded, 255 rejected, ...)
 * @param additionalResponseInformation the three bytes of Additional Response Information
 */
public record TaskManagementResult(int response, int additionalResponseInformation) {

    public TaskManagementResult {
        if ((response >>> 8) != 0) {
            throw new IllegalArgumentException("response is a byte");
        }
        if ((additionalResponseInformation >>> 24) != 0) {
            throw new IllegalArgumentException("additional response information is three bytes");
        }
    }

    /** The SENSE KEY of the pending unit attention condition (SAM-5 7.9), 0 when none was reported. */
    public int senseKey() {
        return additionalResponseInformation >>> 16 & 0x0F;
    }

    /** The ADDITIONAL SENSE CODE of the pending unit attention condition, 0 when none was reported. */
    public int additionalSenseCode() {
        return additionalResponseInformation >>> 8 & 0xFF;
    }

    /** The ADDITIONAL SENSE CODE QUALIFIER of the pending unit attention condition, 0 when none was reported. */
    public int additionalSenseCodeQualifier() {
        return additionalResponseInformation & 0xFF;
    }
}
