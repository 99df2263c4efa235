package io.github.scsiemu.spc;

import io.github.scsiemu.api.cdb.CommandDescriptor;
import java.util.Objects;

/**
 * A command a logical unit supports: its one declaration and its handler (the tgt-style table row).
 *
 * @param descriptor the declaration: CDB layout, data direction, gate flags
 * @param handler    the behaviour
 */
public record Command(CommandDescriptor descriptor, CommandHandler handler) {
    public Command {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(handler, "handler");
    }
}
