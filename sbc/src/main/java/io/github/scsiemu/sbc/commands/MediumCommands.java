package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.spc.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * The medium management commands: FORMAT UNIT, SANITIZE, READ DEFECT DATA (10) and (12), START STOP UNIT and
 * PREVENT ALLOW MEDIUM REMOVAL (SBC-4 5.4, 5.30, 5.19, 5.20, 5.25, 5.14). Their state lives in
 * {@link io.github.scsiemu.sbc.DiskState}.
 */
public final class MediumCommands {

    private MediumCommands() {
    }

    /** The commands, operating on {@code disk}. */
    public static List<Command> all(Disk disk) {
        List<Command> all = new ArrayList<>();
        all.add(FormatUnit.command(disk));
        all.addAll(Sanitize.commands(disk));
        all.add(ReadDefectData10.command());
        all.add(ReadDefectData12.command());
        all.add(StartStopUnit.command(disk));
        all.add(PreventAllowMediumRemoval.command(disk));
        return all;
    }
}
