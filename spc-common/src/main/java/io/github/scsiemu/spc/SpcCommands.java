package io.github.scsiemu.spc;

import io.github.scsiemu.spc.commands.CoreCommands;
import io.github.scsiemu.spc.inquiry.InquiryCommands;
import io.github.scsiemu.spc.log.LogCommands;
import io.github.scsiemu.spc.mode.ModeCommands;
import java.util.ArrayList;
import java.util.List;

/** The SPC-4 commands every device type built on {@link DeviceServer} supports. */
final class SpcCommands {

    private static final List<Command> ALL = build();

    private SpcCommands() {
    }

    private static List<Command> build() {
        List<Command> all = new ArrayList<>();
        all.addAll(CoreCommands.commands());
        all.addAll(InquiryCommands.commands());
        all.addAll(ModeCommands.commands());
        all.addAll(LogCommands.commands());
        return List.copyOf(all);
    }

    static List<Command> all() {
        return ALL;
    }
}
