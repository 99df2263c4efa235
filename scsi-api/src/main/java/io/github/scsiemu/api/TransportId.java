package io.github.scsiemu.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A TransportID: the protocol-specific identity of an initiator port as it appears in persistent reservation
 * parameter data (SPC-4 7.6.4). Modelled for iSCSI (both formats), Fibre Channel and SAS.
 */
public sealed interface TransportId {

    /** The PROTOCOL IDENTIFIER (SPC-4 7.6.1, table 488). */
    int protocolIdentifier();

    /** Encodes this TransportID as SPC-4 7.6.4 lays it out. */
    byte[] encode();

    /**
     * Decodes a TransportID from the start of {@code data}.
     *
     * @return the TransportID, or empty if the bytes do not form one of the modelled kinds
     */
    static Optional<TransportId> decode(byte[] data, int offset, int available) {
        if (available < 24 || offset < 0 || offset + available > data.length) {
            return Optional.empty();
        }
        int format = (data[offset] >> 6) & 0x03;
        int protocol = data[offset] & 0x0F;
        switch (protocol) {
            case FibreChannel.PROTOCOL:
                if (format != 0) {
                    return Optional.empty();
                }
                return Optional.of(new FibreChannel(readLong(data, offset + 8)));
            case Sas.PROTOCOL:
                if (format != 0) {
                    return Optional.empty();
                }
                return Optional.of(new Sas(readLong(data, offset + 4)));
            case Iscsi.PROTOCOL: {
                int additional = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
                if (additional < 20 || additional % 4 != 0 || 4 + additional > available) {
                    return Optional.empty();
                }
                int end = offset + 4;
                int limit = offset + 4 + additional;
                while (end < limit && data[end] != 0) {
                    end++;
                }
                if (end == limit) {
                    return Optional.empty(); // no null terminator
                }
                String text = new String(data, offset + 4, end - offset - 4, StandardCharsets.UTF_8);
                if (format == 0) {
                    return text.isEmpty() ? Optional.empty() : Optional.of(new Iscsi(text, Optional.empty()));
                }
                if (format != 1) {
                    return Optional.empty();
                }
                int sep = text.toLowerCase(Locale.ROOT).indexOf(",i,0x");
                if (sep <= 0) {
                    return Optional.empty();
                }
                return Optional.of(new Iscsi(text.substring(0, sep), Optional.of(text.substring(sep + 5))));
            }
            default:
                return Optional.empty();
        }
    }

    /** The length of the TransportID at {@code offset}, as its own fields declare it (24 for FC and SAS). */
    static int encodedLength(byte[] data, int offset) {
        int protocol = data[offset] & 0x0F;
        if (protocol == Iscsi.PROTOCOL && offset + 4 <= data.length) {
            return 4 + (((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF));
        }
        return 24;
    }

    private static long readLong(byte[] data, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[offset + i] & 0xFF);
        }
        return v;
    }

    private static void writeLong(byte[] data, int offset, long v) {
        for (int i = 7; i >= 0; i--) {
            data[offset + i] = (byte) v;
            v >>>= 8;
        }
    }

    /**
     * Fibre Channel TransportID (SPC-4 7.6.4.2; FCP-4): an N_Port_Name.
     *
     * @param nPortName the eight-byte N_Port_Name
     */
    record FibreChannel(long nPortName) implements TransportId {
        static final int PROTOCOL = 0x0;

        @Override
        public int protocolIdentifier() {
            return PROTOCOL;
        }

        @Override
        public byte[] encode() {
            byte[] b = new byte[24];
            b[0] = PROTOCOL;
            writeLong(b, 8, nPortName);
            return b;
        }
    }

    /**
     * SAS TransportID (SPC-4 7.6.4.5; SPL): a SAS address.
     *
     * @param sasAddress the eight-byte SAS address
     */
    record Sas(long sasAddress) implements TransportId {
        static final int PROTOCOL = 0x6;

        @Override
        public int protocolIdentifier() {
            return PROTOCOL;
        }

        @Override
        public byte[] encode() {
            byte[] b = new byte[24];
            b[0] = PROTOCOL;
            writeLong(b, 4, sasAddress);
            return b;
        }
    }

    /**
     * iSCSI TransportID (SPC-4 7.6.4.6; RFC 7143 13.2): format 00b names an iSCSI initiator device (all its
     * ports); format 01b names one initiator port by iSCSI name and ISID.
     *
     * @param name the iSCSI name, e.g. {@code iqn.2026-01.org.example:host1}
     * @param isid the ISID as hex digits (format 01b), or empty for format 00b
     */
    record Iscsi(String name, Optional<String> isid) implements TransportId {
        static final int PROTOCOL = 0x5;

        public Iscsi {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(isid, "isid");
            if (name.isEmpty() || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid iSCSI name: " + name);
            }
        }

        @Override
        public int protocolIdentifier() {
            return PROTOCOL;
        }

        /** The text carried in the TransportID: {@code name} or {@code name,i,0xISID}. */
        public String portName() {
            return isid.map(i -> name + ",i,0x" + i).orElse(name);
        }

        @Override
        public byte[] encode() {
            byte[] text = portName().getBytes(StandardCharsets.UTF_8);
            int additional = Math.max(20, (text.length + 1 + 3) & ~3);
            byte[] b = new byte[4 + additional];
            b[0] = (byte) ((isid.isPresent() ? 0x40 : 0x00) | PROTOCOL);
            b[2] = (byte) (additional >> 8);
            b[3] = (byte) additional;
            System.arraycopy(text, 0, b, 4, text.length);
            return b;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Iscsi other
                    && name.equalsIgnoreCase(other.name)
                    && isid.map(s -> s.toLowerCase(Locale.ROOT)).equals(other.isid.map(s -> s.toLowerCase(Locale.ROOT)));
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(new Object[] {
                name.toLowerCase(Locale.ROOT), isid.map(s -> s.toLowerCase(Locale.ROOT))
            });
        }
    }
}
