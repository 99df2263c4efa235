package io.github.scsiemu.conformance;

import java.util.Optional;

/**
 * Thrown by a check when the target under test breaks the clause the check verifies: the expectation in words
 * and, when one command shows it, that command with its response.
 */
public final class ConformanceViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final String expectation;
    private final transient Exchange exchange;

    /**
     * A violation shown by one command.
     *
     * @param expectation what the standard requires, stated plainly
     * @param exchange    the command and response that break it
     */
    public ConformanceViolation(String expectation, Exchange exchange) {
        super(expectation + (exchange == null ? "" : "\n" + exchange.describe()));
        this.expectation = expectation;
        this.exchange = exchange;
    }

    /**
     * A violation not tied to a single command (for example, two responses that disagree).
     *
     * @param expectation what the standard requires and what was seen instead
     */
    public ConformanceViolation(String expectation) {
        this(expectation, null);
    }

    /** The expectation that was not met. */
    public String expectation() {
        return expectation;
    }

    /** The command that shows the violation, if there is one. */
    public Optional<Exchange> exchange() {
        return Optional.ofNullable(exchange);
    }
}
