package io.github.scsiemu.sense;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The wire form of the SENSE KEY SPECIFIC field: SKSV and 23 bits, interpreted per sense key (SPC-4 4.5.2.4).
 * Shared by the fixed format (bytes 15-17) and the sense key specific sense data descriptor (bytes 4-6).
 */
final class SenseKeySpecificField {

    private static final int SKSV = 0x800000;
    private static final int C_D = 0x400000;
    private static final int SD = 0x200000;
    private static final int BPV = 0x080000;

    private SenseKeySpecificField() {
    }

    /** The variant the decoder produces for a sense key. */
    static Class<? extends SenseKeySpecific> variantFor(SenseKey key) {
        return switch (key) {
            case ILLEGAL_REQUEST -> SenseKeySpecific.FieldPointer.class;
            case NO_SENSE, NOT_READY -> SenseKeySpecific.ProgressIndication.class;
            case RECOVERED_ERROR, MEDIUM_ERROR, HARDWARE_ERROR -> SenseKeySpecific.ActualRetryCount.class;
            case COPY_ABORTED -> SenseKeySpecific.SegmentPointer.class;
            case UNIT_ATTENTION -> SenseKeySpecific.UnitAttentionQueueOverflow.class;
            default -> SenseKeySpecific.Raw.class;
        };
    }

    /** The three bytes as one 24-bit big-endian value, SKSV set. */
    static int encode(SenseKeySpecific value) {
        int bits;
        if (value instanceof SenseKeySpecific.FieldPointer p) {
            bits = (p.inCdb() ? C_D : 0) | bitPointer(p.bitPointer()) | p.fieldPointer();
        } else if (value instanceof SenseKeySpecific.SegmentPointer p) {
            bits = (p.segmentDescriptor() ? SD : 0) | bitPointer(p.bitPointer()) | p.fieldPointer();
        } else if (value instanceof SenseKeySpecific.ProgressIndication p) {
            bits = p.progress();
        } else if (value instanceof SenseKeySpecific.ActualRetryCount c) {
            bits = c.count();
        } else if (value instanceof SenseKeySpecific.UnitAttentionQueueOverflow o) {
            bits = o.overflow() ? 1 : 0;
        } else {
            bits = ((SenseKeySpecific.Raw) value).value();
        }
        return SKSV | bits;
    }

    private static int bitPointer(OptionalInt bit) {
        return bit.isPresent() ? BPV | bit.getAsInt() << 16 : 0;
    }

    /**
     * Interprets three bytes under a sense key; empty if SKSV is zero. Reserved bits are ignored.
     *
     * @param field the three bytes as a 24-bit big-endian value
     */
    static Optional<SenseKeySpecific> decode(SenseKey key, int field) {
        if ((field & SKSV) == 0) {
            return Optional.empty();
        }
        int low16 = field & 0xFFFF;
        OptionalInt bit = (field & BPV) != 0 ? OptionalInt.of(field >> 16 & 7) : OptionalInt.empty();
        return Optional.of(switch (key) {
            case ILLEGAL_REQUEST -> new SenseKeySpecific.FieldPointer((field & C_D) != 0, low16, bit);
            case NO_SENSE, NOT_READY -> new SenseKeySpecific.ProgressIndication(low16);
            case RECOVERED_ERROR, MEDIUM_ERROR, HARDWARE_ERROR -> new SenseKeySpecific.ActualRetryCount(low16);
            case COPY_ABORTED -> new SenseKeySpecific.SegmentPointer((field & SD) != 0, low16, bit);
            case UNIT_ATTENTION -> new SenseKeySpecific.UnitAttentionQueueOverflow((field & 1) != 0);
            default -> new SenseKeySpecific.Raw(field & 0x7FFFFF);
        });
    }
}
