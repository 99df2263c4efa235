package io.github.scsiemu.conformance.scsi;

/**
 * Builders for the CDBs the suites send, each laid out as its clause of SPC-4 or SBC-3 defines it. Only the fields
 * a suite needs are parameters; everything else is zero.
 */
public final class Cdbs {

    /** INQUIRY (SPC-4 6.6). */
    public static final int INQUIRY = 0x12;
    /** TEST UNIT READY (SPC-4 6.47). */
    public static final int TEST_UNIT_READY = 0x00;
    /** REQUEST SENSE (SPC-4 6.39). */
    public static final int REQUEST_SENSE = 0x03;
    /** REPORT LUNS (SPC-4 6.33). */
    public static final int REPORT_LUNS = 0xA0;
    /** MODE SENSE(6) (SPC-4 6.13). */
    public static final int MODE_SENSE_6 = 0x1A;
    /** MODE SENSE(10) (SPC-4 6.14). */
    public static final int MODE_SENSE_10 = 0x5A;
    /** MODE SELECT(6) (SPC-4 6.11). */
    public static final int MODE_SELECT_6 = 0x15;
    /** MODE SELECT(10) (SPC-4 6.12). */
    public static final int MODE_SELECT_10 = 0x55;
    /** MAINTENANCE IN (SPC-4 6.35 for its REPORT SUPPORTED OPERATION CODES service action). */
    public static final int MAINTENANCE_IN = 0xA3;
    /** The REPORT SUPPORTED OPERATION CODES service action of MAINTENANCE IN. */
    public static final int REPORT_SUPPORTED_OPERATION_CODES = 0x0C;
    /** READ CAPACITY(10) (SBC-3 5.15). */
    public static final int READ_CAPACITY_10 = 0x25;
    /** READ(10) (SBC-3 5.9). */
    public static final int READ_10 = 0x28;

    private Cdbs() {
    }

    /**
     * INQUIRY: EVPD in byte 1 bit 0, PAGE CODE in byte 2, ALLOCATION LENGTH in bytes 3-4.
     *
     * @param evpd             the EVPD bit
     * @param pageCode         the page code
     * @param allocationLength 0-65535
     * @return the six-byte CDB
     */
    public static byte[] inquiry(boolean evpd, int pageCode, int allocationLength) {
        byte[] cdb = new byte[6];
        cdb[0] = INQUIRY;
        cdb[1] = (byte) (evpd ? 1 : 0);
        cdb[2] = (byte) pageCode;
        Bytes.put(cdb, 3, 2, allocationLength);
        return cdb;
    }

    /**
     * TEST UNIT READY.
     *
     * @return the six-byte CDB
     */
    public static byte[] testUnitReady() {
        return new byte[6];
    }

    /**
     * REQUEST SENSE: DESC in byte 1 bit 0, ALLOCATION LENGTH in byte 4.
     *
     * @param descriptorFormat the DESC bit
     * @param allocationLength 0-255
     * @return the six-byte CDB
     */
    public static byte[] requestSense(boolean descriptorFormat, int allocationLength) {
        byte[] cdb = new byte[6];
        cdb[0] = REQUEST_SENSE;
        cdb[1] = (byte) (descriptorFormat ? 1 : 0);
        cdb[4] = (byte) allocationLength;
        return cdb;
    }

    /**
     * REPORT LUNS: SELECT REPORT in byte 2, ALLOCATION LENGTH in bytes 6-9.
     *
     * @param selectReport     the SELECT REPORT code
     * @param allocationLength the allocation length
     * @return the twelve-byte CDB
     */
    public static byte[] reportLuns(int selectReport, long allocationLength) {
        byte[] cdb = new byte[12];
        cdb[0] = (byte) REPORT_LUNS;
        cdb[2] = (byte) selectReport;
        Bytes.put(cdb, 6, 4, allocationLength);
        return cdb;
    }

    /**
     * REPORT SUPPORTED OPERATION CODES: REPORTING OPTIONS in byte 2 bits 2-0, REQUESTED OPERATION CODE in byte 3,
     * REQUESTED SERVICE ACTION in bytes 4-5, ALLOCATION LENGTH in bytes 6-9.
     *
     * @param reportingOptions the reporting options (000b all commands, 001b one command, 010b one command with a
     *                         service action)
     * @param operationCode    the requested operation code
     * @param serviceAction    the requested service action
     * @param allocationLength the allocation length
     * @return the twelve-byte CDB
     */
    public static byte[] reportSupportedOperationCodes(int reportingOptions, int operationCode, int serviceAction,
            long allocationLength) {
        byte[] cdb = new byte[12];
        cdb[0] = (byte) MAINTENANCE_IN;
        cdb[1] = REPORT_SUPPORTED_OPERATION_CODES;
        cdb[2] = (byte) reportingOptions;
        cdb[3] = (byte) operationCode;
        Bytes.put(cdb, 4, 2, serviceAction);
        Bytes.put(cdb, 6, 4, allocationLength);
        return cdb;
    }

    /**
     * MODE SENSE(6): DBD in byte 1 bit 3, PC in byte 2 bits 7-6, PAGE CODE in bits 5-0, SUBPAGE CODE in byte 3,
     * ALLOCATION LENGTH in byte 4.
     *
     * @param dbd              disable block descriptors
     * @param pageControl      the PC field (0 current, 1 changeable, 2 default, 3 saved)
     * @param pageCode         the page code
     * @param subpageCode      the subpage code
     * @param allocationLength 0-255
     * @return the six-byte CDB
     */
    public static byte[] modeSense6(boolean dbd, int pageControl, int pageCode, int subpageCode,
            int allocationLength) {
        byte[] cdb = new byte[6];
        cdb[0] = MODE_SENSE_6;
        cdb[1] = (byte) (dbd ? 0x08 : 0);
        cdb[2] = (byte) ((pageControl << 6) | (pageCode & 0x3F));
        cdb[3] = (byte) subpageCode;
        cdb[4] = (byte) allocationLength;
        return cdb;
    }

    /**
     * MODE SENSE(10): as {@link #modeSense6} with the ALLOCATION LENGTH in bytes 7-8.
     *
     * @param dbd              disable block descriptors
     * @param pageControl      the PC field
     * @param pageCode         the page code
     * @param subpageCode      the subpage code
     * @param allocationLength 0-65535
     * @return the ten-byte CDB
     */
    public static byte[] modeSense10(boolean dbd, int pageControl, int pageCode, int subpageCode,
            int allocationLength) {
        byte[] cdb = new byte[10];
        cdb[0] = MODE_SENSE_10;
        cdb[1] = (byte) (dbd ? 0x08 : 0);
        cdb[2] = (byte) ((pageControl << 6) | (pageCode & 0x3F));
        cdb[3] = (byte) subpageCode;
        Bytes.put(cdb, 7, 2, allocationLength);
        return cdb;
    }

    /**
     * MODE SELECT(6) with PF=1, SP=0: PARAMETER LIST LENGTH in byte 4.
     *
     * @param parameterListLength 0-255
     * @return the six-byte CDB
     */
    public static byte[] modeSelect6(int parameterListLength) {
        byte[] cdb = new byte[6];
        cdb[0] = MODE_SELECT_6;
        cdb[1] = 0x10;
        cdb[4] = (byte) parameterListLength;
        return cdb;
    }

    /**
     * MODE SELECT(10) with PF=1, SP=0: PARAMETER LIST LENGTH in bytes 7-8.
     *
     * @param parameterListLength 0-65535
     * @return the ten-byte CDB
     */
    public static byte[] modeSelect10(int parameterListLength) {
        byte[] cdb = new byte[10];
        cdb[0] = MODE_SELECT_10;
        cdb[1] = 0x10;
        Bytes.put(cdb, 7, 2, parameterListLength);
        return cdb;
    }

    /**
     * READ CAPACITY(10).
     *
     * @return the ten-byte CDB
     */
    public static byte[] readCapacity10() {
        byte[] cdb = new byte[10];
        cdb[0] = READ_CAPACITY_10;
        return cdb;
    }

    /**
     * READ(10): LOGICAL BLOCK ADDRESS in bytes 2-5, TRANSFER LENGTH in bytes 7-8.
     *
     * @param lba    the first block
     * @param blocks the number of blocks
     * @return the ten-byte CDB
     */
    public static byte[] read10(long lba, int blocks) {
        byte[] cdb = new byte[10];
        cdb[0] = READ_10;
        Bytes.put(cdb, 2, 4, lba);
        Bytes.put(cdb, 7, 2, blocks);
        return cdb;
    }

    /**
     * The CDB length the group code of an operation code implies (SPC-4 4.2.5.1): 6, 10, 10, none, 16, 12, and none
     * for the vendor-specific groups; 16 where the group implies none, enough for any fixed-length CDB.
     *
     * @param operationCode the operation code
     * @return the length to send
     */
    public static int lengthForGroup(int operationCode) {
        switch (operationCode >>> 5) {
            case 0:
                return 6;
            case 1:
            case 2:
                return 10;
            case 4:
                return 16;
            case 5:
                return 12;
            default:
                return 16;
        }
    }
}
