package io.github.scsiemu.sense;

import java.util.OptionalInt;

/**
 * The three-byte SENSE KEY SPECIFIC field; its meaning depends on the sense key (SPC-4 4.5.2.4.1, table 31):
 * ILLEGAL REQUEST carries a {@link FieldPointer}; NO SENSE and NOT READY a {@link ProgressIndication}; RECOVERED
 * ERROR, MEDIUM ERROR and HARDWARE ERROR an {@link ActualRetryCount}; COPY ABORTED a {@link SegmentPointer}; UNIT
 * ATTENTION a {@link UnitAttentionQueueOverflow}. Under any other sense key the standard defines no layout and the
 * field is kept as {@link Raw} bits. The SKSV bit itself is not part of these values: a present value means SKSV is
 * one.
 */
public sealed interface SenseKeySpecific {

    /**
     * Field pointer for ILLEGAL REQUEST (SPC-4 4.5.2.4.2): which byte, and optionally which bit, of the CDB
     * (C/D = 1) or of the parameter list (C/D = 0) is in error.
     *
     * @param inCdb        the C/D bit: {@code true} for the CDB, {@code false} for parameter data
     * @param fieldPointer the byte offset of the field in error
     * @param bitPointer   the bit (0-7) of the most significant bit of the field in error, when BPV is set
     */
    record FieldPointer(boolean inCdb, int fieldPointer, OptionalInt bitPointer) implements SenseKeySpecific {
        public FieldPointer {
            if (fieldPointer < 0 || fieldPointer > 0xFFFF) {
                throw new IllegalArgumentException("field pointer out of range: " + fieldPointer);
            }
            bitPointer.ifPresent(b -> {
                if (b < 0 || b > 7) {
                    throw new IllegalArgumentException("bit pointer out of range: " + b);
                }
            });
        }

        /** A CDB field starting at the given byte and bit. */
        public static FieldPointer cdb(int byteOffset, int bit) {
            return new FieldPointer(true, byteOffset, OptionalInt.of(bit));
        }

        /** A whole CDB byte (no bit pointer). */
        public static FieldPointer cdbByte(int byteOffset) {
            return new FieldPointer(true, byteOffset, OptionalInt.empty());
        }

        /** A parameter-list field starting at the given byte and bit. */
        public static FieldPointer parameter(int byteOffset, int bit) {
            return new FieldPointer(false, byteOffset, OptionalInt.of(bit));
        }

        /** A whole parameter-list byte (no bit pointer). */
        public static FieldPointer parameterByte(int byteOffset) {
            return new FieldPointer(false, byteOffset, OptionalInt.empty());
        }
    }

    /**
     * Actual retry count for RECOVERED ERROR, HARDWARE ERROR and MEDIUM ERROR (SPC-4 4.5.2.4.3).
     *
     * @param count the number of retries, 0-65535
     */
    record ActualRetryCount(int count) implements SenseKeySpecific {
        public ActualRetryCount {
            if (count < 0 || count > 0xFFFF) {
                throw new IllegalArgumentException("retry count out of range: " + count);
            }
        }
    }

    /**
     * Progress indication for NO SENSE and NOT READY (SPC-4 4.5.2.4.4): the fraction complete of a long
     * operation, as a numerator over 65536.
     *
     * @param progress 0-65535
     */
    record ProgressIndication(int progress) implements SenseKeySpecific {
        public ProgressIndication {
            if (progress < 0 || progress > 0xFFFF) {
                throw new IllegalArgumentException("progress out of range: " + progress);
            }
        }

        /** The progress as a percentage, 0.0 to just under 100.0. */
        public double percent() {
            return progress * 100.0 / 65536.0;
        }
    }

    /**
     * Segment pointer for COPY ABORTED (SPC-4 4.5.2.4.5): the byte (and bit) of the segment descriptor or of the
     * parameter list where the copy failed.
     *
     * @param segmentDescriptor the SD bit: {@code true} if the pointer is relative to the failing segment descriptor
     * @param fieldPointer      the byte offset
     * @param bitPointer        the bit, when BPV is set
     */
    record SegmentPointer(boolean segmentDescriptor, int fieldPointer, OptionalInt bitPointer)
            implements SenseKeySpecific {
        public SegmentPointer {
            if (fieldPointer < 0 || fieldPointer > 0xFFFF) {
                throw new IllegalArgumentException("field pointer out of range: " + fieldPointer);
            }
            bitPointer.ifPresent(b -> {
                if (b < 0 || b > 7) {
                    throw new IllegalArgumentException("bit pointer out of range: " + b);
                }
            });
        }
    }

    /**
     * Unit attention condition queue overflow for UNIT ATTENTION (SPC-4 4.5.2.4.6).
     *
     * @param overflow the OVERFLOW bit
     */
    record UnitAttentionQueueOverflow(boolean overflow) implements SenseKeySpecific {
    }

    /**
     * The 23 bits that follow SKSV, kept as they are, for sense keys whose sense-key-specific layout the standard
     * does not define (SPC-4 4.5.2.4.1).
     *
     * @param value 0-7FFFFFh: bits 6-0 of the first byte, then the second and third bytes
     */
    record Raw(int value) implements SenseKeySpecific {
        public Raw {
            if (value < 0 || value > 0x7FFFFF) {
                throw new IllegalArgumentException("sense key specific value out of range: " + value);
            }
        }
    }

    /**
     * Whether this variant is the one SPC-4 4.5.2.4.1 defines for the given sense key, so that it survives an
     * encode and decode unchanged.
     *
     * @param senseKey the sense key it would be reported with
     * @return {@code true} if the decoder interprets the field under {@code senseKey} as this variant
     */
    default boolean isDefinedFor(SenseKey senseKey) {
        return SenseKeySpecificField.variantFor(senseKey) == getClass();
    }
}
