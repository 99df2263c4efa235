package io.github.scsiemu.sense;

import java.util.Locale;
import java.util.Objects;

/**
 * One assignment in T10's ADDITIONAL SENSE CODE / ADDITIONAL SENSE CODE QUALIFIER list (SPC-4 4.5.6, table 28):
 * either a single pair ({@code ascqLow == ascqHigh}) or a range of qualifiers that share one meaning, such as
 * {@code 40h/80h-FFh} DIAGNOSTIC FAILURE ON COMPONENT NN, where {@code NN} in the text stands for the qualifier.
 *
 * @param asc      the ADDITIONAL SENSE CODE, 0-255
 * @param ascqLow  the lowest ADDITIONAL SENSE CODE QUALIFIER covered, 0-255
 * @param ascqHigh the highest ADDITIONAL SENSE CODE QUALIFIER covered, {@code ascqLow}-255
 * @param text     the standard's text, in T10's upper case
 */
public record AscEntry(int asc, int ascqLow, int ascqHigh, String text) {

    public AscEntry {
        Objects.requireNonNull(text, "text");
        if (asc < 0 || asc > 0xFF || ascqLow < 0 || ascqHigh > 0xFF || ascqLow > ascqHigh) {
            throw new IllegalArgumentException(
                    String.format("bad ASC/ASCQ assignment %02Xh/%02Xh-%02Xh", asc, ascqLow, ascqHigh));
        }
    }

    /** Whether this assignment covers more than one qualifier. */
    public boolean isRange() {
        return ascqLow != ascqHigh;
    }

    /**
     * Whether this assignment covers the given pair.
     *
     * @param asc  the ADDITIONAL SENSE CODE
     * @param ascq the ADDITIONAL SENSE CODE QUALIFIER
     * @return {@code true} if {@code asc} matches and {@code ascq} lies within the qualifier range
     */
    public boolean covers(int asc, int ascq) {
        return this.asc == asc && ascq >= ascqLow && ascq <= ascqHigh;
    }

    /**
     * The text for one covered qualifier: for a range, the placeholder {@code NN} is replaced by the qualifier in
     * hexadecimal (for example {@code DIAGNOSTIC FAILURE ON COMPONENT 85H (80H-FFH)}); for a single pair, the text.
     *
     * @param ascq a qualifier this entry covers
     * @return the text describing that qualifier
     */
    public String textFor(int ascq) {
        return isRange() ? text.replaceAll("\\bNN\\b", String.format(Locale.ROOT, "%02XH", ascq)) : text;
    }

    /** {@code 24h/00h} or {@code 40h/80h-FFh} followed by the text. */
    @Override
    public String toString() {
        return isRange()
                ? String.format(Locale.ROOT, "%02Xh/%02Xh-%02Xh %s", asc, ascqLow, ascqHigh, text)
                : String.format(Locale.ROOT, "%02Xh/%02Xh %s", asc, ascqLow, text);
    }
}
