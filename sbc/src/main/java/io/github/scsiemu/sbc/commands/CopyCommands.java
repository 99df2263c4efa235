package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.copy.CopyManager;
import io.github.scsiemu.sbc.copy.ExtendedCopyLid1;
import io.github.scsiemu.sbc.copy.ReceiveCopyDataLid1;
import io.github.scsiemu.sbc.copy.ReceiveCopyFailureDetailsLid1;
import io.github.scsiemu.sbc.copy.ReceiveCopyOperatingParameters;
import io.github.scsiemu.sbc.copy.ReceiveCopyStatusLid1;
import io.github.scsiemu.spc.Command;
import java.util.List;

/**
 * EXTENDED COPY (LID1) and the RECEIVE COPY RESULTS service actions (SPC-4 6.4, 6.17 to 6.20), served by one
 * {@link CopyManager} per disk that copies between the disks of the disk's copy domain.
 */
public final class CopyCommands {

    /**
     * The declarations of the commands, as the Third-party Copy VPD page's Supported Commands descriptor lists them
     * (SPC-4 7.8.17.4).
     */
    public static final List<CommandDescriptor> DESCRIPTORS = List.of(ExtendedCopyLid1.DESCRIPTOR,
            ReceiveCopyStatusLid1.DESCRIPTOR, ReceiveCopyDataLid1.DESCRIPTOR, ReceiveCopyOperatingParameters.DESCRIPTOR,
            ReceiveCopyFailureDetailsLid1.DESCRIPTOR);

    private CopyCommands() {
    }

    /** The commands, operating on {@code disk}. */
    public static List<Command> all(Disk disk) {
        CopyManager manager = new CopyManager(disk);
        return List.of(
                ExtendedCopyLid1.command(manager),
                ReceiveCopyStatusLid1.command(manager),
                ReceiveCopyDataLid1.command(manager),
                ReceiveCopyOperatingParameters.command(manager),
                ReceiveCopyFailureDetailsLid1.command(manager));
    }
}
