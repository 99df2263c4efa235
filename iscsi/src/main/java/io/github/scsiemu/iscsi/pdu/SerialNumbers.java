package io.github.scsiemu.iscsi.pdu;

/**
 * Serial number arithmetic on 32-bit sequence numbers (RFC 7143 4.2.2.1 referring to RFC 1982): CmdSN, StatSN,
 * DataSN and R2TSN compare modulo 2^32.
 */
public final class SerialNumbers {
    private SerialNumbers() {
    }

    /** Whether {@code a} is before {@code b}. */
    public static boolean lessThan(int a, int b) {
        return a != b && (a - b) < 0;
    }

    /** Whether {@code a} is before or equal to {@code b}. */
    public static boolean lessOrEqual(int a, int b) {
        return a == b || lessThan(a, b);
    }

    /** Whether {@code value} lies in the window [{@code low}, {@code high}]. */
    public static boolean inWindow(int value, int low, int high) {
        return lessOrEqual(low, value) && lessOrEqual(value, high);
    }
}
