package io.github.scsiemu.api.cdb;

/**
 * The command timeouts descriptor REPORT SUPPORTED OPERATION CODES returns with RCTD set (SPC-4 6.35.4).
 *
 * @param nominalSeconds     NOMINAL COMMAND PROCESSING TIMEOUT
 * @param recommendedSeconds RECOMMENDED COMMAND TIMEOUT
 */
public record CommandTimeouts(long nominalSeconds, long recommendedSeconds) {

    /** What a fast in-memory command needs. */
    public static final CommandTimeouts QUICK = new CommandTimeouts(1, 30);

    public CommandTimeouts {
        if (nominalSeconds < 0 || nominalSeconds > 0xFFFF_FFFFL || recommendedSeconds < 0
                || recommendedSeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timeouts are four-byte fields");
        }
    }
}
