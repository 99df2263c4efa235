package io.github.scsiemu.sbc.copy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The limits of a copy manager, as RECEIVE COPY RESULTS with service action OPERATING PARAMETERS reports them
 * (SPC-4 RECEIVE COPY OPERATING PARAMETERS, RECEIVE COPY OPERATING PARAMETERS) and as EXTENDED COPY (LID1) enforces them (SPC-4 6.4.3).
 *
 * @param maximumCscdDescriptorCount     MAXIMUM CSCD DESCRIPTOR COUNT: more is TOO MANY TARGET DESCRIPTORS
 * @param maximumSegmentDescriptorCount  MAXIMUM SEGMENT DESCRIPTOR COUNT: more is TOO MANY SEGMENT DESCRIPTORS
 * @param maximumDescriptorListLength    MAXIMUM DESCRIPTOR LIST LENGTH, bytes of CSCD plus segment descriptors:
 *                                       more is PARAMETER LIST LENGTH ERROR
 * @param maximumSegmentLength           MAXIMUM SEGMENT LENGTH, bytes one segment descriptor may copy
 * @param totalConcurrentCopies          TOTAL CONCURRENT COPIES: EXTENDED COPY commands processed at once by the
 *                                       copy manager; one more is refused with INSUFFICIENT RESOURCES
 * @param implementedDescriptorTypeCodes the IMPLEMENTED DESCRIPTOR LIST, segment codes first, ascending
 */
public record OperatingParameters(int maximumCscdDescriptorCount, int maximumSegmentDescriptorCount,
        long maximumDescriptorListLength, long maximumSegmentLength, int totalConcurrentCopies,
        List<Integer> implementedDescriptorTypeCodes) {

    /** The block device to block device segment descriptor type code (SPC-4 6.4). */
    public static final int BLOCK_TO_BLOCK = 0x02;
    /** The identification CSCD descriptor type code (SPC-4 6.4). */
    public static final int IDENTIFICATION_DESCRIPTOR = 0xE4;

    /**
     * The limits of scsi-emu's copy manager: 16 CSCD and 64 segment descriptors, whose lengths (32 and 28 bytes)
     * give a descriptor list of at most 2304 bytes; 128 MiB per segment (a NUMBER OF BLOCKS of 65535 fits with
     * 512-byte blocks, 32768 with 4096-byte ones); 64 copies at once; no inline or held data.
     */
    public static final OperatingParameters DEFAULT = new OperatingParameters(16, 64, 16 * 32 + 64 * 28,
            128L << 20, 64, List.of(BLOCK_TO_BLOCK, IDENTIFICATION_DESCRIPTOR));

    public OperatingParameters {
        implementedDescriptorTypeCodes = List.copyOf(implementedDescriptorTypeCodes);
        if (maximumCscdDescriptorCount < 1 || maximumCscdDescriptorCount > 0xFFFF
                || maximumSegmentDescriptorCount < 1 || maximumSegmentDescriptorCount > 0xFFFF
                || maximumDescriptorListLength < 1 || maximumDescriptorListLength > 0xFFFF_FFFFL
                || maximumSegmentLength < 1 || maximumSegmentLength > 0xFFFF_FFFFL
                || totalConcurrentCopies < 1 || totalConcurrentCopies > 0xFF
                || implementedDescriptorTypeCodes.size() > 0xFF) {
            throw new IllegalArgumentException("operating parameter out of range");
        }
        Objects.requireNonNull(implementedDescriptorTypeCodes);
    }

    /**
     * The parameter data (SPC-4 RECEIVE COPY OPERATING PARAMETERS): AVAILABLE DATA; SNLID set (LIST ID USAGE 11b is supported); the
     * four maxima; MAXIMUM INLINE DATA LENGTH, HELD DATA LIMIT and MAXIMUM STREAM DEVICE TRANSFER SIZE zero; TOTAL
     * CONCURRENT COPIES and MAXIMUM CONCURRENT COPIES both the concurrency limit; the three granularities zero
     * (2^0 bytes); then the IMPLEMENTED DESCRIPTOR LIST LENGTH and the list.
     */
    public byte[] encode() {
        int n = implementedDescriptorTypeCodes.size();
        ByteBuffer b = ByteBuffer.allocate(44 + n);
        b.putInt(0, 40 + n);
        b.put(4, (byte) 0x01);
        b.putShort(8, (short) maximumCscdDescriptorCount);
        b.putShort(10, (short) maximumSegmentDescriptorCount);
        b.putInt(12, (int) maximumDescriptorListLength);
        b.putInt(16, (int) maximumSegmentLength);
        b.putShort(34, (short) totalConcurrentCopies);
        b.put(36, (byte) totalConcurrentCopies);
        b.put(43, (byte) n);
        for (int i = 0; i < n; i++) {
            b.put(44 + i, (byte) (int) implementedDescriptorTypeCodes.get(i));
        }
        return b.array();
    }
}
