package io.github.scsiemu.iscsi.text;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes iSCSI text (RFC 7143 6.1): UTF-8 {@code key=value} pairs, each followed by a NUL byte.
 */
public final class TextCodec {
    /** The longest key RFC 7143 6.1 allows, in bytes. */
    public static final int MAX_KEY_LENGTH = 63;

    private TextCodec() {
    }

    /** The wire form of the keys in order. */
    public static ByteBuffer encode(List<TextKey> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TextKey k : keys) {
            byte[] b = k.toString().getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            out.write(0);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    /**
     * The keys in the text, in order. Trailing NUL padding is tolerated; an empty text has no keys.
     *
     * @throws TextFormatException if a pair lacks its {@code =} or NUL terminator, or a key is empty or too long
     */
    public static List<TextKey> decode(ByteBuffer text) throws TextFormatException {
        ByteBuffer t = text.duplicate();
        byte[] bytes = new byte[t.remaining()];
        t.get(bytes);
        List<TextKey> keys = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            if (bytes[start] == 0) { // padding or an empty pair at the end
                start++;
                continue;
            }
            int end = start;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            if (end == bytes.length) {
                throw new TextFormatException("text pair without NUL terminator");
            }
            String pair = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new TextFormatException("not a key=value pair: " + pair);
            }
            if (eq > MAX_KEY_LENGTH) {
                throw new TextFormatException("key longer than 63 bytes");
            }
            keys.add(new TextKey(pair.substring(0, eq), pair.substring(eq + 1)));
            start = end + 1;
        }
        return keys;
    }
}
