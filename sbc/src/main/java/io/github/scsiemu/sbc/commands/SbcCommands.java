package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.spc.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * The SBC-4 commands a direct-access logical unit adds to the shared SPC engine, each bound to one disk, gathered
 * from their groups: data transfer, provisioning, medium management and copy.
 */
public final class SbcCommands {

    private SbcCommands() {
    }

    /** The commands, operating on {@code disk}. */
    public static List<Command> all(Disk disk) {
        List<Command> all = new ArrayList<>();
        all.addAll(DataTransferCommands.all(disk));
        all.addAll(ProvisioningCommands.all(disk));
        all.addAll(MediumCommands.all(disk));
        all.addAll(CopyCommands.all(disk));
        return all;
    }
}
