package io.github.scsiemu.conformance.scsi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Mode parameter data as MODE SENSE returns it (SPC-4 7.5.3-7.5.7): the mode parameter header of the six- or
 * ten-byte form, block descriptors, then mode pages in page_0 or sub_page format.
 *
 * @param tenByte              whether the ten-byte header form was used (MODE SENSE(10))
 * @param mediumType           the MEDIUM TYPE
 * @param deviceSpecific       the DEVICE-SPECIFIC PARAMETER
 * @param blockDescriptorBytes the length of the block descriptors
 * @param pages                the mode pages in the order returned
 */
public record ModeParameters(boolean tenByte, int mediumType, int deviceSpecific, int blockDescriptorBytes,
        List<Page> pages) {

    public ModeParameters {
        pages = List.copyOf(pages);
    }

    /**
     * One mode page with its header (SPC-4 7.5.7).
     *
     * @param pageCode    the PAGE CODE
     * @param subpageCode the SUBPAGE CODE, 0 for page_0 format
     * @param bytes       the whole page, header included
     */
    public record Page(int pageCode, int subpageCode, byte[] bytes) {
        public Page {
            bytes = bytes.clone();
        }

        /** Whether the page uses the sub_page format (SPF=1). */
        public boolean subpageFormat() {
            return (bytes[0] & 0x40) != 0;
        }

        /** The length of the page header: 2 (page_0) or 4 (sub_page). */
        public int headerLength() {
            return subpageFormat() ? 4 : 2;
        }

        /** The page bytes (a copy). */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The page as MODE SELECT sends it: the PS bit, reserved in MODE SELECT, cleared (SPC-4 7.5.7). */
        public byte[] forSelect() {
            byte[] b = bytes.clone();
            b[0] &= 0x7F;
            return b;
        }

        /** {@code 08h} or {@code 0Ah/01h}. */
        public String name() {
            return subpageFormat() ? String.format("%02Xh/%02Xh", pageCode, subpageCode)
                    : String.format("%02Xh", pageCode);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Page p && Arrays.equals(bytes, p.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "page " + name() + " [" + Hex.of(bytes) + "]";
        }
    }

    /**
     * Parses MODE SENSE parameter data.
     *
     * @param data    the data-in bytes
     * @param tenByte whether they answer MODE SENSE(10)
     * @return the parameters, or an explanation of why the data is malformed
     */
    public static Parsed parse(byte[] data, boolean tenByte) {
        int headerLength = tenByte ? 8 : 4;
        if (data.length < headerLength) {
            return new Parsed(Optional.empty(), "shorter than the " + headerLength + "-byte mode parameter header");
        }
        int modeDataLength = tenByte ? Bytes.u16(data, 0) : Bytes.u8(data, 0);
        int total = modeDataLength + (tenByte ? 2 : 1);
        if (total != data.length) {
            return new Parsed(Optional.empty(), "MODE DATA LENGTH " + modeDataLength + " implies " + total
                    + " bytes, but " + data.length + " were returned");
        }
        int bdl = tenByte ? Bytes.u16(data, 6) : Bytes.u8(data, 3);
        int offset = headerLength + bdl;
        if (offset > total) {
            return new Parsed(Optional.empty(), "BLOCK DESCRIPTOR LENGTH " + bdl + " runs past the data");
        }
        List<Page> pages = new ArrayList<>();
        while (offset < total) {
            boolean spf = (data[offset] & 0x40) != 0;
            if (offset + (spf ? 4 : 2) > total) {
                return new Parsed(Optional.empty(), "a page header at byte " + offset + " is cut short");
            }
            int size = spf ? 4 + Bytes.u16(data, offset + 2) : 2 + Bytes.u8(data, offset + 1);
            if (offset + size > total) {
                return new Parsed(Optional.empty(), "the page at byte " + offset + " runs past MODE DATA LENGTH");
            }
            pages.add(new Page(data[offset] & 0x3F, spf ? Bytes.u8(data, offset + 1) : 0,
                    Arrays.copyOfRange(data, offset, offset + size)));
            offset += size;
        }
        return new Parsed(Optional.of(new ModeParameters(tenByte, Bytes.u8(data, tenByte ? 2 : 1),
                Bytes.u8(data, tenByte ? 3 : 2), bdl, pages)), "");
    }

    /**
     * The outcome of {@link #parse}.
     *
     * @param parameters the parameters, if well formed
     * @param problem    what is malformed, empty if nothing
     */
    public record Parsed(Optional<ModeParameters> parameters, String problem) {
        public Parsed {
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * The MODE SELECT parameter list that sends one page back (SPC-4 7.5.3): a header of this form with MODE DATA
     * LENGTH zero (reserved in MODE SELECT), the medium type, the given device-specific parameter and no block
     * descriptors, followed by the page.
     *
     * @param page           the page, with the PS bit as MODE SENSE returned it
     * @param deviceSpecific the DEVICE-SPECIFIC PARAMETER to send
     * @return the parameter list
     */
    public byte[] selectList(byte[] page, int deviceSpecific) {
        int header = tenByte ? 8 : 4;
        byte[] list = new byte[header + page.length];
        list[tenByte ? 2 : 1] = (byte) mediumType;
        list[tenByte ? 3 : 2] = (byte) deviceSpecific;
        System.arraycopy(page, 0, list, header, page.length);
        list[header] &= 0x7F;
        return list;
    }
}
