package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.spc.Command;
import java.util.List;

/** The declarations and handlers of INQUIRY and REPORT LUNS (SPC-4 6.6, 6.33). PLACEHOLDER: being completed. */
public final class InquiryCommands {

    private InquiryCommands() {
    }

    /** The commands, ready for a {@link io.github.scsiemu.spc.CommandSet}. */
    public static List<Command> commands() {
        return List.of();
    }
}
