package io.github.scsiemu.server.config;

/**
 * A configuration the server cannot run: where it is wrong (the file and line), what part of it (the section, such
 * as {@code lun 3} or {@code portal 127.0.0.1:3260}) and why. Its message reads like a compiler's:
 * {@code config.toml:12: lun 3: capacity must be a positive number of blocks}.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String section;
    private final String problem;

    /**
     * A configuration error.
     *
     * @param source  the file as the user named it, or a description such as {@code built-in default}
     * @param line    the 1-based line, or 0 if the error has no single line
     * @param section the part of the configuration, such as {@code lun 3}; empty for the top level
     * @param problem what is wrong, naming the field
     */
    public ConfigException(String source, int line, String section, String problem) {
        super(format(source, line, section, problem));
        this.source = source;
        this.line = line;
        this.section = section;
        this.problem = problem;
    }

    private static String format(String source, int line, String section, String problem) {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ");
        if (!section.isEmpty()) {
            b.append(section).append(": ");
        }
        return b.append(problem).toString();
    }

    /** The file as the user named it. */
    public String source() {
        return source;
    }

    /** The 1-based line, or 0. */
    public int line() {
        return line;
    }

    /** The part of the configuration, such as {@code lun 3}. */
    public String section() {
        return section;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }
}
