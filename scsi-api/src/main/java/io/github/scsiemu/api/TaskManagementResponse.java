package io.github.scsiemu.api;

import java.util.Objects;

/**
 * The service response of a task management function (SAM-5 7.1, table 42), with the ADDITIONAL RESPONSE
 * INFORMATION that QUERY ASYNCHRONOUS EVENT returns (SAM-5 7.9).
 *
 * @param serviceResponse               the service response
 * @param additionalResponseInformation three bytes of additional response information, 0 when none
 */
public record TaskManagementResponse(ServiceResponse serviceResponse, int additionalResponseInformation) {

    /** SAM-5 task management service responses. */
    public enum ServiceResponse {
        /** The function completed (and, for QUERY functions, found nothing). */
        FUNCTION_COMPLETE,
        /** A QUERY function found what it asked about. */
        FUNCTION_SUCCEEDED,
        /** The function is not supported or was rejected. */
        FUNCTION_REJECTED,
        /** The addressed logical unit does not exist. */
        INCORRECT_LOGICAL_UNIT_NUMBER,
        /** The request could not be delivered or the target failed. */
        SERVICE_DELIVERY_OR_TARGET_FAILURE
    }

    public static final TaskManagementResponse COMPLETE = new TaskManagementResponse(ServiceResponse.FUNCTION_COMPLETE, 0);
    public static final TaskManagementResponse SUCCEEDED =
            new TaskManagementResponse(ServiceResponse.FUNCTION_SUCCEEDED, 0);
    public static final TaskManagementResponse REJECTED = new TaskManagementResponse(ServiceResponse.FUNCTION_REJECTED, 0);
    public static final TaskManagementResponse INCORRECT_LUN =
            new TaskManagementResponse(ServiceResponse.INCORRECT_LOGICAL_UNIT_NUMBER, 0);

    public TaskManagementResponse {
        Objects.requireNonNull(serviceResponse, "serviceResponse");
        if (additionalResponseInformation < 0 || additionalResponseInformation > 0xFFFFFF) {
            throw new IllegalArgumentException("additional response information is three bytes");
        }
    }
}
