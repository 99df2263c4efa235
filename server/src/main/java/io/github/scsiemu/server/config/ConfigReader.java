package io.github.scsiemu.server.config;

import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.auth.ChapAlgorithm;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
import io.github.scsiemu.iscsi.target.AccessControl;
import io.github.scsiemu.iscsi.target.LunMask;
import io.github.scsiemu.iscsi.target.TargetSettings;
import io.github.scsiemu.sbc.BlockLimits;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.spc.alua.AsymmetricAccessState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Reads the server's TOML configuration file (the format is documented in the README and in
 * {@code server/src/main/config/example.toml}) into a {@link ServerConfig}, refusing anything it cannot serve with a
 * {@link ConfigException} that names the file, line and field. Relative directories are resolved against the
 * file's own directory.
 */
public final class ConfigReader {

    /** The port of an iSCSI portal unless one is given (RFC 7143 13.2 well-known port). */
    public static final int ISCSI_PORT = 3260;

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB)");
    private static final Pattern ISCSI_NAME = Pattern.compile("(iqn\\.\\d{4}-\\d{2}\\.[^\\s]+|eui\\.[0-9A-Fa-f]{16}"
            + "|naa\\.[0-9A-Fa-f]{16}([0-9A-Fa-f]{16})?)");

    private final String source;
    private final Path baseDirectory;

    private ConfigReader(String source, Path baseDirectory) {
        this.source = source;
        this.baseDirectory = baseDirectory;
    }

    /**
     * Reads a configuration file.
     *
     * @param file the file; error messages name it as given
     * @return the configuration
     * @throws ConfigException if the file cannot be read or describes something the server cannot serve
     */
    public static ServerConfig read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), 0, "", "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "", "cannot read: " + e.getMessage());
        }
        Path parent = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), parent);
    }

    /**
     * Reads configuration text.
     *
     * @param text          the TOML text
     * @param source        the name error messages give it
     * @param baseDirectory what relative directories are resolved against
     * @return the configuration
     * @throws ConfigException if the text describes something the server cannot serve
     */
    public static ServerConfig parse(String text, String source, Path baseDirectory) throws ConfigException {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            TomlParseError e = toml.errors().get(0);
            int line = e.position() == null ? 0 : e.position().line();
            throw new ConfigException(source, line, "", "TOML syntax error: " + e.getMessage());
        }
        return new ConfigReader(source, baseDirectory).root(new Section(toml, source, 0, ""));
    }

    private ServerConfig root(Section root) throws ConfigException {
        root.allowOnly("reservation-directory", "iscsi", "discovery-chap", "portal", "target");
        TargetSettings settings = TargetSettings.DEFAULT;
        Optional<Section> iscsi = root.table("iscsi", "iscsi");
        if (iscsi.isPresent()) {
            settings = settings(iscsi.get());
        }
        List<PortalConfig> portals = portals(root);
        List<Section> targetSections = root.tables("target", "target");
        if (targetSections.isEmpty()) {
            throw root.error("target", "no [[target]]: at least one target is needed");
        }
        List<TargetConfig> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Section t : targetSections) {
            TargetConfig target = target(t, portals);
            if (!names.add(target.name())) {
                throw t.named("target " + target.name()).error("name", "target " + target.name()
                        + " is configured twice");
            }
            targets.add(target);
        }
        Optional<Path> reservations = root.string("reservation-directory").map(this::resolve);
        Optional<Section> discovery = root.table("discovery-chap", "discovery-chap");
        AuthenticationPolicy discoveryAuthentication = discovery.isPresent() ? chap(discovery.get(), "discovery-chap")
                : AuthenticationPolicy.NONE;
        return new ServerConfig(source, portals, targets, settings, reservations, discoveryAuthentication);
    }

    private Path resolve(String directory) {
        return baseDirectory.resolve(directory).normalize();
    }

    // ---- [iscsi] -------------------------------------------------------------------------------------------------

    private static TargetSettings settings(Section s) throws ConfigException {
        s.allowOnly("header-digest", "data-digest", "max-recv-data-segment-length", "max-burst-length",
                "first-burst-length", "initial-r2t");
        TargetSettings d = TargetSettings.DEFAULT;
        String header = digests(s, "header-digest", d.headerDigests());
        String data = digests(s, "data-digest", d.dataDigests());
        int segment = (int) s.integer("max-recv-data-segment-length", 512, 0xFFFFFF, d.maxRecvDataSegmentLength());
        int maxBurst = (int) s.integer("max-burst-length", 512, 0xFFFFFF, d.maxBurstLength());
        int firstBurst = (int) s.integer("first-burst-length", 512, 0xFFFFFF, Math.min(maxBurst,
                d.firstBurstLength()));
        if (firstBurst > maxBurst) {
            throw s.error("first-burst-length", "first-burst-length must not exceed max-burst-length ("
                    + maxBurst + ")");
        }
        boolean initialR2T = s.bool("initial-r2t", d.initialR2T());
        return d.withDigests(header, data).withMaxRecvDataSegmentLength(segment).withBursts(maxBurst, firstBurst,
                initialR2T);
    }

    private static String digests(Section s, String key, String fallback) throws ConfigException {
        Optional<List<String>> values = s.strings(key);
        if (values.isEmpty()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (String v : values.get()) {
            if (v.equalsIgnoreCase("None")) {
                out.add("None");
            } else if (v.equalsIgnoreCase("CRC32C")) {
                out.add("CRC32C");
            } else {
                throw s.error(key, key + " values are \"None\" and \"CRC32C\", not \"" + v + "\"");
            }
        }
        if (out.isEmpty()) {
            throw s.error(key, key + " must list at least one digest");
        }
        return String.join(",", out);
    }

    // ---- [[portal]] ----------------------------------------------------------------------------------------------

    private List<PortalConfig> portals(Section root) throws ConfigException {
        List<Section> sections = root.tables("portal", "portal");
        if (sections.isEmpty()) {
            return List.of(new PortalConfig(new InetSocketAddress("127.0.0.1", ISCSI_PORT), 1, root.origin()));
        }
        List<PortalConfig> portals = new ArrayList<>();
        for (Section s : sections) {
            String text = s.requiredString("address");
            s = s.named("portal " + text);
            s.allowOnly("address", "group-tag");
            InetSocketAddress address = address(s, "address", text);
            int tag = (int) s.integer("group-tag", 0, 0xFFFF, portals.size() + 1);
            for (PortalConfig other : portals) {
                if (other.address().equals(address)) {
                    throw s.error("address", "address " + text + " is configured twice");
                }
                if (other.groupTag() == tag) {
                    throw s.error("group-tag", "group-tag " + tag + " is already the tag of portal "
                            + other.address().getHostString() + ":" + other.address().getPort());
                }
            }
            portals.add(new PortalConfig(address, tag, s.origin()));
        }
        return portals;
    }

    /** {@code host}, {@code host:port} or {@code [v6]:port}; the port defaults to 3260. */
    private static InetSocketAddress address(Section s, String key, String text) throws ConfigException {
        String host = text;
        int port = ISCSI_PORT;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (colon > 0 && (bracketed ? text.indexOf(']') < colon : text.indexOf(':') == colon)) {
            host = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 0xFFFF) {
                throw s.error(key, key + " must be host:port with a port of 0-65535: \"" + text + "\"");
            }
        }
        if (bracketed) {
            host = host.replace("[", "").replace("]", "");
        }
        if (host.isEmpty()) {
            throw s.error(key, key + " must name a host: \"" + text + "\"");
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw s.error(key, key + ": unknown host \"" + host + "\"");
        }
        return a;
    }

    // ---- [[target]] ----------------------------------------------------------------------------------------------

    private TargetConfig target(Section t, List<PortalConfig> portals) throws ConfigException {
        String name = t.requiredString("name");
        t = t.named("target " + name);
        t.allowOnly("name", "alias", "portals", "lun", "alua-group", "chap", "acl");
        if (!ISCSI_NAME.matcher(name).matches() || name.length() > 223) {
            throw t.error("name", "name must be an iSCSI name (iqn.YYYY-MM.reversed.domain[:id], eui. or naa.), at"
                    + " most 223 bytes: \"" + name + "\"");
        }
        String alias = t.string("alias").orElse("");
        List<Integer> ports = new ArrayList<>();
        Optional<List<String>> named = t.strings("portals");
        if (named.isPresent()) {
            for (String p : named.get()) {
                int index = portalIndex(t, "portals", p, portals);
                if (ports.contains(index)) {
                    throw t.error("portals", "portals lists " + p + " twice");
                }
                ports.add(index);
            }
            if (ports.isEmpty()) {
                throw t.error("portals", "portals must list at least one portal");
            }
        } else {
            for (int i = 0; i < portals.size(); i++) {
                ports.add(i);
            }
        }
        Optional<Section> chap = t.table("chap", "target " + name + " chap");
        AuthenticationPolicy authentication = chap.isPresent() ? chap(chap.get(), "target.chap")
                : AuthenticationPolicy.NONE;
        List<Section> lunSections = t.tables("lun", "lun");
        if (lunSections.isEmpty()) {
            throw t.error("lun", "no [[target.lun]]: a target needs at least one logical unit");
        }
        Map<Integer, LunConfig> luns = new HashMap<>();
        List<LunConfig> ordered = new ArrayList<>();
        for (Section l : lunSections) {
            LunConfig lun = lun(l, name);
            if (luns.putIfAbsent(lun.number(), lun) != null) {
                throw l.named("lun " + lun.number()).error("number", "lun " + lun.number()
                        + " is configured twice in target " + name);
            }
            ordered.add(lun);
        }
        ordered.sort((a, b) -> Integer.compare(a.number(), b.number()));
        List<AluaGroupConfig> groups = aluaGroups(t, ports, portals);
        AccessControl access = access(t, luns.keySet());
        return new TargetConfig(name, alias, ports, ordered, groups, authentication, access, t.origin());
    }

    /**
     * {@code [target.chap]} or {@code [discovery-chap]}: CHAP (RFC 7143 12.1.3), one-way with initiator accounts,
     * mutual with target-user.
     */
    private static AuthenticationPolicy chap(Section c, String table) throws ConfigException {
        c.allowOnly("required", "algorithms", "account", "target-user", "target-secret");
        List<ChapCredentials> accounts = new ArrayList<>();
        for (Section a : c.tables("account", c.name() + " account")) {
            a.allowOnly("user", "secret");
            String user = a.requiredString("user");
            a = a.named(c.name() + " account " + user);
            accounts.add(credentials(a, user, "secret"));
        }
        if (accounts.isEmpty()) {
            throw c.error("account", "no [[" + table + ".account]]: CHAP needs at least one initiator account");
        }
        List<ChapAlgorithm> algorithms = new ArrayList<>();
        for (String name : c.strings("algorithms").orElse(List.of("MD5", "SHA-1", "SHA-256", "SHA3-256"))) {
            ChapAlgorithm a = switch (name.toUpperCase(Locale.ROOT)) {
                case "MD5" -> ChapAlgorithm.MD5;
                case "SHA-1", "SHA1" -> ChapAlgorithm.SHA1;
                case "SHA-256", "SHA256" -> ChapAlgorithm.SHA256;
                case "SHA3-256", "SHA3_256" -> ChapAlgorithm.SHA3_256;
                default -> throw c.error("algorithms", "algorithms are \"MD5\", \"SHA-1\", \"SHA-256\" and"
                        + " \"SHA3-256\", not \"" + name + "\"");
            };
            algorithms.add(a);
        }
        if (algorithms.isEmpty()) {
            throw c.error("algorithms", "algorithms must list at least one CHAP algorithm");
        }
        try {
            AuthenticationPolicy p = new AuthenticationPolicy(true, true, accounts, Optional.empty(), algorithms);
            if (c.has("target-user") || c.has("target-secret")) {
                p = p.withTargetCredentials(credentials(c, c.requiredString("target-user"), "target-secret"));
            }
            return c.bool("required", true) ? p : p.optional();
        } catch (IllegalArgumentException e) {
            throw c.error("target-secret", e.getMessage());
        }
    }

    private static ChapCredentials credentials(Section s, String user, String secretKey) throws ConfigException {
        String secret = s.requiredString(secretKey);
        try {
            return new ChapCredentials(user, secret);
        } catch (IllegalArgumentException e) {
            String key = user.isEmpty() ? "user" : secretKey;
            throw s.error(key, key + ": " + e.getMessage());
        }
    }

    /** {@code [[target.acl]]}: when present, only the listed initiators may log in, each seeing its LUNs. */
    private static AccessControl access(Section t, Set<Integer> luns) throws ConfigException {
        List<Section> entries = t.tables("acl", "acl");
        if (entries.isEmpty()) {
            return AccessControl.OPEN;
        }
        AccessControl acl = AccessControl.closed();
        for (Section e : entries) {
            e.allowOnly("initiator", "luns");
            String initiator = e.requiredString("initiator");
            e = e.named("acl " + initiator);
            if (acl.initiators().containsKey(initiator)) {
                throw e.error("initiator", "initiator " + initiator + " is listed twice");
            }
            if (!e.has("luns")) {
                acl = acl.allow(initiator);
                continue;
            }
            Object v = e.value("luns").orElseThrow();
            if (!(v instanceof TomlArray a)) {
                throw e.error("luns", "luns must be a list of LUN numbers");
            }
            int[] visible = new int[a.size()];
            for (int i = 0; i < a.size(); i++) {
                if (!a.isLong(i) || !luns.contains((int) a.getLong(i)) || a.getLong(i) != (int) a.getLong(i)) {
                    throw e.error("luns", "luns must list LUN numbers of this target's [[target.lun]]s, not "
                            + a.get(i));
                }
                visible[i] = (int) a.getLong(i);
            }
            acl = acl.allow(initiator, LunMask.of(visible));
        }
        return acl;
    }

    private static int portalIndex(Section s, String key, String text, List<PortalConfig> portals)
            throws ConfigException {
        InetSocketAddress a = address(s, key, text);
        for (int i = 0; i < portals.size(); i++) {
            if (portals.get(i).address().equals(a)) {
                return i;
            }
        }
        throw s.error(key, key + ": " + text + " is not a configured [[portal]]");
    }

    private static List<AluaGroupConfig> aluaGroups(Section t, List<Integer> ports, List<PortalConfig> portals)
            throws ConfigException {
        List<Section> sections = t.tables("alua-group", "alua-group");
        List<AluaGroupConfig> groups = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        for (Section g : sections) {
            if (!g.has("id")) {
                throw g.error("id", "missing field \"id\"");
            }
            int id = (int) g.integer("id", 0, 0xFFFF, 0);
            g = g.named("alua-group " + id);
            g.allowOnly("id", "state", "preferred", "portals");
            for (AluaGroupConfig other : groups) {
                if (other.id() == id) {
                    throw g.error("id", "alua-group " + id + " is configured twice");
                }
            }
            AsymmetricAccessState state = accessState(g);
            List<Integer> members = new ArrayList<>();
            Section group = g;
            List<String> named = g.strings("portals").orElseThrow(() -> group.error("portals",
                    "missing field \"portals\""));
            for (String p : named) {
                int index = portalIndex(g, "portals", p, portals);
                if (!ports.contains(index)) {
                    throw g.error("portals", "portals: " + p + " is not a portal of this target");
                }
                if (!covered.add(index)) {
                    throw g.error("portals", "portals: " + p + " is already in another alua-group");
                }
                members.add(index);
            }
            if (members.isEmpty()) {
                throw g.error("portals", "portals must list at least one of the target's portals");
            }
            groups.add(new AluaGroupConfig(id, state, g.bool("preferred", false), members, g.origin()));
        }
        if (!groups.isEmpty() && covered.size() != ports.size()) {
            throw t.error("alua-group", "alua-group: every portal of the target must be in one group");
        }
        return groups;
    }

    private static AsymmetricAccessState accessState(Section g) throws ConfigException {
        String v = g.string("state").orElse("active/optimized").toLowerCase(Locale.ROOT).replace('-', '/')
                .replace('_', '/');
        switch (v) {
            case "active/optimized":
                return AsymmetricAccessState.ACTIVE_OPTIMIZED;
            case "active/non/optimized":
                return AsymmetricAccessState.ACTIVE_NON_OPTIMIZED;
            case "standby":
                return AsymmetricAccessState.STANDBY;
            case "unavailable":
                return AsymmetricAccessState.UNAVAILABLE;
            default:
                throw g.error("state", "state must be \"active/optimized\", \"active/non-optimized\", \"standby\""
                        + " or \"unavailable\"");
        }
    }

    // ---- [[target.lun]] ------------------------------------------------------------------------------------------

    private LunConfig lun(Section l, String targetName) throws ConfigException {
        if (!l.has("number")) {
            throw l.error("number", "missing field \"number\"");
        }
        int number = (int) l.integer("number", 0, 0x3FFF, 0);
        l = l.named("lun " + number);
        l.allowOnly("number", "type", "capacity", "block-size", "physical-block-exponent", "thin", "lbprz",
                "removable", "read-only", "vendor", "product", "revision", "serial", "store", "directory", "limits");
        String type = l.string("type").orElse("disk");
        if (!type.equals("disk")) {
            throw l.error("type", "type must be \"disk\" (tape and media changer logical units are not available"
                    + " yet), not \"" + type + "\"");
        }
        long blockSizeValue = l.integer("block-size").orElse(512L);
        if (blockSizeValue != 512 && blockSizeValue != 4096) {
            throw l.error("block-size", "block-size must be 512 or 4096, not " + blockSizeValue);
        }
        int blockSize = (int) blockSizeValue;
        long capacity = capacity(l, blockSize);
        int exponent = (int) l.integer("physical-block-exponent", 0, 15, 0);
        DiskConfig.Builder b = DiskConfig.builder(capacity, blockSize).physicalBlockExponent(exponent)
                .lbprz(l.bool("lbprz", true)).removable(l.bool("removable", false))
                .readOnly(l.bool("read-only", false))
                .vendor(ascii(l, "vendor", 8, "SCSIEMU"))
                .product(ascii(l, "product", 16, "DISK"))
                .revision(ascii(l, "revision", 4, "0001"))
                .serialNumber(ascii(l, "serial", 252, defaultSerial(targetName, number)));
        if (l.bool("thin", false)) {
            b.thin();
        }
        Optional<Section> limits = l.table("limits", "lun " + number + " limits");
        if (limits.isPresent()) {
            b.limits(limits(limits.get()));
        }
        StoreConfig store = store(l);
        try {
            return new LunConfig(number, b.build(), store, l.origin());
        } catch (IllegalArgumentException e) {
            throw l.error(e.getMessage());
        }
    }

    /**
     * A serial number that stays the same across restarts (initiators such as QEMU compare VPD 80h after a
     * reconnect) and differs between targets.
     */
    static String defaultSerial(String targetName, int lun) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(targetName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return String.format("%08X%04d", crc.getValue(), lun);
    }

    private static long capacity(Section l, int blockSize) throws ConfigException {
        String problem = "capacity must be a positive number of blocks, or a size such as \"128MiB\" that is a"
                + " multiple of block-size";
        Object value = l.value("capacity").orElseThrow(() -> l.error("capacity", "missing field \"capacity\""));
        if (value instanceof Long blocks) {
            if (blocks < 1) {
                throw l.error("capacity", problem);
            }
            return blocks;
        }
        if (!(value instanceof String text)) {
            throw l.error("capacity", problem);
        }
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw l.error("capacity", problem);
        }
        long bytes;
        try {
            long unit = switch (m.group(2)) {
                case "KiB" -> 1L << 10;
                case "MiB" -> 1L << 20;
                case "GiB" -> 1L << 30;
                case "TiB" -> 1L << 40;
                default -> 1L;
            };
            bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw l.error("capacity", problem);
        }
        if (bytes < blockSize || bytes % blockSize != 0) {
            throw l.error("capacity", problem);
        }
        return bytes / blockSize;
    }

    private static String ascii(Section l, String key, int max, String fallback) throws ConfigException {
        String v = l.string(key).orElse(fallback);
        if (v.length() > max || !v.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw l.error(key, key + " must be printable ASCII of at most " + max + " characters: \"" + v + "\"");
        }
        return v;
    }

    private StoreConfig store(Section l) throws ConfigException {
        String kind = l.string("store").orElse("memory");
        switch (kind) {
            case "memory":
                if (l.has("directory")) {
                    throw l.error("directory", "directory is only for store = \"file\"");
                }
                return StoreConfig.MEMORY;
            case "file":
                return StoreConfig.file(resolve(l.string("directory").orElseThrow(() -> l.error("directory",
                        "store = \"file\" needs a directory"))));
            default:
                throw l.error("store", "store must be \"memory\" or \"file\", not \"" + kind + "\"");
        }
    }

    private static BlockLimits limits(Section s) throws ConfigException {
        s.allowOnly("maximum-transfer-length", "optimal-transfer-length", "optimal-transfer-length-granularity",
                "maximum-compare-and-write-length", "maximum-unmap-lba-count",
                "maximum-unmap-block-descriptor-count", "optimal-unmap-granularity", "unmap-granularity-alignment",
                "maximum-write-same-length", "maximum-atomic-transfer-length", "atomic-alignment",
                "atomic-transfer-length-granularity");
        BlockLimits d = BlockLimits.DEFAULT;
        long u32 = 0xFFFF_FFFFL;
        try {
            return new BlockLimits(s.integer("maximum-transfer-length", 1, u32, d.maximumTransferLength()),
                    s.integer("optimal-transfer-length", 0, u32, d.optimalTransferLength()),
                    (int) s.integer("optimal-transfer-length-granularity", 0, 0xFFFF,
                            d.optimalTransferLengthGranularity()),
                    (int) s.integer("maximum-compare-and-write-length", 0, 255, d.maximumCompareAndWriteLength()),
                    s.integer("maximum-unmap-lba-count", 0, u32, d.maximumUnmapLbaCount()),
                    s.integer("maximum-unmap-block-descriptor-count", 0, u32,
                            d.maximumUnmapBlockDescriptorCount()),
                    s.integer("optimal-unmap-granularity", 0, u32, d.optimalUnmapGranularity()),
                    s.integer("unmap-granularity-alignment", 0, 0x7FFF_FFFFL, d.unmapGranularityAlignment()),
                    s.integer("maximum-write-same-length", 0, Long.MAX_VALUE, d.maximumWriteSameLength()),
                    s.integer("maximum-atomic-transfer-length", 0, u32, d.maximumAtomicTransferLength()),
                    s.integer("atomic-alignment", 0, u32, d.atomicAlignment()),
                    s.integer("atomic-transfer-length-granularity", 0, u32, d.atomicTransferLengthGranularity()));
        } catch (IllegalArgumentException e) {
            throw s.error(e.getMessage());
        }
    }
}
