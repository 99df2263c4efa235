package io.github.scsiemu.sbc.copy;

import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import io.github.scsiemu.spc.CheckConditionException;
import java.util.OptionalInt;

/**
 * The sense data of an EXTENDED COPY ended by an error while a segment descriptor was processed (SPC-4 third-party copy and
 * 4.5.2.4.5): sense key COPY ABORTED; the COMMAND-SPECIFIC INFORMATION holds, in its last two bytes, the number of
 * the segment (from zero) and, in its first two, the SOURCE and DESTINATION SENSE DATA OFFSET, zero here (the copy
 * target's own sense data is not appended); the sense key specific SEGMENT POINTER locates the field at fault,
 * relative to the segment descriptor (SD one) or to the parameter list (SD zero).
 */
final class CopyAborted {

    private CopyAborted() {
    }

    /**
     * COPY ABORTED for segment {@code segment}, with {@code asc} and a pointer at byte {@code field} (bit 7).
     *
     * @param relativeToSegment the SD bit: {@code field} counts from the segment descriptor's first byte
     */
    static CheckConditionException of(AdditionalSense asc, BlockToBlockSegment segment, boolean relativeToSegment,
            int field) {
        return new CheckConditionException(SenseData.of(SenseKey.COPY_ABORTED, asc)
                .withCommandSpecificInformation(segment.index())
                .withSenseKeySpecific(new SenseKeySpecific.SegmentPointer(relativeToSegment, field,
                        OptionalInt.of(7))));
    }

    /** A copy source or destination named by {@code segment} cannot be reached. */
    static CheckConditionException notReachable(BlockToBlockSegment segment, boolean relativeToSegment, int field) {
        return of(AdditionalSense.COPY_TARGET_DEVICE_NOT_REACHABLE, segment, relativeToSegment, field);
    }

    /**
     * A copy source or destination ended the READ or WRITE the copy manager issued for {@code segment} with CHECK
     * CONDITION (its LBA range, a medium error): NO ADDITIONAL SENSE INFORMATION, as when the copy target's sense
     * data follows, pointing at the segment's LOGICAL BLOCK ADDRESS field of that side.
     */
    static CheckConditionException copyTargetFailed(BlockToBlockSegment segment, int lbaField) {
        return of(AdditionalSense.NO_ADDITIONAL_SENSE_INFORMATION, segment, true, lbaField);
    }
}
