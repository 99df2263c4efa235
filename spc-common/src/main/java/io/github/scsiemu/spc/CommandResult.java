package io.github.scsiemu.spc;

import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.SenseData;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * What a handler produced: a status, the complete data-in it would return (before truncation to the allocation
 * length and the data-in buffer), and sense data for CHECK CONDITION.
 *
 * @param status the status
 * @param data   the full data-in (position to limit)
 * @param sense  the sense data, present with CHECK CONDITION
 */
public record CommandResult(Status status, ByteBuffer data, Optional<SenseData> sense) {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private static final CommandResult GOOD = new CommandResult(Status.GOOD, EMPTY, Optional.empty());
    private static final CommandResult CONDITION_MET = new CommandResult(Status.CONDITION_MET, EMPTY, Optional.empty());

    public CommandResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(sense, "sense");
        if ((status == Status.CHECK_CONDITION) != sense.isPresent()) {
            throw new IllegalArgumentException("sense data goes with CHECK CONDITION and only with it");
        }
    }

    /** GOOD, no data. */
    public static CommandResult good() {
        return GOOD;
    }

    /** CONDITION MET, no data. */
    public static CommandResult conditionMet() {
        return CONDITION_MET;
    }

    /** GOOD with data-in. */
    public static CommandResult data(byte[] bytes) {
        return new CommandResult(Status.GOOD, ByteBuffer.wrap(bytes), Optional.empty());
    }

    /** GOOD with data-in. */
    public static CommandResult data(ByteBuffer bytes) {
        return new CommandResult(Status.GOOD, bytes, Optional.empty());
    }

    /** CHECK CONDITION with sense data. */
    public static CommandResult checkCondition(SenseData sense) {
        return new CommandResult(Status.CHECK_CONDITION, EMPTY, Optional.of(sense));
    }

    /**
     * CHECK CONDITION with data-in as well: the data was transferred and the sense data reports a condition that
     * did not prevent it, such as RECOVERED ERROR (SPC-4 4.5.6; SAM-5 5.3.2).
     */
    public static CommandResult checkConditionWithData(SenseData sense, ByteBuffer bytes) {
        return new CommandResult(Status.CHECK_CONDITION, bytes, Optional.of(sense));
    }

    /** A status without data or sense (RESERVATION CONFLICT, BUSY, TASK SET FULL). */
    public static CommandResult status(Status status) {
        return new CommandResult(status, EMPTY, Optional.empty());
    }
}
