/**
 * The VPD pages (SBC-4 6.6) and mode pages (SBC-4 6.5) a direct-access block device adds to the shared SPC
 * registries, with the mode parameter block descriptors (SBC-4 6.4.2).
 */
package io.github.scsiemu.sbc.pages;
