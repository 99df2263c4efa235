package io.github.scsiemu.sense;

/**
 * An ADDITIONAL SENSE CODE and ADDITIONAL SENSE CODE QUALIFIER pair (SPC-4 4.5.6, table 28; T10's
 * asc-num list). The constants below are the pairs this library reports itself; {@link AscCatalogue} knows every
 * assignment.
 *
 * @param asc  the ADDITIONAL SENSE CODE, 0-255
 * @param ascq the ADDITIONAL SENSE CODE QUALIFIER, 0-255
 */
public record AdditionalSense(int asc, int ascq) {

    public static final AdditionalSense NO_ADDITIONAL_SENSE_INFORMATION = new AdditionalSense(0x00, 0x00);
    public static final AdditionalSense FILEMARK_DETECTED = new AdditionalSense(0x00, 0x01);
    public static final AdditionalSense END_OF_PARTITION_MEDIUM_DETECTED = new AdditionalSense(0x00, 0x02);
    public static final AdditionalSense BEGINNING_OF_PARTITION_MEDIUM_DETECTED = new AdditionalSense(0x00, 0x04);
    public static final AdditionalSense END_OF_DATA_DETECTED = new AdditionalSense(0x00, 0x05);
    public static final AdditionalSense OPERATION_IN_PROGRESS = new AdditionalSense(0x00, 0x16);
    public static final AdditionalSense LOGICAL_UNIT_NOT_READY_CAUSE_NOT_REPORTABLE = new AdditionalSense(0x04, 0x00);
    public static final AdditionalSense LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY = new AdditionalSense(0x04, 0x01);
    public static final AdditionalSense LOGICAL_UNIT_NOT_READY_INITIALIZING_COMMAND_REQUIRED =
            new AdditionalSense(0x04, 0x02);
    public static final AdditionalSense LOGICAL_UNIT_NOT_READY_FORMAT_IN_PROGRESS = new AdditionalSense(0x04, 0x04);
    public static final AdditionalSense LOGICAL_UNIT_NOT_READY_ASYMMETRIC_ACCESS_STATE_TRANSITION =
            new AdditionalSense(0x04, 0x0A);
    public static final AdditionalSense LOGICAL_UNIT_NOT_READY_TARGET_PORT_IN_STANDBY_STATE =
            new AdditionalSense(0x04, 0x0B);
    public static final AdditionalSense LOGICAL_UNIT_NOT_READY_TARGET_PORT_IN_UNAVAILABLE_STATE =
            new AdditionalSense(0x04, 0x0C);
    public static final AdditionalSense LOGICAL_UNIT_NOT_READY_SANITIZE_IN_PROGRESS = new AdditionalSense(0x04, 0x1B);
    public static final AdditionalSense INVALID_FIELD_IN_COMMAND_INFORMATION_UNIT = new AdditionalSense(0x0E, 0x03);
    public static final AdditionalSense LOGICAL_UNIT_NOT_READY_OFFLINE = new AdditionalSense(0x04, 0x12);
    public static final AdditionalSense WRITE_ERROR = new AdditionalSense(0x0C, 0x00);
    public static final AdditionalSense RECOVERED_DATA_WITH_RETRIES = new AdditionalSense(0x17, 0x01);
    public static final AdditionalSense UNRECOVERED_READ_ERROR = new AdditionalSense(0x11, 0x00);
    public static final AdditionalSense MISCOMPARE_DURING_VERIFY_OPERATION = new AdditionalSense(0x1D, 0x00);
    public static final AdditionalSense PARAMETER_LIST_LENGTH_ERROR = new AdditionalSense(0x1A, 0x00);
    public static final AdditionalSense INVALID_COMMAND_OPERATION_CODE = new AdditionalSense(0x20, 0x00);
    public static final AdditionalSense LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE = new AdditionalSense(0x21, 0x00);
    public static final AdditionalSense INVALID_FIELD_IN_CDB = new AdditionalSense(0x24, 0x00);
    public static final AdditionalSense LOGICAL_UNIT_NOT_SUPPORTED = new AdditionalSense(0x25, 0x00);
    public static final AdditionalSense INVALID_FIELD_IN_PARAMETER_LIST = new AdditionalSense(0x26, 0x00);
    public static final AdditionalSense PARAMETER_NOT_SUPPORTED = new AdditionalSense(0x26, 0x01);
    public static final AdditionalSense PARAMETER_VALUE_INVALID = new AdditionalSense(0x26, 0x02);
    public static final AdditionalSense INVALID_RELEASE_OF_PERSISTENT_RESERVATION = new AdditionalSense(0x26, 0x04);
    public static final AdditionalSense SAVING_PARAMETERS_NOT_SUPPORTED = new AdditionalSense(0x39, 0x00);
    public static final AdditionalSense WRITE_PROTECTED = new AdditionalSense(0x27, 0x00);
    public static final AdditionalSense LOGICAL_UNIT_SOFTWARE_WRITE_PROTECTED = new AdditionalSense(0x27, 0x02);
    public static final AdditionalSense NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED =
            new AdditionalSense(0x28, 0x00);
    public static final AdditionalSense POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED = new AdditionalSense(0x29, 0x00);
    public static final AdditionalSense POWER_ON_OCCURRED = new AdditionalSense(0x29, 0x01);
    public static final AdditionalSense BUS_DEVICE_RESET_FUNCTION_OCCURRED = new AdditionalSense(0x29, 0x03);
    public static final AdditionalSense I_T_NEXUS_LOSS_OCCURRED = new AdditionalSense(0x29, 0x07);
    public static final AdditionalSense PARAMETERS_CHANGED = new AdditionalSense(0x2A, 0x00);
    public static final AdditionalSense MODE_PARAMETERS_CHANGED = new AdditionalSense(0x2A, 0x01);
    public static final AdditionalSense LOG_PARAMETERS_CHANGED = new AdditionalSense(0x2A, 0x02);
    public static final AdditionalSense RESERVATIONS_PREEMPTED = new AdditionalSense(0x2A, 0x03);
    public static final AdditionalSense RESERVATIONS_RELEASED = new AdditionalSense(0x2A, 0x04);
    public static final AdditionalSense REGISTRATIONS_PREEMPTED = new AdditionalSense(0x2A, 0x05);
    public static final AdditionalSense ASYMMETRIC_ACCESS_STATE_CHANGED = new AdditionalSense(0x2A, 0x06);
    public static final AdditionalSense IMPLICIT_ASYMMETRIC_ACCESS_STATE_TRANSITION_FAILED =
            new AdditionalSense(0x2A, 0x07);
    public static final AdditionalSense CAPACITY_DATA_HAS_CHANGED = new AdditionalSense(0x2A, 0x09);
    public static final AdditionalSense COMMANDS_CLEARED_BY_ANOTHER_INITIATOR = new AdditionalSense(0x2F, 0x00);
    public static final AdditionalSense COMMANDS_CLEARED_BY_POWER_LOSS_NOTIFICATION = new AdditionalSense(0x2F, 0x01);
    public static final AdditionalSense COMMANDS_CLEARED_BY_DEVICE_SERVER = new AdditionalSense(0x2F, 0x02);
    public static final AdditionalSense INCOMPATIBLE_MEDIUM_INSTALLED = new AdditionalSense(0x30, 0x00);
    public static final AdditionalSense MEDIUM_FORMAT_CORRUPTED = new AdditionalSense(0x31, 0x00);
    public static final AdditionalSense FORMAT_COMMAND_FAILED = new AdditionalSense(0x31, 0x01);
    public static final AdditionalSense SANITIZE_COMMAND_FAILED = new AdditionalSense(0x31, 0x03);
    public static final AdditionalSense MEDIUM_NOT_PRESENT = new AdditionalSense(0x3A, 0x00);
    public static final AdditionalSense MEDIUM_NOT_PRESENT_TRAY_OPEN = new AdditionalSense(0x3A, 0x02);
    public static final AdditionalSense INTERNAL_TARGET_FAILURE = new AdditionalSense(0x44, 0x00);
    public static final AdditionalSense PERSISTENT_RESERVATION_INFORMATION_LOST = new AdditionalSense(0x44, 0x01);
    public static final AdditionalSense INQUIRY_DATA_HAS_CHANGED = new AdditionalSense(0x3F, 0x03);
    public static final AdditionalSense REPORTED_LUNS_DATA_HAS_CHANGED = new AdditionalSense(0x3F, 0x0E);
    public static final AdditionalSense INVALID_MESSAGE_ERROR = new AdditionalSense(0x49, 0x00);
    public static final AdditionalSense COMMAND_PHASE_ERROR = new AdditionalSense(0x4A, 0x00);
    public static final AdditionalSense DATA_PHASE_ERROR = new AdditionalSense(0x4B, 0x00);
    public static final AdditionalSense OVERLAPPED_COMMANDS_ATTEMPTED = new AdditionalSense(0x4E, 0x00);
    public static final AdditionalSense INVALID_OPERATION_FOR_COPY_SOURCE_OR_DESTINATION =
            new AdditionalSense(0x26, 0x0C);
    public static final AdditionalSense COPY_TARGET_DEVICE_NOT_REACHABLE = new AdditionalSense(0x0D, 0x02);
    public static final AdditionalSense TOO_MANY_TARGET_DESCRIPTORS = new AdditionalSense(0x26, 0x06);
    public static final AdditionalSense UNSUPPORTED_TARGET_DESCRIPTOR_TYPE_CODE = new AdditionalSense(0x26, 0x07);
    public static final AdditionalSense TOO_MANY_SEGMENT_DESCRIPTORS = new AdditionalSense(0x26, 0x08);
    public static final AdditionalSense UNSUPPORTED_SEGMENT_DESCRIPTOR_TYPE_CODE = new AdditionalSense(0x26, 0x09);
    public static final AdditionalSense INSUFFICIENT_RESOURCES = new AdditionalSense(0x55, 0x03);
    public static final AdditionalSense INSUFFICIENT_REGISTRATION_RESOURCES = new AdditionalSense(0x55, 0x04);
    public static final AdditionalSense MEDIUM_REMOVAL_PREVENTED = new AdditionalSense(0x53, 0x02);

    public AdditionalSense {
        if (asc < 0 || asc > 0xFF || ascq < 0 || ascq > 0xFF) {
            throw new IllegalArgumentException(String.format("ASC/ASCQ out of range: %d/%d", asc, ascq));
        }
    }

    /** The standard's text for this pair, from the catalogue; a generic description if it is not assigned. */
    public String text() {
        return AscCatalogue.describe(asc, ascq);
    }

    /** Whether T10 assigns this pair. */
    public boolean isAssigned() {
        return AscCatalogue.isAssigned(asc, ascq);
    }

    /** {@code 24h/00h} style rendering. */
    @Override
    public String toString() {
        return String.format("%02Xh/%02Xh %s", asc, ascq, text());
    }
}
