package io.github.scsiemu.conformance.scsi;

/** Renders bytes as upper-case hex pairs, the way CDBs and sense data are written in T10 documents. */
public final class Hex {

    private Hex() {
    }

    /**
     * All bytes.
     *
     * @param bytes the bytes
     * @return for example {@code 12 00 00 00 24 00}
     */
    public static String of(byte[] bytes) {
        return of(bytes, Integer.MAX_VALUE);
    }

    /**
     * At most {@code limit} bytes, then how many were left out.
     *
     * @param bytes the bytes
     * @param limit the most bytes to render
     * @return the rendering
     */
    public static String of(byte[] bytes, int limit) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        int shown = Math.min(bytes.length, limit);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(Character.forDigit((bytes[i] >> 4) & 0xF, 16)))
                    .append(Character.toUpperCase(Character.forDigit(bytes[i] & 0xF, 16)));
        }
        if (shown < bytes.length) {
            out.append(" ... (").append(bytes.length).append(" bytes)");
        }
        return out.toString();
    }
}
