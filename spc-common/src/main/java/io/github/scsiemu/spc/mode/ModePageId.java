package io.github.scsiemu.spc.mode;

/**
 * The address of one mode page: its PAGE CODE and SUBPAGE CODE (SPC-4 7.5.7). Subpage code 00h is the page_0
 * format; any other subpage code uses the sub_page format with the SPF bit set.
 *
 * @param pageCode    the PAGE CODE, 00h-3Eh (3Fh means "all pages" in MODE SENSE and is never a page)
 * @param subpageCode the SUBPAGE CODE, 00h-FEh (FFh means "all subpages" in MODE SENSE)
 */
public record ModePageId(int pageCode, int subpageCode) implements Comparable<ModePageId> {

    public ModePageId {
        if (pageCode < 0 || pageCode > 0x3E) {
            throw new IllegalArgumentException("page code must be 00h-3Eh: " + pageCode);
        }
        if (subpageCode < 0 || subpageCode > 0xFE) {
            throw new IllegalArgumentException("subpage code must be 00h-FEh: " + subpageCode);
        }
    }

    /** Whether the page uses the sub_page format (SPF bit set, four-byte page header). */
    public boolean subpageFormat() {
        return subpageCode != 0;
    }

    /** The length of the page header: 2 bytes (page_0 format) or 4 bytes (sub_page format). */
    public int headerLength() {
        return subpageFormat() ? 4 : 2;
    }

    /**
     * The order in which MODE SENSE returns pages: ascending page code then subpage code, except that the vendor
     * specific page 00h comes last (SPC-4 7.5.7).
     */
    @Override
    public int compareTo(ModePageId other) {
        int a = pageCode == 0 ? 0x40 : pageCode;
        int b = other.pageCode == 0 ? 0x40 : other.pageCode;
        return a != b ? Integer.compare(a, b) : Integer.compare(subpageCode, other.subpageCode);
    }

    @Override
    public String toString() {
        return subpageFormat() ? String.format("%02Xh/%02Xh", pageCode, subpageCode)
                : String.format("%02Xh", pageCode);
    }
}
