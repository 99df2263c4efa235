package io.github.scsiemu.spc.mode;

import io.github.scsiemu.spc.Command;
import java.util.List;

/** The declarations and handlers of MODE SENSE and MODE SELECT (SPC-4 6.11-6.14). PLACEHOLDER: being completed. */
public final class ModeCommands {

    private ModeCommands() {
    }

    /** The commands, ready for a {@link io.github.scsiemu.spc.CommandSet}. */
    public static List<Command> commands() {
        return List.of();
    }
}
