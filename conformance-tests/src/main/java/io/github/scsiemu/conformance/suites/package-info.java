/**
 * The suites: declarations (REPORT SUPPORTED OPERATION CODES against behaviour), INQUIRY and vital product data,
 * REPORT LUNS, TEST UNIT READY with REQUEST SENSE and unit attentions, and MODE SENSE with MODE SELECT.
 */
package io.github.scsiemu.conformance.suites;
