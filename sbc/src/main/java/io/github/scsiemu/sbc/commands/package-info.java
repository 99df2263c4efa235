/**
 * The SBC-4 commands of a direct-access block device: one class per command (or command family), each holding the
 * command's single declaration (fields and reserved bits) and binding its handler to a {@link
 * io.github.scsiemu.sbc.Medium}.
 */
package io.github.scsiemu.sbc.commands;
