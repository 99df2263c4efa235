package io.github.scsiemu.sense;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * Renders sense data for people, one field per line, using the standard's names (SPC-4 4.5): the sense key, the
 * additional sense code and qualifier with the catalogue text, INFORMATION, COMMAND-SPECIFIC INFORMATION, the field
 * replaceable unit code, the sense key specific field as the sense key defines it (SPC-4 4.5.2.4) and the
 * FILEMARK, EOM and ILI bits. For example:
 * <pre>
 * Fixed format, current
 * Sense key: ILLEGAL REQUEST (5h)
 * Additional sense: 24h/00h INVALID FIELD IN CDB
 * Sense key specific: field pointer: byte 2 bit 1, CDB
 * </pre>
 */
public final class SenseRenderer {

    private SenseRenderer() {
    }

    /**
     * Renders a decoding outcome: its format and whether the error is current or deferred, then the fields; or the
     * reason it is malformed.
     *
     * @param decoded the outcome of {@link SenseDecoder#decode(byte[])}
     * @return the lines, separated by {@code \n}
     */
    public static String render(DecodedSense decoded) {
        if (decoded instanceof DecodedSense.Valid valid) {
            String format = valid.format() == SenseFormat.FIXED ? "Fixed format" : "Descriptor format";
            return format + ", " + (valid.data().deferred() ? "deferred" : "current") + "\n" + render(valid.data());
        }
        return "Malformed sense data: " + ((DecodedSense.Malformed) decoded).reason();
    }

    /**
     * Renders sense data without reference to a format.
     *
     * @param sense the sense data
     * @return the lines, separated by {@code \n}
     */
    public static String render(SenseData sense) {
        StringJoiner lines = new StringJoiner("\n");
        lines.add(String.format(Locale.ROOT, "Sense key: %s (%Xh)", sense.senseKey().standardName(),
                sense.senseKey().code()));
        AdditionalSense as = sense.additionalSense();
        lines.add(String.format(Locale.ROOT, "Additional sense: %02Xh/%02Xh %s", as.asc(), as.ascq(), as.text()));
        sense.information().ifPresent(v -> lines.add(String.format(Locale.ROOT, "Information: 0x%X", v)));
        sense.commandSpecificInformation().ifPresent(
                v -> lines.add(String.format(Locale.ROOT, "Command-specific information: 0x%X", v)));
        if (sense.fieldReplaceableUnitCode() != 0) {
            lines.add(String.format(Locale.ROOT, "Field replaceable unit code: %02Xh",
                    sense.fieldReplaceableUnitCode()));
        }
        sense.senseKeySpecific().ifPresent(s -> lines.add("Sense key specific: " + senseKeySpecific(s)));
        if (sense.filemark() || sense.endOfMedium() || sense.incorrectLength()) {
            StringJoiner flags = new StringJoiner(" ", "Flags: ", "");
            if (sense.filemark()) {
                flags.add("FILEMARK");
            }
            if (sense.endOfMedium()) {
                flags.add("EOM");
            }
            if (sense.incorrectLength()) {
                flags.add("ILI");
            }
            lines.add(flags.toString());
        }
        return lines.toString();
    }

    /**
     * Renders a sense key specific value, such as {@code field pointer: byte 2 bit 1, CDB}.
     *
     * @param value the value
     * @return one line without the {@code Sense key specific:} prefix
     */
    public static String senseKeySpecific(SenseKeySpecific value) {
        if (value instanceof SenseKeySpecific.FieldPointer p) {
            return "field pointer: " + position(p.fieldPointer(), p.bitPointer())
                    + (p.inCdb() ? ", CDB" : ", parameter data");
        } else if (value instanceof SenseKeySpecific.SegmentPointer p) {
            return "segment pointer: " + position(p.fieldPointer(), p.bitPointer())
                    + (p.segmentDescriptor() ? ", relative to the segment descriptor"
                            : ", relative to the parameter list");
        } else if (value instanceof SenseKeySpecific.ProgressIndication p) {
            return String.format(Locale.ROOT, "progress indication: %.2f%% (%d/65536)", p.percent(), p.progress());
        } else if (value instanceof SenseKeySpecific.ActualRetryCount c) {
            return "actual retry count: " + c.count();
        } else if (value instanceof SenseKeySpecific.UnitAttentionQueueOverflow o) {
            return "unit attention condition queue overflow: " + (o.overflow() ? "yes" : "no");
        }
        return String.format(Locale.ROOT, "%06Xh", ((SenseKeySpecific.Raw) value).value());
    }

    private static String position(int bytePointer, OptionalInt bit) {
        return "byte " + bytePointer + (bit.isPresent() ? " bit " + bit.getAsInt() : "");
    }
}
