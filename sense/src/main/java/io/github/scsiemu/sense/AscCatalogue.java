package io.github.scsiemu.sense;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The complete catalogue of ADDITIONAL SENSE CODE / ADDITIONAL SENSE CODE QUALIFIER assignments (SPC-4 4.5.6,
 * table 28, kept current by T10 as its asc-num list), loaded once from the resource {@code asc-num.tsv} next to this
 * class.
 *
 * <p>Lookups resolve a pair in this order: an assigned single pair; an assigned qualifier range (such as
 * {@code 40h/80h-FFh}, {@code 4Dh/NNh}, {@code 70h/NNh}); the vendor-specific code spaces of SPC-4 4.5.6
 * (ADDITIONAL SENSE CODE 80h-FFh, or ADDITIONAL SENSE CODE QUALIFIER 80h-FFh under a standard code), which are
 * described generically; anything else is reserved.
 */
public final class AscCatalogue {

    private static final String RESOURCE = "asc-num.tsv";

    /** Entries in ascending ASC, ASCQ order. */
    private static final List<AscEntry> ENTRIES;
    /** Index by {@code asc << 8 | ascq}; {@code null} where nothing is assigned. */
    private static final AscEntry[] BY_PAIR = new AscEntry[0x10000];

    static {
        List<AscEntry> entries = load();
        for (AscEntry e : entries) {
            for (int q = e.ascqLow(); q <= e.ascqHigh(); q++) {
                int key = e.asc() << 8 | q;
                // a single assignment wins over a range that happens to cover it
                if (BY_PAIR[key] == null || !e.isRange()) {
                    BY_PAIR[key] = e;
                }
            }
        }
        ENTRIES = Collections.unmodifiableList(entries);
    }

    private AscCatalogue() {
    }

    private static List<AscEntry> load() {
        InputStream in = AscCatalogue.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing resource " + RESOURCE);
        }
        List<AscEntry> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", 3);
                if (fields.length != 3) {
                    throw new IllegalStateException(RESOURCE + ":" + number + ": expected ASC, ASCQ and text");
                }
                int asc = Integer.parseInt(fields[0], 16);
                String[] range = fields[1].split("-", 2);
                int low = Integer.parseInt(range[0], 16);
                int high = range.length == 2 ? Integer.parseInt(range[1], 16) : low;
                entries.add(new AscEntry(asc, low, high, fields[2].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort((a, b) -> a.asc() != b.asc() ? Integer.compare(a.asc(), b.asc())
                : Integer.compare(a.ascqLow(), b.ascqLow()));
        return entries;
    }

    /**
     * The standard's text for a pair, such as {@code INVALID FIELD IN CDB} for {@code 24h/00h}. Range entries have
     * their {@code NN} replaced by the qualifier; vendor-specific and reserved pairs get a generic description that
     * names the codes.
     *
     * @param asc  the ADDITIONAL SENSE CODE (only the low eight bits are used)
     * @param ascq the ADDITIONAL SENSE CODE QUALIFIER (only the low eight bits are used)
     * @return a description, never {@code null}
     */
    public static String describe(int asc, int ascq) {
        asc &= 0xFF;
        ascq &= 0xFF;
        AscEntry entry = BY_PAIR[asc << 8 | ascq];
        if (entry != null) {
            return entry.textFor(ascq);
        }
        if (asc >= 0x80) {
            return String.format(Locale.ROOT, "VENDOR SPECIFIC ASC %02XH, ASCQ %02XH", asc, ascq);
        }
        if (ascq >= 0x80) {
            return String.format(Locale.ROOT, "ASC %02XH WITH VENDOR SPECIFIC ASCQ %02XH", asc, ascq);
        }
        return String.format(Locale.ROOT, "RESERVED ASC %02XH, ASCQ %02XH", asc, ascq);
    }

    /**
     * Whether T10 assigns the pair, singly or within a qualifier range. Vendor-specific pairs are not assigned.
     *
     * @param asc  the ADDITIONAL SENSE CODE
     * @param ascq the ADDITIONAL SENSE CODE QUALIFIER
     * @return {@code true} for an assigned pair
     */
    public static boolean isAssigned(int asc, int ascq) {
        return asc >= 0 && asc <= 0xFF && ascq >= 0 && ascq <= 0xFF && BY_PAIR[asc << 8 | ascq] != null;
    }

    /**
     * Whether the pair lies in a vendor-specific code space of SPC-4 4.5.6 and is not assigned by T10.
     *
     * @param asc  the ADDITIONAL SENSE CODE
     * @param ascq the ADDITIONAL SENSE CODE QUALIFIER
     * @return {@code true} if ASC is 80h-FFh, or ASCQ is 80h-FFh and the pair is not assigned
     */
    public static boolean isVendorSpecific(int asc, int ascq) {
        return !isAssigned(asc, ascq) && ((asc & 0xFF) >= 0x80 || (ascq & 0xFF) >= 0x80);
    }

    /**
     * The number of assignments: each single pair counts one, and each qualifier range (such as
     * {@code 40h/80h-FFh}) counts one, however many qualifiers it covers. Equals {@code entries().size()}.
     *
     * @return the number of catalogue entries
     */
    public static int size() {
        return ENTRIES.size();
    }

    /**
     * Every assignment in ascending ASC, ASCQ order.
     *
     * @return an unmodifiable list
     */
    public static List<AscEntry> entries() {
        return ENTRIES;
    }
}
