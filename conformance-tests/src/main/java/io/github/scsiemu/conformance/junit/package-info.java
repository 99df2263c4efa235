/**
 * The JUnit Jupiter adapter: an abstract class whose subclasses run every suite against their own target as
 * dynamic tests. Needs {@code junit-jupiter-api} on the test class path (an optional dependency of this module).
 */
package io.github.scsiemu.conformance.junit;
