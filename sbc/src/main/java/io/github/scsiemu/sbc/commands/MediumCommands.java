package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.spc.Command;
import java.util.List;

/** FORMAT UNIT, SANITIZE, READ DEFECT DATA, START STOP UNIT and PREVENT ALLOW MEDIUM REMOVAL (SBC-4 5.4, 5.14, 5.23, 5.30, 5.31). PLACEHOLDER: being completed. */
public final class MediumCommands {

    private MediumCommands() {
    }

    /** The commands, operating on {@code disk}. */
    public static List<Command> all(Disk disk) {
        return List.of();
    }
}
