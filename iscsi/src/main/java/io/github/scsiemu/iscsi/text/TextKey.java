package io.github.scsiemu.iscsi.text;

import java.util.Objects;

/**
 * One {@code key=value} pair of iSCSI text (RFC 7143 6.1). Values are case sensitive; a key has at most 63 bytes.
 *
 * @param key   the key
 * @param value the value (may be a list or one of Reject, Irrelevant, NotUnderstood)
 */
public record TextKey(String key, String value) {
    /** The answer to a key whose value is not acceptable (RFC 7143 6.2.1). */
    public static final String REJECT = "Reject";
    /** The answer to a key that does not apply (RFC 7143 6.2.1). */
    public static final String IRRELEVANT = "Irrelevant";
    /** The answer to a key that is not known (RFC 7143 6.2). */
    public static final String NOT_UNDERSTOOD = "NotUnderstood";

    public TextKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
