/**
 * The SMC-3 media changer device type, built on the shared SPC engine of {@code spc-common}. The module exists so the build, the BOM and
 * the dependency directions of DESIGN.md are in place; its commands arrive with their own issue.
 */
package io.github.scsiemu.smc;
