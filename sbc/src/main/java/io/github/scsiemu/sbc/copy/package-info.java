/**
 * The copy manager of a disk (SPC-4 5.17 and 6.4): EXTENDED COPY (LID1) with identification CSCD descriptors (E4h)
 * and block device to block device segment descriptors (02h), between the logical units of one {@link
 * io.github.scsiemu.sbc.copy.CopyDomain}, and the RECEIVE COPY RESULTS service actions that report on it (SPC-4
 * 6.18 to 6.21: COPY STATUS, RECEIVE DATA, OPERATING PARAMETERS, FAILED SEGMENT DETAILS).
 */
package io.github.scsiemu.sbc.copy;
