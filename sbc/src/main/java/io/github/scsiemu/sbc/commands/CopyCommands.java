package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.spc.Command;
import java.util.List;

/** EXTENDED COPY (LID1) and RECEIVE COPY RESULTS (SPC-4 6.4, 6.25). PLACEHOLDER: being completed. */
public final class CopyCommands {

    private CopyCommands() {
    }

    /** The commands, operating on {@code disk}. */
    public static List<Command> all(Disk disk) {
        return List.of();
    }
}
