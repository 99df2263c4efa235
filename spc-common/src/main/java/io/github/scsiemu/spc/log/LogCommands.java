package io.github.scsiemu.spc.log;

import io.github.scsiemu.spc.Command;
import java.util.List;

/** The declarations and handlers of LOG SENSE and LOG SELECT (SPC-4 6.7, 6.8). PLACEHOLDER: being completed. */
public final class LogCommands {

    private LogCommands() {
    }

    /** The commands, ready for a {@link io.github.scsiemu.spc.CommandSet}. */
    public static List<Command> commands() {
        return List.of();
    }
}
