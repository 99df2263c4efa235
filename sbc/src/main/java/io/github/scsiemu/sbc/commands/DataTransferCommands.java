package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.spc.Command;
import java.util.List;

/** READ, WRITE, VERIFY, WRITE AND VERIFY, COMPARE AND WRITE, ORWRITE, WRITE ATOMIC, WRITE SCATTERED, PRE-FETCH, SYNCHRONIZE CACHE and READ CAPACITY (SBC-4 5). PLACEHOLDER: being completed. */
public final class DataTransferCommands {

    private DataTransferCommands() {
    }

    /** The commands, operating on {@code disk}. */
    public static List<Command> all(Disk disk) {
        return List.of(
                ReadCapacity10.command(disk.medium()),
                ReadCapacity16.command(disk.medium()),
                Read10.command(disk.medium()),
                Read16.command(disk.medium()),
                Write10.command(disk.medium()),
                Write16.command(disk.medium()));
    }
}
