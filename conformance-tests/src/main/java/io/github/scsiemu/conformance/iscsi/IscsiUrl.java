package io.github.scsiemu.conformance.iscsi;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an iSCSI target is and how to log in to it, written as libiscsi writes it:
 * {@code iscsi://[user%secret@]host[:port]/target-name[/lun]}. The host is a name, an IPv4 address or a bracketed
 * IPv6 address; the port defaults to 3260 (the iSCSI well-known port, RFC 7143 13.4); the target name is an iSCSI
 * name (RFC 7143 4.2.7), in which {@code %XX} escapes are decoded (so {@code %3A} may stand for a colon); the
 * optional LUN restricts the suites to one logical unit; user and secret are one-way CHAP credentials (RFC 7143
 * 12.1.3).
 *
 * @param host       the portal's host
 * @param port       the portal's TCP port
 * @param targetName the TargetName to log in to
 * @param lun        the single logical unit to test, or empty to test every LUN REPORT LUNS lists
 * @param chap       the CHAP credentials, or empty for no authentication
 */
public record IscsiUrl(String host, int port, String targetName, Optional<Lun> lun, Optional<ChapCredentials> chap) {

    /** The URL scheme. */
    public static final String SCHEME = "iscsi://";
    /** The iSCSI well-known TCP port (RFC 7143 13.4). */
    public static final int DEFAULT_PORT = 3260;

    public IscsiUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(lun, "lun");
        Objects.requireNonNull(chap, "chap");
        if (host.isEmpty() || targetName.isEmpty()) {
            throw new IllegalArgumentException("an iSCSI URL names a host and a target");
        }
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("TCP port must be 1-65535: " + port);
        }
    }

    /**
     * Whether the text is meant as an iSCSI URL (starts with {@code iscsi://}, any case).
     *
     * @param text the text
     * @return whether it has the scheme
     */
    public static boolean isIscsiUrl(String text) {
        return text.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Parses an iSCSI URL.
     *
     * @param text the URL
     * @return the parsed URL
     * @throws IllegalArgumentException if the text is not an iSCSI URL as described above
     */
    public static IscsiUrl parse(String text) {
        if (!isIscsiUrl(text)) {
            throw new IllegalArgumentException("not an iSCSI URL (iscsi://...): " + text);
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("no target name in " + redacted(text));
        }
        String authority = rest.substring(0, slash);
        String path = rest.substring(slash + 1);

        Optional<ChapCredentials> chap = Optional.empty();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int sep = userInfo.indexOf('%');
            if (sep <= 0) {
                throw new IllegalArgumentException("CHAP credentials are written user%secret@ in " + redacted(text));
            }
            chap = Optional.of(new ChapCredentials(userInfo.substring(0, sep), userInfo.substring(sep + 1)));
            authority = authority.substring(at + 1);
        }

        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed IPv6 address in " + redacted(text));
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("bad portal in " + redacted(text));
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        int port = portText == null ? DEFAULT_PORT : number(portText, "port", text);

        String target = path;
        Optional<Lun> lun = Optional.empty();
        int lunSlash = path.indexOf('/');
        if (lunSlash >= 0) {
            target = path.substring(0, lunSlash);
            String lunText = path.substring(lunSlash + 1);
            if (!lunText.isEmpty()) {
                lun = Optional.of(Lun.of(number(lunText, "LUN", text)));
            }
        }
        return new IscsiUrl(host, port, percentDecoded(target), lun, chap);
    }

    /** The target portal's socket address (resolved now). */
    public InetSocketAddress portal() {
        return new InetSocketAddress(host, port);
    }

    /** The URL without the CHAP secret, for reports. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return SCHEME + chap.map(c -> c.name() + "%(hidden)@").orElse("") + h + ":" + port + "/" + targetName
                + lun.map(l -> "/" + l.number()).orElse("");
    }

    private static int number(String digits, String what, String text) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 9) {
            throw new IllegalArgumentException("bad " + what + " '" + digits + "' in " + redacted(text));
        }
        return Integer.parseInt(digits);
    }

    private static String percentDecoded(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static String redacted(String text) {
        int at = text.lastIndexOf('@');
        int start = text.toLowerCase(Locale.ROOT).indexOf(SCHEME) + SCHEME.length();
        return at < 0 ? text : text.substring(0, start) + "(credentials hidden)" + text.substring(at);
    }
}
