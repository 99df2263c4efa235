package io.github.scsiemu.api.cdb;

/**
 * How a command fares against a persistent reservation held by another I_T nexus (SPC-4 5.13.1, tables 65 and
 * 66; SBC-4 table 13): the class each command declares, from which the reservation gate derives RESERVATION
 * CONFLICT for every reservation type.
 */
public enum ReservationClass {
    /** Allowed under every reservation type (INQUIRY, REPORT LUNS, REQUEST SENSE, READ CAPACITY ...). */
    ALWAYS,
    /** Allowed under Write Exclusive types, a conflict under Exclusive Access types (READ, MODE SENSE ...). */
    READ,
    /** A conflict for non-holders under every type (WRITE, MODE SELECT, FORMAT UNIT ...). */
    WRITE,
    /** PERSISTENT RESERVE OUT: decided per service action and registration (SPC-4 table 66). */
    PERSISTENT_RESERVE_OUT,
    /** RESERVE(6/10) and RELEASE(6/10): the SPC-2 rules (SPC-4 5.13.3). */
    LEGACY_RESERVE
}
