package io.github.scsiemu.sense;

import java.util.Objects;

/**
 * The outcome of decoding bytes claimed to be sense data (SPC-4 4.5): either usable sense data and the format it
 * came in, or the reason the bytes are not sense data this library can read.
 */
public sealed interface DecodedSense {

    /**
     * Sense data that decoded.
     *
     * @param data   the format-independent sense data
     * @param format the format the bytes were in
     */
    record Valid(SenseData data, SenseFormat format) implements DecodedSense {
        public Valid {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(format, "format");
        }
    }

    /**
     * Bytes that are not decodable sense data.
     *
     * @param reason what is wrong, for people
     */
    record Malformed(String reason) implements DecodedSense {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Whether decoding succeeded. */
    default boolean isValid() {
        return this instanceof Valid;
    }
}
