package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.Provisioning;
import io.github.scsiemu.spc.Command;
import java.util.List;

/**
 * WRITE SAME, UNMAP and GET LBA STATUS (SBC-4 4.7, 5.8, 5.32, 5.49, 5.50). Every disk has WRITE SAME (10) and
 * (16); only a thin provisioned disk (logical block provisioning management, LBPME = 1) has UNMAP and GET LBA
 * STATUS, so a fully provisioned disk reports INVALID COMMAND OPERATION CODE for them and REPORT SUPPORTED
 * OPERATION CODES tells the truth.
 */
public final class ProvisioningCommands {

    private ProvisioningCommands() {
    }

    /** The commands, operating on {@code disk}. */
    public static List<Command> all(Disk disk) {
        if (disk.config().provisioning() == Provisioning.THIN) {
            return List.of(
                    WriteSame10.command(disk),
                    WriteSame16.command(disk),
                    Unmap.command(disk.medium()),
                    GetLbaStatus.command(disk.medium()));
        }
        return List.of(WriteSame10.command(disk), WriteSame16.command(disk));
    }
}
