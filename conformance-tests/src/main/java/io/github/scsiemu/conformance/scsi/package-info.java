/**
 * Transport-neutral SCSI helpers for the suites: CDB builders, big-endian field access, mode parameter parsing,
 * the allocation length law and unit attention handling, all in terms of the standards' layouts.
 */
package io.github.scsiemu.conformance.scsi;
