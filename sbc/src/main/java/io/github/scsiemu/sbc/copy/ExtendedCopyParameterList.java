package io.github.scsiemu.sbc.copy;

import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import io.github.scsiemu.spc.CheckConditionException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameter list of EXTENDED COPY (LID1) (SPC-4 6.4.3) as far as this copy manager accepts it: the
 * 16-byte header (LIST IDENTIFIER; STR, LIST ID USAGE and PRIORITY in byte 1; CSCD DESCRIPTOR LIST LENGTH in bytes
 * 2-3; SEGMENT DESCRIPTOR LIST LENGTH in bytes 8-11; INLINE DATA LENGTH in bytes 12-15), the CSCD descriptors and
 * the segment descriptors.
 *
 * @param listIdentifier    the LIST IDENTIFIER
 * @param sequentialStriped the STR bit (a hint, accepted)
 * @param listIdUsage       the LIST ID USAGE
 * @param priority          the PRIORITY (accepted; copies are not reordered)
 * @param cscdDescriptors   the CSCD descriptors, in order: a segment names them by position
 * @param segments          the segment descriptors, in order
 */
public record ExtendedCopyParameterList(int listIdentifier, boolean sequentialStriped, ListIdUsage listIdUsage,
        int priority, List<IdentificationDescriptor> cscdDescriptors, List<BlockToBlockSegment> segments) {

    /** The length of the header. */
    public static final int HEADER_LENGTH = 16;

    public ExtendedCopyParameterList {
        cscdDescriptors = List.copyOf(cscdDescriptors);
        segments = List.copyOf(segments);
    }

    /**
     * Decodes and checks a parameter list, ending the command at the first problem, in this order (each ILLEGAL
     * REQUEST):
     * <ol>
     * <li>fewer than 16 bytes: PARAMETER LIST LENGTH ERROR;</li>
     * <li>LIST ID USAGE 01b (reserved): INVALID FIELD IN PARAMETER LIST at byte 1 bit 4;</li>
     * <li>CSCD plus segment descriptor list lengths above the MAXIMUM DESCRIPTOR LIST LENGTH: PARAMETER LIST LENGTH
     * ERROR;</li>
     * <li>INLINE DATA LENGTH above the MAXIMUM INLINE DATA LENGTH (zero): INVALID FIELD IN PARAMETER LIST at byte
     * 12;</li>
     * <li>the header's lengths reach past the parameter list received: PARAMETER LIST LENGTH ERROR;</li>
     * <li>more CSCD descriptors than the MAXIMUM CSCD DESCRIPTOR COUNT: TOO MANY TARGET DESCRIPTORS; a CSCD
     * DESCRIPTOR LIST LENGTH that is not a multiple of 32: INVALID FIELD IN PARAMETER LIST at byte 2;</li>
     * <li>each CSCD descriptor in turn: a type code other than E4h is UNSUPPORTED TARGET DESCRIPTOR TYPE CODE with
     * the field pointer at the type code, then the checks of {@link IdentificationDescriptor};</li>
     * <li>each segment descriptor in turn: a DESCRIPTOR LENGTH reaching past the list is INVALID FIELD IN PARAMETER
     * LIST at it; one more than the MAXIMUM SEGMENT DESCRIPTOR COUNT is TOO MANY SEGMENT DESCRIPTORS; a type code
     * other than 02h is UNSUPPORTED SEGMENT DESCRIPTOR TYPE CODE at the type code; a DESCRIPTOR LENGTH other than
     * 0018h is INVALID FIELD IN PARAMETER LIST at it.</li>
     * </ol>
     *
     * @param list   the parameter list as received (at most PARAMETER LIST LENGTH bytes)
     * @param limits the copy manager's limits
     */
    public static ExtendedCopyParameterList decode(byte[] list, OperatingParameters limits) {
        if (list.length < HEADER_LENGTH) {
            throw parameterListLengthError();
        }
        ByteBuffer b = ByteBuffer.wrap(list);
        ListIdUsage usage = ListIdUsage.of((list[1] >> 3) & 0x3)
                .orElseThrow(() -> CheckConditionException.invalidParameter(1, 4));
        long cscdLength = b.getShort(2) & 0xFFFF;
        long segmentLength = b.getInt(8) & 0xFFFF_FFFFL;
        long inlineLength = b.getInt(12) & 0xFFFF_FFFFL;
        if (cscdLength + segmentLength > limits.maximumDescriptorListLength()) {
            throw parameterListLengthError();
        }
        if (inlineLength > 0) {
            throw CheckConditionException.invalidParameter(12, 7);
        }
        if (HEADER_LENGTH + cscdLength + segmentLength + inlineLength > list.length) {
            throw parameterListLengthError();
        }
        List<IdentificationDescriptor> cscds = cscdDescriptors(list, (int) cscdLength, limits);
        List<BlockToBlockSegment> segments = segmentDescriptors(list, HEADER_LENGTH + (int) cscdLength,
                (int) segmentLength, limits);
        return new ExtendedCopyParameterList(list[0] & 0xFF, (list[1] & 0x20) != 0, usage, list[1] & 0x07, cscds,
                segments);
    }

    private static List<IdentificationDescriptor> cscdDescriptors(byte[] list, int length,
            OperatingParameters limits) {
        if (length / IdentificationDescriptor.LENGTH > limits.maximumCscdDescriptorCount()) {
            throw illegal(AdditionalSense.TOO_MANY_TARGET_DESCRIPTORS, 2);
        }
        if (length % IdentificationDescriptor.LENGTH != 0) {
            throw CheckConditionException.invalidParameter(2, 7);
        }
        List<IdentificationDescriptor> cscds = new ArrayList<>();
        for (int at = HEADER_LENGTH; at < HEADER_LENGTH + length; at += IdentificationDescriptor.LENGTH) {
            if ((list[at] & 0xFF) != OperatingParameters.IDENTIFICATION_DESCRIPTOR) {
                throw illegal(AdditionalSense.UNSUPPORTED_TARGET_DESCRIPTOR_TYPE_CODE, at);
            }
            cscds.add(IdentificationDescriptor.decode(list, at));
        }
        return cscds;
    }

    private static List<BlockToBlockSegment> segmentDescriptors(byte[] list, int start, int length,
            OperatingParameters limits) {
        List<BlockToBlockSegment> segments = new ArrayList<>();
        int end = start + length;
        int at = start;
        while (at < end) {
            if (end - at < 4) {
                throw CheckConditionException.invalidParameter(8, 7);
            }
            int descriptorLength = ((list[at + 2] & 0xFF) << 8) | (list[at + 3] & 0xFF);
            if (descriptorLength + 4 > end - at) {
                throw CheckConditionException.invalidParameter(at + 2, 7);
            }
            if (segments.size() == limits.maximumSegmentDescriptorCount()) {
                throw illegal(AdditionalSense.TOO_MANY_SEGMENT_DESCRIPTORS, 8);
            }
            if ((list[at] & 0xFF) != OperatingParameters.BLOCK_TO_BLOCK) {
                throw illegal(AdditionalSense.UNSUPPORTED_SEGMENT_DESCRIPTOR_TYPE_CODE, at);
            }
            if (descriptorLength != BlockToBlockSegment.DESCRIPTOR_LENGTH) {
                throw CheckConditionException.invalidParameter(at + 2, 7);
            }
            segments.add(BlockToBlockSegment.decode(list, at, segments.size()));
            at += BlockToBlockSegment.LENGTH;
        }
        return segments;
    }

    private static CheckConditionException parameterListLengthError() {
        return CheckConditionException.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
    }

    /** ILLEGAL REQUEST with {@code asc} and a field pointer at byte {@code at} of the parameter list. */
    private static CheckConditionException illegal(AdditionalSense asc, int at) {
        return new CheckConditionException(SenseData.of(SenseKey.ILLEGAL_REQUEST, asc)
                .withSenseKeySpecific(SenseKeySpecific.FieldPointer.parameter(at, 7)));
    }
}
