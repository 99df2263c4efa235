package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.conformance.catalog.SupportedCommand;
import io.github.scsiemu.conformance.scsi.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where SBC-4 puts the LOGICAL BLOCK ADDRESS and the length field (TRANSFER LENGTH, VERIFICATION LENGTH, NUMBER OF
 * LOGICAL BLOCKS, PREFETCH LENGTH) of a command that addresses logical blocks, and what data-out it takes. The CDB
 * USAGE DATA of REPORT SUPPORTED OPERATION CODES says which bits a command uses but not what they mean, so the
 * meaning comes from the standard: this table is SBC-4 clause 5, not any implementation's internals.
 *
 * @param name          the command's name in SBC-4
 * @param clause        its clause in SBC-4
 * @param operationCode the OPERATION CODE
 * @param serviceAction the SERVICE ACTION, for commands that have one
 * @param cdbLength     the CDB length
 * @param lbaOffset     the first byte of the LOGICAL BLOCK ADDRESS
 * @param lbaBits       the width of the LOGICAL BLOCK ADDRESS in bits (21, 32 or 64), ending at a byte boundary
 * @param lengthOffset  the first byte of the length field, or -1 if the command has none
 * @param lengthBytes   the width of the length field in bytes, 0 if none
 * @param dataOut       the data-out the command takes
 */
public record SbcCdbLayout(String name, String clause, int operationCode, OptionalInt serviceAction, int cdbLength,
        int lbaOffset, int lbaBits, int lengthOffset, int lengthBytes, DataOut dataOut) {

    /** What a command of the table transfers from the application client. */
    public enum DataOut {
        /** Nothing (READ, VERIFY with BYTCHK=00b, PRE-FETCH, SYNCHRONIZE CACHE, GET LBA STATUS). */
        NONE,
        /** One logical block per block of the length field (WRITE, WRITE AND VERIFY, ORWRITE, WRITE ATOMIC). */
        BLOCKS,
        /** Two logical blocks per block of the length field: the verify and write instances (COMPARE AND WRITE). */
        TWICE_THE_BLOCKS,
        /** One logical block whatever the length field (WRITE SAME). */
        ONE_BLOCK
    }

    /** The length of the GET LBA STATUS parameter data the suite asks for: header and one descriptor. */
    static final int GET_LBA_STATUS_ALLOCATION = 24;

    public SbcCdbLayout {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(serviceAction, "serviceAction");
        Objects.requireNonNull(dataOut, "dataOut");
    }

    private static SbcCdbLayout of(String name, String clause, int op, int cdbLength, int lbaOffset, int lbaBits,
            int lengthOffset, int lengthBytes, DataOut dataOut) {
        return new SbcCdbLayout(name, clause, op, OptionalInt.empty(), cdbLength, lbaOffset, lbaBits, lengthOffset,
                lengthBytes, dataOut);
    }

    /** READ (6), SBC-4 5.15. */
    public static final SbcCdbLayout READ_6 = of("READ(6)", "SBC-4 5.15", 0x08, 6, 1, 21, 4, 1, DataOut.NONE);
    /** READ (10), SBC-4 5.16. */
    public static final SbcCdbLayout READ_10 = of("READ(10)", "SBC-4 5.16", 0x28, 10, 2, 32, 7, 2, DataOut.NONE);
    /** READ (12), SBC-4 5.17. */
    public static final SbcCdbLayout READ_12 = of("READ(12)", "SBC-4 5.17", 0xA8, 12, 2, 32, 6, 4, DataOut.NONE);
    /** READ (16), SBC-4 5.18. */
    public static final SbcCdbLayout READ_16 = of("READ(16)", "SBC-4 5.18", 0x88, 16, 2, 64, 10, 4, DataOut.NONE);
    /** WRITE (6), SBC-4 5.39. */
    public static final SbcCdbLayout WRITE_6 = of("WRITE(6)", "SBC-4 5.39", 0x0A, 6, 1, 21, 4, 1, DataOut.BLOCKS);
    /** WRITE (10), SBC-4 5.40. */
    public static final SbcCdbLayout WRITE_10 = of("WRITE(10)", "SBC-4 5.40", 0x2A, 10, 2, 32, 7, 2,
            DataOut.BLOCKS);
    /** WRITE (12), SBC-4 5.41. */
    public static final SbcCdbLayout WRITE_12 = of("WRITE(12)", "SBC-4 5.41", 0xAA, 12, 2, 32, 6, 4,
            DataOut.BLOCKS);
    /** WRITE (16), SBC-4 5.42. */
    public static final SbcCdbLayout WRITE_16 = of("WRITE(16)", "SBC-4 5.42", 0x8A, 16, 2, 64, 10, 4,
            DataOut.BLOCKS);
    /** WRITE AND VERIFY (10), SBC-4 5.43, with BYTCHK=00b. */
    public static final SbcCdbLayout WRITE_AND_VERIFY_10 = of("WRITE AND VERIFY(10)", "SBC-4 5.43", 0x2E, 10, 2,
            32, 7, 2, DataOut.BLOCKS);
    /** WRITE AND VERIFY (12), SBC-4 5.44, with BYTCHK=00b. */
    public static final SbcCdbLayout WRITE_AND_VERIFY_12 = of("WRITE AND VERIFY(12)", "SBC-4 5.44", 0xAE, 12, 2,
            32, 6, 4, DataOut.BLOCKS);
    /** WRITE AND VERIFY (16), SBC-4 5.45, with BYTCHK=00b. */
    public static final SbcCdbLayout WRITE_AND_VERIFY_16 = of("WRITE AND VERIFY(16)", "SBC-4 5.45", 0x8E, 16, 2,
            64, 10, 4, DataOut.BLOCKS);
    /** VERIFY (10), SBC-4 5.37, with BYTCHK=00b. */
    public static final SbcCdbLayout VERIFY_10 = of("VERIFY(10)", "SBC-4 5.37", 0x2F, 10, 2, 32, 7, 2,
            DataOut.NONE);
    /** VERIFY (12), SBC-4 5.38, with BYTCHK=00b. */
    public static final SbcCdbLayout VERIFY_12 = of("VERIFY(12)", "SBC-4 5.38", 0xAF, 12, 2, 32, 6, 4,
            DataOut.NONE);
    /** VERIFY (16), SBC-4 5.39, with BYTCHK=00b. */
    public static final SbcCdbLayout VERIFY_16 = of("VERIFY(16)", "SBC-4 5.39", 0x8F, 16, 2, 64, 10, 4,
            DataOut.NONE);
    /** ORWRITE (16), SBC-4 5.7. */
    public static final SbcCdbLayout ORWRITE_16 = of("ORWRITE(16)", "SBC-4 5.7", 0x8B, 16, 2, 64, 10, 4,
            DataOut.BLOCKS);
    /** COMPARE AND WRITE, SBC-4 5.3: NUMBER OF LOGICAL BLOCKS in byte 13. */
    public static final SbcCdbLayout COMPARE_AND_WRITE = of("COMPARE AND WRITE", "SBC-4 5.3", 0x89, 16, 2, 64, 13,
            1, DataOut.TWICE_THE_BLOCKS);
    /** WRITE ATOMIC (16), SBC-4 5.48: ATOMIC BOUNDARY in bytes 10-11 (left zero), TRANSFER LENGTH in 12-13. */
    public static final SbcCdbLayout WRITE_ATOMIC_16 = of("WRITE ATOMIC(16)", "SBC-4 5.48", 0x9C, 16, 2, 64, 12, 2,
            DataOut.BLOCKS);
    /** WRITE SAME (10), SBC-4 5.49. */
    public static final SbcCdbLayout WRITE_SAME_10 = of("WRITE SAME(10)", "SBC-4 5.49", 0x41, 10, 2, 32, 7, 2,
            DataOut.ONE_BLOCK);
    /** WRITE SAME (16), SBC-4 5.50. */
    public static final SbcCdbLayout WRITE_SAME_16 = of("WRITE SAME(16)", "SBC-4 5.50", 0x93, 16, 2, 64, 10, 4,
            DataOut.ONE_BLOCK);
    /** PRE-FETCH (10), SBC-4 5.10. */
    public static final SbcCdbLayout PRE_FETCH_10 = of("PRE-FETCH(10)", "SBC-4 5.10", 0x34, 10, 2, 32, 7, 2,
            DataOut.NONE);
    /** PRE-FETCH (16), SBC-4 5.11. */
    public static final SbcCdbLayout PRE_FETCH_16 = of("PRE-FETCH(16)", "SBC-4 5.11", 0x90, 16, 2, 64, 10, 4,
            DataOut.NONE);
    /** SYNCHRONIZE CACHE (10), SBC-4 5.32. */
    public static final SbcCdbLayout SYNCHRONIZE_CACHE_10 = of("SYNCHRONIZE CACHE(10)", "SBC-4 5.32", 0x35, 10, 2,
            32, 7, 2, DataOut.NONE);
    /** SYNCHRONIZE CACHE (16), SBC-4 5.33. */
    public static final SbcCdbLayout SYNCHRONIZE_CACHE_16 = of("SYNCHRONIZE CACHE(16)", "SBC-4 5.33", 0x91, 16, 2,
            64, 10, 4, DataOut.NONE);
    /** GET LBA STATUS, SBC-4 5.8: service action 12h of 9Eh, STARTING LOGICAL BLOCK ADDRESS, no length field. */
    public static final SbcCdbLayout GET_LBA_STATUS = new SbcCdbLayout("GET LBA STATUS", "SBC-4 5.8", 0x9E,
            OptionalInt.of(0x12), 16, 2, 64, -1, 0, DataOut.NONE);

    /** Every command of the table. */
    public static final List<SbcCdbLayout> ALL = List.of(READ_6, READ_10, READ_12, READ_16, WRITE_6, WRITE_10,
            WRITE_12, WRITE_16, WRITE_AND_VERIFY_10, WRITE_AND_VERIFY_12, WRITE_AND_VERIFY_16, VERIFY_10, VERIFY_12,
            VERIFY_16, ORWRITE_16, COMPARE_AND_WRITE, WRITE_ATOMIC_16, WRITE_SAME_10, WRITE_SAME_16, PRE_FETCH_10,
            PRE_FETCH_16, SYNCHRONIZE_CACHE_10, SYNCHRONIZE_CACHE_16, GET_LBA_STATUS);

    /** The READ commands, shortest CDB first. */
    public static final List<SbcCdbLayout> READS = List.of(READ_6, READ_10, READ_12, READ_16);
    /** The WRITE commands, shortest CDB first. */
    public static final List<SbcCdbLayout> WRITES = List.of(WRITE_6, WRITE_10, WRITE_12, WRITE_16);
    /** The VERIFY commands. */
    public static final List<SbcCdbLayout> VERIFIES = List.of(VERIFY_10, VERIFY_12, VERIFY_16);

    /**
     * The layout of a command the logical unit lists, if the table has it.
     *
     * @param command the listed command
     * @return its layout
     */
    public static Optional<SbcCdbLayout> of(SupportedCommand command) {
        return ALL.stream().filter(l -> l.operationCode == command.operationCode()
                && l.serviceAction.equals(command.serviceAction())).findFirst();
    }

    /** Whether the listed command is this one. */
    boolean is(SupportedCommand command) {
        return operationCode == command.operationCode() && serviceAction.equals(command.serviceAction());
    }

    /** The largest LOGICAL BLOCK ADDRESS the CDB can hold, unsigned (-1 for a 64-bit field). */
    public long maximumLba() {
        return lbaBits == 64 ? -1L : (1L << lbaBits) - 1;
    }

    /** The largest value of the length field (0 if there is none). */
    public long maximumLength() {
        return lengthBytes == 0 ? 0 : lengthBytes == 8 ? -1L : (1L << (8 * lengthBytes)) - 1;
    }

    /** Whether the command changes logical blocks. */
    public boolean writes() {
        return dataOut != DataOut.NONE;
    }

    /**
     * The CDB addressing {@code blocks} blocks from {@code lba}; every other field zero (BYTCHK=00b, no UNMAP, no
     * FUA), except the service action and, for GET LBA STATUS, an allocation length of one descriptor.
     *
     * @param lba    the LOGICAL BLOCK ADDRESS, unsigned, at most {@link #maximumLba()}
     * @param blocks the length field, at most {@link #maximumLength()}
     * @return the CDB
     */
    public byte[] cdb(long lba, long blocks) {
        byte[] cdb = new byte[cdbLength];
        cdb[0] = (byte) operationCode;
        serviceAction.ifPresent(sa -> cdb[1] = (byte) sa);
        int lbaBytes = (lbaBits + 7) / 8;
        Bytes.put(cdb, lbaOffset, lbaBytes, lba);
        if (lbaBits % 8 != 0) {
            cdb[lbaOffset] &= (byte) ((1 << (lbaBits % 8)) - 1);
        }
        if (lengthBytes > 0) {
            Bytes.put(cdb, lengthOffset, lengthBytes, blocks);
        }
        if (this == GET_LBA_STATUS) {
            Bytes.put(cdb, 10, 4, GET_LBA_STATUS_ALLOCATION);
        }
        return cdb;
    }

    /** The data-in buffer size for {@code blocks} blocks of {@code blockLength} bytes. */
    int dataInLength(long blocks, int blockLength) {
        if (this == GET_LBA_STATUS) {
            return GET_LBA_STATUS_ALLOCATION;
        }
        return READS.contains(this) ? Math.toIntExact(blocks * blockLength) : 0;
    }

    /** The data-out length for {@code blocks} blocks of {@code blockLength} bytes. */
    int dataOutLength(long blocks, int blockLength) {
        return Math.toIntExact(switch (dataOut) {
            case NONE -> 0L;
            case BLOCKS -> blocks * blockLength;
            case TWICE_THE_BLOCKS -> 2 * blocks * blockLength;
            case ONE_BLOCK -> (long) blockLength;
        });
    }

    @Override
    public String toString() {
        return name;
    }
}
