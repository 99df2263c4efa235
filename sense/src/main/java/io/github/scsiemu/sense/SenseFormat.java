package io.github.scsiemu.sense;

/**
 * The two sense data formats (SPC-4 4.5.1): fixed (response codes 70h/71h) and descriptor (72h/73h).
 */
public enum SenseFormat {
    /** Fixed format, response code 70h (current) or 71h (deferred), SPC-4 4.5.3. */
    FIXED,
    /** Descriptor format, response code 72h (current) or 73h (deferred), SPC-4 4.5.2. */
    DESCRIPTOR
}
