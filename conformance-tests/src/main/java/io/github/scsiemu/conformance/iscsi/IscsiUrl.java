package io.github.scsiemu.conformance.iscsi;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an iSCSI target is and how to log in to it, written as libiscsi writes it:
 * {@code iscsi://[user%secret@]host[:port]/target-name[/lun][?argument[&argument]...]}. The host is a name, an IPv4
 * address or a bracketed IPv6 address; the port defaults to 3260 (the iSCSI well-known port, RFC 7143 13.4); the
 * target name is an iSCSI name (RFC 7143 4.2.7), in which {@code %XX} escapes are decoded (so {@code %3A} may stand
 * for a colon); the optional LUN restricts the suites to one logical unit; user and secret are the initiator's CHAP
 * credentials (RFC 7143 12.1.3).
 *
 * <p>The arguments are libiscsi's, each {@code name=value} with {@code %XX} escapes decoded in the value:
 * {@code header_digest} and {@code data_digest} choose the HeaderDigest and DataDigest offers (RFC 7143 13.1):
 * {@code none} offers {@code None}, {@code crc32c} offers (so requires) {@code CRC32C}, and {@code none-crc32c} and
 * {@code crc32c-none} offer both in that order of preference; {@code target_user} and {@code target_password} are
 * the name and secret the target must prove, which makes the login use mutual CHAP (RFC 7143 12.1.3) and needs the
 * initiator's own credentials as well. Any other argument is refused. {@link #toString()} shows neither secret.
 *
 * @param host         the portal's host
 * @param port         the portal's TCP port
 * @param targetName   the TargetName to log in to
 * @param lun          the single logical unit to test, or empty to test every LUN REPORT LUNS lists
 * @param chap         the initiator's CHAP credentials, or empty for no authentication
 * @param targetChap   the CHAP name and secret the target must answer with (mutual CHAP), or empty for one-way CHAP
 * @param headerDigest the HeaderDigest offer: {@code None}, {@code CRC32C}, {@code None,CRC32C} or
 *                     {@code CRC32C,None}
 * @param dataDigest   the DataDigest offer, with the same values
 */
public record IscsiUrl(String host, int port, String targetName, Optional<Lun> lun, Optional<ChapCredentials> chap,
        Optional<ChapCredentials> targetChap, String headerDigest, String dataDigest) {

    /** The URL scheme. */
    public static final String SCHEME = "iscsi://";
    /** The iSCSI well-known TCP port (RFC 7143 13.4). */
    public static final int DEFAULT_PORT = 3260;
    /** The digest offer when the URL chooses none: no digest (the RFC 7143 13.1 default). */
    public static final String NO_DIGEST = "None";

    /** The URL argument naming the HeaderDigest offer. */
    private static final String HEADER_DIGEST = "header_digest";
    /** The URL argument naming the DataDigest offer. */
    private static final String DATA_DIGEST = "data_digest";
    /** The URL argument naming the CHAP name the target must answer with. */
    private static final String TARGET_USER = "target_user";
    /** The URL argument giving the CHAP secret the target must prove. */
    private static final String TARGET_PASSWORD = "target_password";

    /** The digest argument values and the offers they stand for, in libiscsi's spelling. */
    private static final Map<String, String> DIGEST_OFFERS = digestOffers();
    private static final String HIDDEN = "(hidden)";

    public IscsiUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(lun, "lun");
        Objects.requireNonNull(chap, "chap");
        Objects.requireNonNull(targetChap, "targetChap");
        Objects.requireNonNull(headerDigest, "headerDigest");
        Objects.requireNonNull(dataDigest, "dataDigest");
        if (host.isEmpty() || targetName.isEmpty()) {
            throw new IllegalArgumentException("an iSCSI URL names a host and a target");
        }
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("TCP port must be 1-65535: " + port);
        }
        if (!DIGEST_OFFERS.containsValue(headerDigest) || !DIGEST_OFFERS.containsValue(dataDigest)) {
            throw new IllegalArgumentException("a digest offer is one of " + DIGEST_OFFERS.values() + ", not "
                    + headerDigest + " and " + dataDigest);
        }
        if (targetChap.isPresent()) {
            if (chap.isEmpty()) {
                throw new IllegalArgumentException("mutual CHAP (" + TARGET_USER + ", " + TARGET_PASSWORD
                        + ") needs the initiator's own credentials too (user%secret@)");
            }
            if (Arrays.equals(chap.get().secretBytes(), targetChap.get().secretBytes())) {
                throw new IllegalArgumentException("the target's CHAP secret must differ from the initiator's "
                        + "(RFC 7143 12.1.3)");
            }
        }
    }

    /**
     * A URL without mutual CHAP and without digests.
     *
     * @param host       the portal's host
     * @param port       the portal's TCP port
     * @param targetName the TargetName to log in to
     * @param lun        the single logical unit to test, or empty to test every LUN REPORT LUNS lists
     * @param chap       the initiator's CHAP credentials, or empty for no authentication
     */
    public IscsiUrl(String host, int port, String targetName, Optional<Lun> lun, Optional<ChapCredentials> chap) {
        this(host, port, targetName, lun, chap, Optional.empty(), NO_DIGEST, NO_DIGEST);
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
        Map<String, String> arguments = Map.of();
        int question = path.indexOf('?');
        if (question >= 0) {
            arguments = arguments(path.substring(question + 1), text);
            path = path.substring(0, question);
        }

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
        Optional<ChapCredentials> targetChap = Optional.empty();
        String targetUser = arguments.get(TARGET_USER);
        String targetPassword = arguments.get(TARGET_PASSWORD);
        if ((targetUser == null) != (targetPassword == null)) {
            throw new IllegalArgumentException("mutual CHAP needs both " + TARGET_USER + " and " + TARGET_PASSWORD
                    + " in " + redacted(text));
        }
        if (targetUser != null) {
            targetChap = Optional.of(new ChapCredentials(targetUser, targetPassword));
        }
        return new IscsiUrl(host, port, percentDecoded(target), lun, chap, targetChap,
                digestOffer(arguments, HEADER_DIGEST), digestOffer(arguments, DATA_DIGEST));
    }

    /** The target portal's socket address (resolved now). */
    public InetSocketAddress portal() {
        return new InetSocketAddress(host, port);
    }

    /** The URL without either CHAP secret, for reports; arguments that differ from the defaults follow the path. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        List<String> shown = new ArrayList<>();
        if (!headerDigest.equals(NO_DIGEST)) {
            shown.add(HEADER_DIGEST + "=" + digestArgument(headerDigest));
        }
        if (!dataDigest.equals(NO_DIGEST)) {
            shown.add(DATA_DIGEST + "=" + digestArgument(dataDigest));
        }
        targetChap.ifPresent(c -> {
            shown.add(TARGET_USER + "=" + c.name());
            shown.add(TARGET_PASSWORD + "=" + HIDDEN);
        });
        return SCHEME + chap.map(c -> c.name() + "%" + HIDDEN + "@").orElse("") + h + ":" + port + "/" + targetName
                + lun.map(l -> "/" + l.number()).orElse("") + (shown.isEmpty() ? "" : "?" + String.join("&", shown));
    }

    /** The {@code name=value} arguments after the {@code ?}, values decoded; each known name at most once. */
    private static Map<String, String> arguments(String query, String text) {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (String argument : query.split("&")) {
            if (argument.isEmpty()) {
                continue;
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (!List.of(HEADER_DIGEST, DATA_DIGEST, TARGET_USER, TARGET_PASSWORD).contains(name)) {
                throw new IllegalArgumentException("unknown iSCSI URL argument '" + name + "' (known: "
                        + HEADER_DIGEST + ", " + DATA_DIGEST + ", " + TARGET_USER + ", " + TARGET_PASSWORD + ")");
            }
            if (equals < 0 || equals == argument.length() - 1) {
                throw new IllegalArgumentException("iSCSI URL argument '" + name + "' has no value in "
                        + redacted(text));
            }
            if (arguments.put(name, percentDecoded(argument.substring(equals + 1))) != null) {
                throw new IllegalArgumentException("iSCSI URL argument '" + name + "' is given twice in "
                        + redacted(text));
            }
        }
        return arguments;
    }

    private static String digestOffer(Map<String, String> arguments, String name) {
        String value = arguments.get(name);
        if (value == null) {
            return NO_DIGEST;
        }
        String offer = DIGEST_OFFERS.get(value.toLowerCase(Locale.ROOT));
        if (offer == null) {
            throw new IllegalArgumentException("iSCSI URL argument '" + name + "' is one of "
                    + DIGEST_OFFERS.keySet() + ", not '" + value + "'");
        }
        return offer;
    }

    private static String digestArgument(String offer) {
        return DIGEST_OFFERS.entrySet().stream().filter(e -> e.getValue().equals(offer)).findFirst().orElseThrow()
                .getKey();
    }

    private static Map<String, String> digestOffers() {
        Map<String, String> offers = new LinkedHashMap<>();
        offers.put("none", "None");
        offers.put("crc32c", "CRC32C");
        offers.put("none-crc32c", "None,CRC32C");
        offers.put("crc32c-none", "CRC32C,None");
        return Collections.unmodifiableMap(offers);
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

    /** The text with the user information and the value of {@code target_password} hidden. */
    private static String redacted(String text) {
        int start = text.toLowerCase(Locale.ROOT).indexOf(SCHEME) + SCHEME.length();
        int slash = text.indexOf('/', start);
        int at = text.lastIndexOf('@', slash < 0 ? text.length() : slash);
        String shown = at < 0 ? text : text.substring(0, start) + "(credentials hidden)" + text.substring(at);
        return shown.replaceAll("(?<=[?&]" + TARGET_PASSWORD + "=)[^&]*", HIDDEN);
    }
}
