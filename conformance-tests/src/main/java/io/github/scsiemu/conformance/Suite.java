package io.github.scsiemu.conformance;

import java.util.List;

/**
 * A group of checks about one part of a standard (for example, INQUIRY and vital product data), reusable against
 * any {@link TargetUnderTest}: an implementer runs each {@link Check} against their own target, from JUnit
 * ({@link io.github.scsiemu.conformance.junit.ConformanceTests}) or from the command line
 * ({@link ConformanceRunner}).
 */
public interface Suite {

    /** The suite's name in reports. */
    String name();

    /** The checks, in the order they run. */
    List<Check> checks();
}
