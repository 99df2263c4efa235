package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;
import java.util.List;

/**
 * The SBC-4 commands a direct-access logical unit adds to the shared SPC engine (so far the mandatory
 * READ CAPACITY, READ and WRITE commands), each bound to one medium.
 */
public final class SbcCommands {

    private SbcCommands() {
    }

    /** The commands, operating on {@code medium}. */
    public static List<Command> all(Medium medium) {
        return List.of(
                ReadCapacity10.command(medium),
                ReadCapacity16.command(medium),
                Read10.command(medium),
                Read16.command(medium),
                Write10.command(medium),
                Write16.command(medium));
    }
}
