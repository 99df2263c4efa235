package io.github.scsiemu.spc.log;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded data counter log parameter (SPC-4 7.3.2.2.2.2, FORMAT AND LINKING 00b): a binary count the device
 * increments as events happen. It stops at its maximum value rather than wrapping, returns to zero when LOG SELECT
 * resets cumulative values, and LOG SELECT may set it. Thread-safe.
 */
public final class LogCounter implements LogParameter {

    private final int parameterCode;
    private final int length;
    private final long max;
    private final AtomicLong count = new AtomicLong();

    /**
     * @param parameterCode the PARAMETER CODE
     * @param length        the PARAMETER LENGTH in bytes, 1-8
     */
    public LogCounter(int parameterCode, int length) {
        if (parameterCode < 0 || parameterCode > 0xFFFF || length < 1 || length > 8) {
            throw new IllegalArgumentException("parameter code or length out of range");
        }
        this.parameterCode = parameterCode;
        this.length = length;
        this.max = length == 8 ? Long.MAX_VALUE : (1L << (8 * length)) - 1;
    }

    /** Adds {@code n} events, saturating at the counter's maximum. */
    public void add(long n) {
        count.accumulateAndGet(n, (a, b) -> b > max - a ? max : a + b);
    }

    /** Adds one event. */
    public void increment() {
        add(1);
    }

    /** The count. */
    public long get() {
        return count.get();
    }

    @Override
    public int parameterCode() {
        return parameterCode;
    }

    @Override
    public LogParameterControl control() {
        return LogParameterControl.of(LogParameterControl.BOUNDED_DATA_COUNTER);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public byte[] value() {
        byte[] b = new byte[length];
        long v = count.get();
        for (int i = length - 1; i >= 0; i--, v >>>= 8) {
            b[i] = (byte) v;
        }
        return b;
    }

    @Override
    public boolean resettable() {
        return true;
    }

    @Override
    public void reset() {
        count.set(0);
    }

    @Override
    public boolean changeable() {
        return true;
    }

    @Override
    public void set(byte[] value) {
        long v = 0;
        for (byte b : value) {
            v = (v << 8) | (b & 0xFF);
        }
        count.set(Math.min(v & Long.MAX_VALUE, max));
    }
}
