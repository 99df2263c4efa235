/**
 * What a logical unit claims, read through REPORT SUPPORTED OPERATION CODES (SPC-4 6.35), and the CDB generators
 * derived from it: valid CDBs, CDBs invalid in exactly one bit, unlisted operation codes and service actions.
 */
package io.github.scsiemu.conformance.catalog;
