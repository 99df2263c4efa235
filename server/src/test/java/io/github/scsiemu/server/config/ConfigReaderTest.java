package io.github.scsiemu.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.auth.ChapAlgorithm;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
import io.github.scsiemu.iscsi.target.AccessControl;
import io.github.scsiemu.iscsi.target.LunMask;
import io.github.scsiemu.sbc.BlockLimits;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.sbc.Provisioning;
import io.github.scsiemu.spc.alua.AsymmetricAccessState;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    private static final Path EXAMPLE = Path.of("src/main/config/example.toml");
    private static final Path BASE = Path.of("/srv/emu");

    private static final String TARGET = """
            [[target]]
            name = "iqn.2026-01.io.github.scsiemu:t"
            """;

    private static ServerConfig parse(String toml) throws ConfigException {
        return ConfigReader.parse(toml, "config.toml", BASE);
    }

    @Test
    void theDocumentedExampleReadsAsItSays() throws Exception {
        ServerConfig c = ConfigReader.read(EXAMPLE);
        Path base = EXAMPLE.toAbsolutePath().getParent();
        assertThat(c.source()).isEqualTo(EXAMPLE.toString());
        assertThat(c.reservationDirectory()).contains(base.resolve("state/reservations"));
        assertThat(c.settings().headerDigests()).isEqualTo("None,CRC32C");
        assertThat(c.settings().dataDigests()).isEqualTo("None,CRC32C");
        assertThat(c.settings().maxRecvDataSegmentLength()).isEqualTo(262144);
        assertThat(c.settings().maxBurstLength()).isEqualTo(262144);
        assertThat(c.settings().firstBurstLength()).isEqualTo(262144);
        assertThat(c.settings().initialR2T()).isFalse();
        assertThat(c.portals()).extracting(PortalConfig::address, PortalConfig::groupTag).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new InetSocketAddress("127.0.0.1", 3260), 1),
                org.assertj.core.groups.Tuple.tuple(new InetSocketAddress("127.0.0.1", 3261), 2));
        assertThat(c.targets()).hasSize(1);
        TargetConfig t = c.targets().get(0);
        assertThat(t.name()).isEqualTo("iqn.2026-01.io.github.scsiemu:example");
        assertThat(t.alias()).isEqualTo("scsi-emu example");
        assertThat(t.portals()).containsExactly(0, 1);
        assertThat(t.relativeTargetPortId(1)).isEqualTo(2);
        assertThat(t.luns()).extracting(LunConfig::number).containsExactly(1, 2);

        LunConfig one = t.luns().get(0);
        DiskConfig d = one.disk();
        assertThat(d.capacity()).isEqualTo(262144);
        assertThat(d.logicalBlockSize()).isEqualTo(512);
        assertThat(d.logicalBlocksPerPhysicalBlockExponent()).isEqualTo(3);
        assertThat(d.provisioning()).isEqualTo(Provisioning.THIN);
        assertThat(d.lbprz()).isTrue();
        assertThat(d.removable()).isTrue();
        assertThat(d.identity().removable()).isTrue();
        assertThat(d.readOnly()).isFalse();
        assertThat(d.identity().vendor()).isEqualTo("SCSIEMU");
        assertThat(d.product()).isEqualTo("SCRATCH DISK");
        assertThat(d.identity().revision()).isEqualTo("0001");
        assertThat(d.serialNumber()).isEqualTo("EXAMPLE0001");
        assertThat(d.limits()).isEqualTo(BlockLimits.DEFAULT);
        assertThat(one.store()).isEqualTo(StoreConfig.file(base.resolve("data/lun1")));
        assertThat(one.origin().line()).isGreaterThan(0);

        LunConfig two = t.luns().get(1);
        assertThat(two.disk().capacity()).isEqualTo(131072);
        assertThat(two.disk().readOnly()).isTrue();
        assertThat(two.disk().provisioning()).isEqualTo(Provisioning.FULL);
        assertThat(two.disk().removable()).isFalse();
        assertThat(two.disk().serialNumber()).isEqualTo(ConfigReader.defaultSerial(t.name(), 2));
        assertThat(two.store()).isEqualTo(StoreConfig.MEMORY);

        assertThat(t.aluaGroups()).extracting(AluaGroupConfig::id, AluaGroupConfig::state,
                AluaGroupConfig::preferred, AluaGroupConfig::portals).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, AsymmetricAccessState.ACTIVE_OPTIMIZED, true,
                                List.of(0)),
                        org.assertj.core.groups.Tuple.tuple(2, AsymmetricAccessState.STANDBY, false, List.of(1)));
        assertThat(t.targetPortGroup(1)).isEqualTo(2);

        assertThat(t.authentication()).isEqualTo(AuthenticationPolicy.chap(
                new ChapCredentials("inituser", "initsecret12"))
                .withTargetCredentials(new ChapCredentials("tgtuser", "tgtsecret123")));
        assertThat(t.access()).isEqualTo(AccessControl.closed()
                .allow("iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-test")
                .allow("iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-test-2", LunMask.of(1)));
    }

    @Test
    void optionalChapWithOneAlgorithmAndNoMutualCredentials() throws Exception {
        ServerConfig c = parse(TARGET + """
                [[target.lun]]
                number = 1
                capacity = 8
                [target.chap]
                required = false
                algorithms = ["MD5"]
                [[target.chap.account]]
                user = "a"
                secret = "0123456789ab"
                """);
        AuthenticationPolicy p = c.targets().get(0).authentication();
        assertThat(p.chapRequired()).isFalse();
        assertThat(p.chapOffered()).isTrue();
        assertThat(p.algorithms()).containsExactly(ChapAlgorithm.MD5);
        assertThat(p.targetCredentials()).isEmpty();
        assertThat(c.targets().get(0).access()).isEqualTo(AccessControl.OPEN);
        assertThat(c.discoveryAuthentication()).isEqualTo(AuthenticationPolicy.NONE);
    }

    @Test
    void discoverySessionsMayRequireChap() throws Exception {
        ServerConfig c = parse("""
                [[discovery-chap.account]]
                user = "d"
                secret = "discoverysecret"
                """ + TARGET + """
                [[target.lun]]
                number = 1
                capacity = 8
                """);
        assertThat(c.discoveryAuthentication())
                .isEqualTo(AuthenticationPolicy.chap(new ChapCredentials("d", "discoverysecret")));
        assertThat(c.targets().get(0).authentication()).isEqualTo(AuthenticationPolicy.NONE);
    }

    @Test
    void aMinimalFileGetsOnePortalOnTheIscsiPortAndDefaultDisks() throws Exception {
        ServerConfig c = parse(TARGET + """
                [[target.lun]]
                number = 0
                capacity = "1GiB"
                block-size = 4096
                """);
        assertThat(c.portals()).extracting(PortalConfig::address)
                .containsExactly(new InetSocketAddress("127.0.0.1", 3260));
        assertThat(c.reservationDirectory()).isEmpty();
        DiskConfig d = c.targets().get(0).luns().get(0).disk();
        assertThat(d.capacity()).isEqualTo(262144);
        assertThat(d.logicalBlockSize()).isEqualTo(4096);
        assertThat(d.provisioning()).isEqualTo(Provisioning.FULL);
        assertThat(d.removable()).isFalse();
        assertThat(d.lbprz()).isTrue();
    }

    @Test
    void requiredDigestsAndSmallBurstsReachTheTargetSettings() throws Exception {
        ServerConfig c = parse("""
                [iscsi]
                header-digest = "CRC32C"
                data-digest = ["crc32c"]
                max-recv-data-segment-length = 8192
                max-burst-length = 65536
                first-burst-length = 16384
                initial-r2t = true
                """ + TARGET + """
                [[target.lun]]
                number = 1
                capacity = 100
                """);
        assertThat(c.settings().headerDigests()).isEqualTo("CRC32C");
        assertThat(c.settings().dataDigests()).isEqualTo("CRC32C");
        assertThat(c.settings().maxRecvDataSegmentLength()).isEqualTo(8192);
        assertThat(c.settings().maxBurstLength()).isEqualTo(65536);
        assertThat(c.settings().firstBurstLength()).isEqualTo(16384);
        assertThat(c.settings().initialR2T()).isTrue();
    }

    @Test
    void theDefaultSerialNumberIsStableAndDiffersBetweenTargetsAndLuns() {
        String a = ConfigReader.defaultSerial("iqn.2026-01.io.github.scsiemu:a", 1);
        assertThat(a).isEqualTo(ConfigReader.defaultSerial("iqn.2026-01.io.github.scsiemu:a", 1)).hasSize(12);
        assertThat(a).isNotEqualTo(ConfigReader.defaultSerial("iqn.2026-01.io.github.scsiemu:b", 1))
                .isNotEqualTo(ConfigReader.defaultSerial("iqn.2026-01.io.github.scsiemu:a", 2));
    }

    @Test
    void theCommandLineMovesTheOnlyPortal() throws Exception {
        ServerConfig c = DefaultConfig.get().withPortalAddress(Optional.of("127.0.0.1"), Optional.of(0));
        assertThat(c.portals().get(0).address()).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
        assertThat(DefaultConfig.get().withPortalAddress(Optional.empty(), Optional.empty()))
                .isEqualTo(DefaultConfig.get());
    }

    static Stream<Arguments> errors() {
        String lun = "[[target.lun]]\nnumber = 3\n";
        return Stream.of(
                Arguments.of("syntax", "name = \n", "config.toml:1: TOML syntax error: "),
                Arguments.of("no target", "reservation-directory = \"x\"\n",
                        "config.toml: no [[target]]: at least one target is needed"),
                Arguments.of("unknown top-level field", "\n\nportl = 1\n" + TARGET,
                        "config.toml:3: unknown field \"portl\" (known: discovery-chap, iscsi, portal,"
                                + " reservation-directory, target)"),
                Arguments.of("missing target name", "[[target]]\nalias = \"x\"\n",
                        "config.toml:1: target #1: missing field \"name\""),
                Arguments.of("bad target name", "[[target]]\nname = \"disk\"\n",
                        "config.toml:2: target disk: name must be an iSCSI name (iqn.YYYY-MM.reversed.domain[:id],"
                                + " eui. or naa.), at most 223 bytes: \"disk\""),
                Arguments.of("no lun", TARGET,
                        "config.toml:1: target iqn.2026-01.io.github.scsiemu:t: no [[target.lun]]: a target needs"
                                + " at least one logical unit"),
                Arguments.of("capacity zero", TARGET + lun + "capacity = 0\n",
                        "config.toml:5: lun 3: capacity must be a positive number of blocks, or a size such as"
                                + " \"128MiB\" that is a multiple of block-size"),
                Arguments.of("capacity not a size", TARGET + lun + "capacity = \"lots\"\n",
                        "config.toml:5: lun 3: capacity must be a positive number of blocks, or a size such as"
                                + " \"128MiB\" that is a multiple of block-size"),
                Arguments.of("capacity not a multiple of the block size", TARGET + lun
                        + "capacity = \"1000B\"\n", "config.toml:5: lun 3: capacity must be a positive number of"
                                + " blocks, or a size such as \"128MiB\" that is a multiple of block-size"),
                Arguments.of("capacity missing", TARGET + lun,
                        "config.toml:3: lun 3: missing field \"capacity\""),
                Arguments.of("lun number missing", TARGET + "[[target.lun]]\ncapacity = 8\n",
                        "config.toml:3: lun #1: missing field \"number\""),
                Arguments.of("lun number out of range", TARGET + "[[target.lun]]\nnumber = 16384\ncapacity = 8\n",
                        "config.toml:4: lun #1: number must be between 0 and 16383, not 16384"),
                Arguments.of("lun twice", TARGET + lun + "capacity = 8\n" + lun + "capacity = 8\n",
                        "config.toml:7: lun 3: lun 3 is configured twice in target iqn.2026-01.io.github.scsiemu:t"),
                Arguments.of("block size", TARGET + lun + "capacity = 8\nblock-size = 520\n",
                        "config.toml:6: lun 3: block-size must be 512 or 4096, not 520"),
                Arguments.of("physical exponent", TARGET + lun + "capacity = 8\nphysical-block-exponent = 16\n",
                        "config.toml:6: lun 3: physical-block-exponent must be between 0 and 15, not 16"),
                Arguments.of("boolean", TARGET + lun + "capacity = 8\nthin = \"yes\"\n",
                        "config.toml:6: lun 3: thin must be true or false"),
                Arguments.of("unknown lun field", TARGET + lun + "capacity = 8\nread_only = true\n",
                        "config.toml:6: lun 3: unknown field \"read_only\" (known: block-size, capacity, directory,"
                                + " lbprz, limits, number, physical-block-exponent, product, read-only, removable,"
                                + " revision, serial, store, thin, type, vendor)"),
                Arguments.of("tape", TARGET + lun + "capacity = 8\ntype = \"tape\"\n",
                        "config.toml:6: lun 3: type must be \"disk\" (tape and media changer logical units are not"
                                + " available yet), not \"tape\""),
                Arguments.of("vendor too long", TARGET + lun + "capacity = 8\nvendor = \"VERYLONGVENDOR\"\n",
                        "config.toml:6: lun 3: vendor must be printable ASCII of at most 8 characters:"
                                + " \"VERYLONGVENDOR\""),
                Arguments.of("store kind", TARGET + lun + "capacity = 8\nstore = \"tmpfs\"\n",
                        "config.toml:6: lun 3: store must be \"memory\" or \"file\", not \"tmpfs\""),
                Arguments.of("file store without directory", TARGET + lun + "capacity = 8\nstore = \"file\"\n",
                        "config.toml:3: lun 3: store = \"file\" needs a directory"),
                Arguments.of("directory for memory", TARGET + lun + "capacity = 8\ndirectory = \"d\"\n",
                        "config.toml:6: lun 3: directory is only for store = \"file\""),
                Arguments.of("limit out of range", TARGET + lun + "capacity = 8\n[target.lun.limits]\n"
                        + "maximum-compare-and-write-length = 256\n",
                        "config.toml:7: lun 3 limits: maximum-compare-and-write-length must be between 0 and 255,"
                                + " not 256"),
                Arguments.of("portal address", "[[portal]]\naddress = \"127.0.0.1:99999\"\n" + TARGET,
                        "config.toml:2: portal 127.0.0.1:99999: address must be host:port with a port of 0-65535:"
                                + " \"127.0.0.1:99999\""),
                Arguments.of("portal tag twice", "[[portal]]\naddress = \"127.0.0.1:1\"\ngroup-tag = 5\n"
                        + "[[portal]]\naddress = \"127.0.0.1:2\"\ngroup-tag = 5\n" + TARGET,
                        "config.toml:6: portal 127.0.0.1:2: group-tag 5 is already the tag of portal 127.0.0.1:1"),
                Arguments.of("target portal unknown", TARGET + "portals = [\"127.0.0.1:3261\"]\n" + lun
                        + "capacity = 8\n", "config.toml:3: target iqn.2026-01.io.github.scsiemu:t: portals:"
                                + " 127.0.0.1:3261 is not a configured [[portal]]"),
                Arguments.of("alua state", TARGET + lun + "capacity = 8\n[[target.alua-group]]\nid = 1\n"
                        + "state = \"active\"\nportals = [\"127.0.0.1:3260\"]\n",
                        "config.toml:8: alua-group 1: state must be \"active/optimized\", \"active/non-optimized\","
                                + " \"standby\" or \"unavailable\""),
                Arguments.of("alua without portals", TARGET + lun + "capacity = 8\n[[target.alua-group]]\nid = 1\n",
                        "config.toml:6: alua-group 1: missing field \"portals\""),
                Arguments.of("digest", "[iscsi]\nheader-digest = [\"MD5\"]\n" + TARGET,
                        "config.toml:2: iscsi: header-digest values are \"None\" and \"CRC32C\", not \"MD5\""),
                Arguments.of("bursts", "[iscsi]\nmax-burst-length = 8192\nfirst-burst-length = 65536\n" + TARGET,
                        "config.toml:3: iscsi: first-burst-length must not exceed max-burst-length (8192)"),
                Arguments.of("chap without account", TARGET + "[target.chap]\nrequired = true\n",
                        "config.toml:3: target iqn.2026-01.io.github.scsiemu:t chap: no [[target.chap.account]]:"
                                + " CHAP needs at least one initiator account"),
                Arguments.of("short chap secret", TARGET + "[[target.chap.account]]\nuser = \"u\"\n"
                        + "secret = \"short\"\n", "config.toml:5: target iqn.2026-01.io.github.scsiemu:t chap"
                                + " account u: secret: a CHAP secret has 12-255 bytes (RFC 7143 12.1.3), not 5"),
                Arguments.of("chap algorithm", TARGET + "[target.chap]\nalgorithms = [\"MD4\"]\n"
                        + "[[target.chap.account]]\nuser = \"u\"\nsecret = \"0123456789ab\"\n",
                        "config.toml:4: target iqn.2026-01.io.github.scsiemu:t chap: algorithms are \"MD5\","
                                + " \"SHA-1\", \"SHA-256\" and \"SHA3-256\", not \"MD4\""),
                Arguments.of("mutual secret equal to an account's", TARGET + "[target.chap]\n"
                        + "target-user = \"t\"\ntarget-secret = \"0123456789ab\"\n"
                        + "[[target.chap.account]]\nuser = \"u\"\nsecret = \"0123456789ab\"\n",
                        "config.toml:5: target iqn.2026-01.io.github.scsiemu:t chap: the target's CHAP secret must"
                                + " differ from the secret of initiator account u (RFC 7143 12.1.3)"),
                Arguments.of("acl lun", TARGET + "[[target.lun]]\nnumber = 1\ncapacity = 8\n[[target.acl]]\n"
                        + "initiator = \"iqn.2026-01.x:y\"\nluns = [1, 2]\n",
                        "config.toml:8: acl iqn.2026-01.x:y: luns must list LUN numbers of this target's"
                                + " [[target.lun]]s, not 2"),
                Arguments.of("acl initiator missing", TARGET + "[[target.lun]]\nnumber = 1\ncapacity = 8\n"
                        + "[[target.acl]]\nluns = [1]\n", "config.toml:6: acl #1: missing field \"initiator\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void eachErrorNamesTheFileTheLineAndTheField(String kind, String toml, String message) {
        assertThatThrownBy(() -> parse(toml)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ConfigReader.read(Path.of("no/such/config.toml")))
                .isInstanceOf(ConfigException.class).hasMessage("no/such/config.toml: no such file");
    }
}
