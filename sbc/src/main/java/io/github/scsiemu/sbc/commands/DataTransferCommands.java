package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.sbc.BlockLimits;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands that move logical blocks or report the capacity (SBC-4 5): READ and WRITE (6, 10, 12, 16), VERIFY
 * and WRITE AND VERIFY (10, 12, 16), COMPARE AND WRITE, ORWRITE (16), WRITE ATOMIC (16), PRE-FETCH and SYNCHRONIZE
 * CACHE (10, 16) and READ CAPACITY (10, 16). COMPARE AND WRITE and WRITE ATOMIC (16) are present only when the Block
 * Limits give them a non-zero maximum length (zero there means "not supported", SBC-4 6.6.4).
 */
public final class DataTransferCommands {

    private DataTransferCommands() {
    }

    /** The commands, operating on {@code disk}. */
    public static List<Command> all(Disk disk) {
        Medium medium = disk.medium();
        BlockLimits limits = disk.config().limits();
        List<Command> all = new ArrayList<>(List.of(
                ReadCapacity10.command(medium),
                ReadCapacity16.command(medium),
                Read6.command(medium),
                Read10.command(medium),
                Read12.command(medium),
                Read16.command(medium),
                Write6.command(medium),
                Write10.command(medium),
                Write12.command(medium),
                Write16.command(medium),
                Verify10.command(medium),
                Verify12.command(medium),
                Verify16.command(medium),
                WriteAndVerify10.command(medium),
                WriteAndVerify12.command(medium),
                WriteAndVerify16.command(medium),
                OrWrite16.command(medium),
                PreFetch10.command(medium),
                PreFetch16.command(medium),
                SynchronizeCache10.command(medium),
                SynchronizeCache16.command(medium)));
        if (limits.maximumCompareAndWriteLength() > 0) {
            all.add(CompareAndWrite.command(medium));
        }
        if (limits.maximumAtomicTransferLength() > 0) {
            all.add(WriteAtomic16.command(medium));
        }
        return List.copyOf(all);
    }
}
