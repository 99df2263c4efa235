package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.spc.Command;
import java.util.List;

/** WRITE SAME, UNMAP and GET LBA STATUS (SBC-4 4.7, 5.8, 5.36, 5.46-5.48). PLACEHOLDER: being completed. */
public final class ProvisioningCommands {

    private ProvisioningCommands() {
    }

    /** The commands, operating on {@code disk}. */
    public static List<Command> all(Disk disk) {
        return List.of();
    }
}
