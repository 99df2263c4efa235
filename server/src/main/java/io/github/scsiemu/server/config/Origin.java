package io.github.scsiemu.server.config;

/**
 * Where a part of the configuration was written: the file as the user named it and the line of the section's
 * header, so that problems found only when the server starts (a file store that does not match) still name a line.
 *
 * @param source the file, or {@code built-in default}
 * @param line   the 1-based line, or 0 when there is none
 */
public record Origin(String source, int line) {

    /** The origin of everything in the built-in default configuration. */
    public static final Origin BUILT_IN = new Origin("built-in default", 0);

    /** An error at this origin. */
    public ConfigException error(String section, String problem) {
        return new ConfigException(source, line, section, problem);
    }
}
