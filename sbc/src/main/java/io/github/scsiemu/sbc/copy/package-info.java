/**
 * The copy manager of a disk (SPC-4 third-party copy and 6.4): EXTENDED COPY (LID1) with identification CSCD
 * descriptors (E4h) and block device to block device segment descriptors (02h), between the logical units of one {@link
 * io.github.scsiemu.sbc.copy.CopyDomain}, and the RECEIVE COPY RESULTS service actions that report on it (SPC-4 6.25
 * family: COPY STATUS, RECEIVE DATA, OPERATING PARAMETERS, FAILED SEGMENT DETAILS).
 */
package io.github.scsiemu.sbc.copy;
