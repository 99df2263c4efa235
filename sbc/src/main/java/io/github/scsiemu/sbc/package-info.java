/**
 * A direct-access block device (SBC-4) on the shared SPC engine: {@link io.github.scsiemu.sbc.BlockDevice} builds
 * one from a {@link io.github.scsiemu.sbc.DiskConfig}, and its logical blocks live behind the
 * {@link io.github.scsiemu.sbc.BlockStore} SPI.
 */
package io.github.scsiemu.sbc;
