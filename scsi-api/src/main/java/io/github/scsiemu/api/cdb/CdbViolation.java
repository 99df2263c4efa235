package io.github.scsiemu.api.cdb;

/**
 * Where a CDB breaks its declaration: the byte and the bit of the first reserved or unsupported bit that is set
 * (the SENSE KEY SPECIFIC field pointer of INVALID FIELD IN CDB, SPC-4 4.5.2.4.2).
 *
 * @param byteOffset the byte
 * @param bit        the bit, 7-0
 */
public record CdbViolation(int byteOffset, int bit) {
}
