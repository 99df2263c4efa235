package io.github.scsiemu.conformance.iscsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.ScsiTarget;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.conformance.CheckOutcome;
import io.github.scsiemu.conformance.ConformanceReport;
import io.github.scsiemu.conformance.InProcessTarget;
import io.github.scsiemu.conformance.OurTargets;
import io.github.scsiemu.conformance.RunSettings;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.Suites;
import io.github.scsiemu.conformance.TargetUnderTest;
import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
import io.github.scsiemu.iscsi.initiator.InitiatorSession;
import io.github.scsiemu.iscsi.text.Keys;
import io.github.scsiemu.iscsi.target.ExportedTarget;
import io.github.scsiemu.iscsi.target.IscsiTarget;
import io.github.scsiemu.iscsi.target.TargetSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 4: every suite run through our initiator against our own iSCSI target has, check by check, the outcome the
 * same suites have in process against the same device, with the same seed ({@code -Dproptest.seed}, random
 * otherwise, shown on failure). Each device is served on one portal per target port of its in-process twin (same
 * target name, TPGT, relative target port and target port group), so sessions alternate between the same target
 * ports and carry the same ISIDs as the in-process sessions. A failed check must fail with the same details (CDB,
 * status, sense data, nexus), so the transport returns status, data-in, sense and residuals unchanged. The two-disk
 * target runs once more with mutual CHAP (RFC 7143 12.1.3) and with CRC32C header and data digests required
 * (RFC 7143 13.1), both chosen by the arguments of the iSCSI URL; its sessions must have negotiated them.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OverIscsiConformanceTest {

    private static final ChapCredentials INITIATOR_ACCOUNT = new ChapCredentials("initiator", "initiator-secret");
    private static final ChapCredentials TARGET_ACCOUNT = new ChapCredentials("target", "target-secret!");

    /** Mutual CHAP with the accounts above and CRC32C required for both digests, on both sides. */
    private static final Transport MUTUAL_CHAP_AND_DIGESTS = new Transport(
            TargetSettings.DEFAULT.withDigests("CRC32C", "CRC32C"),
            AuthenticationPolicy.chap(INITIATOR_ACCOUNT).withTargetCredentials(TARGET_ACCOUNT),
            "initiator%initiator-secret@",
            "?header_digest=crc32c&data_digest=crc32c&target_user=target&target_password=target-secret%21",
            "CHAP", "CRC32C");

    @Test
    void theTwoDiskTargetHasTheSameOutcomesOverIscsi() throws IOException {
        assertSameOutcomes(OurTargets.twoDiskTarget(), OurTargets.twoDiskDevice(),
                List.of(OurTargets.PORT_A, OurTargets.PORT_B), Transport.PLAIN);
    }

    @Test
    void theTwoDiskTargetHasTheSameOutcomesOverIscsiWithMutualChapAndCrc32cDigests() throws IOException {
        assertSameOutcomes(OurTargets.twoDiskTarget(), OurTargets.twoDiskDevice(),
                List.of(OurTargets.PORT_A, OurTargets.PORT_B), MUTUAL_CHAP_AND_DIGESTS);
    }

    @Test
    void aTargetThatCannotProveTheUrlsTargetSecretIsNotTested() throws IOException {
        try (IscsiTarget portal = portal(OurTargets.twoDiskDevice(), OurTargets.PORT_A, MUTUAL_CHAP_AND_DIGESTS)) {
            String url = "iscsi://initiator%initiator-secret@127.0.0.1:" + portal.address().getPort() + "/"
                    + OurTargets.TEST_TARGET_NAME + "?header_digest=crc32c&data_digest=crc32c&target_user=target"
                    + "&target_password=another-secret";
            // Without a LUN in the URL, connecting logs in at once to find the LUNs with REPORT LUNS.
            assertThatThrownBy(() -> IscsiTargetUnderTest.connect(url))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("cannot log in to iscsi://initiator%(hidden)@127.0.0.1:"
                            + portal.address().getPort() + "/" + OurTargets.TEST_TARGET_NAME + "?header_digest=crc32c"
                            + "&data_digest=crc32c&target_user=target&target_password=(hidden) as ")
                    .hasMessageEndingWith(" as " + TargetUnderTest.DEFAULT_INITIATOR
                            + ": CHAP: wrong CHAP_R from the target")
                    .message().doesNotContain("initiator-secret", "another-secret", "target-secret");
            assertThat(portal.sessionCount()).as("sessions left on the target").isZero();
        }
    }

    @Test
    void theAluaTargetHasTheSameOutcomesOverIscsi() throws IOException {
        assertSameOutcomes(OurTargets.aluaTarget(), OurTargets.aluaDevice(),
                List.of(OurTargets.ALUA_PORT_A, OurTargets.ALUA_PORT_B), Transport.PLAIN);
    }

    @Test
    void theMediaTargetHasTheSameOutcomesOverIscsi() throws IOException {
        assertSameOutcomes(OurTargets.mediaTarget(), OurTargets.mediaDevice(), List.of(OurTargets.PORT_A),
                Transport.PLAIN);
    }

    /**
     * How the portals are served and reached, and what every login must have negotiated.
     *
     * @param settings       the portals' operational policy
     * @param authentication the exported target's authentication policy
     * @param credentials    the URL's {@code user%secret@} part, or empty
     * @param arguments      the URL's {@code ?...} arguments, or empty
     * @param authMethod     the AuthMethod every login must have agreed on
     * @param digest         the HeaderDigest and DataDigest every login must have agreed on
     */
    private record Transport(TargetSettings settings, AuthenticationPolicy authentication, String credentials,
            String arguments, String authMethod, String digest) {
        /** Our target's defaults, no authentication, and a URL that offers no digest. */
        static final Transport PLAIN = new Transport(TargetSettings.DEFAULT, AuthenticationPolicy.NONE, "", "",
                "None", "None");
    }

    /**
     * Runs all suites in process against {@code inProcess} and over iSCSI against {@code device} served on one portal
     * per port with the given transport, compares the verdicts check by check, and checks what a further session on
     * each portal negotiated.
     */
    private static void assertSameOutcomes(InProcessTarget inProcess, ScsiTarget device, List<TargetPort> ports,
            Transport transport) throws IOException {
        RunSettings settings = RunSettings.fromSystemProperties();
        ConformanceReport expected = ConformanceReport.run(inProcess, Suites.all(), settings);
        ConformanceReport actual;
        List<IscsiTarget> portals = new ArrayList<>();
        try {
            for (TargetPort port : ports) {
                portals.add(portal(device, port, transport));
            }
            try (IscsiTargetUnderTest target = IscsiTargetUnderTest.connect(
                    portals.stream().map(p -> url(p, ports.get(0), transport)).toArray(String[]::new))) {
                assertThat(target.luns()).as("LUNs found by REPORT LUNS").isEqualTo(inProcess.luns());
                actual = ConformanceReport.run(target, Suites.all(), settings);
                for (int i = 0; i < ports.size(); i++) {
                    assertNegotiated(target, transport);
                }
            }
        } finally {
            for (IscsiTarget p : portals) {
                p.close();
            }
        }

        Map<String, CheckOutcome> want = byCheck(expected);
        Map<String, CheckOutcome> got = byCheck(actual);
        assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
        List<String> differences = new ArrayList<>();
        want.forEach((check, outcome) -> {
            CheckOutcome over = got.get(check);
            boolean sameFailure = !(outcome instanceof CheckOutcome.Failed f)
                    || f.details().equals(((CheckOutcome.Failed) over).details());
            if (!outcome.label().equals(over.label()) || !sameFailure) {
                differences.add(check + ": in process " + outcome.label() + ", over iSCSI " + over.label()
                        + "\n  in process: " + detail(outcome) + "\n  over iSCSI: " + detail(over));
            }
        });
        assertThat(differences).as("checks whose outcome differs over iSCSI (seed %d)", settings.seed()).isEmpty();
        assertThat(actual.count("PASS")).as("checks passed").isPositive();
    }

    /** Opens one more session (on the next portal in turn) and checks what its login negotiated. */
    private static void assertNegotiated(IscsiTargetUnderTest target, Transport transport) {
        try (Session session = target.openSession()) {
            InitiatorSession connection = ((IscsiSession) session).connection();
            assertThat(connection.loginKeys()).as("login results on %s", session.nexus())
                    .containsEntry(Keys.AUTH_METHOD, transport.authMethod())
                    .containsEntry(Keys.HEADER_DIGEST, transport.digest())
                    .containsEntry(Keys.DATA_DIGEST, transport.digest());
            boolean crc32c = transport.digest().equals("CRC32C");
            assertThat(connection.parameters().headerDigest()).as("header digest in use").isEqualTo(crc32c);
            assertThat(connection.parameters().dataDigest()).as("data digest in use").isEqualTo(crc32c);
        }
    }

    /** A portal serving {@code device} as the given target port, on a free loopback port. */
    private static IscsiTarget portal(ScsiTarget device, TargetPort port, Transport transport) throws IOException {
        String name = port.name();
        int tpgt = Integer.parseInt(name.substring(name.lastIndexOf(",t,0x") + 5), 16);
        return IscsiTarget.builder().port(0).portalGroupTag(tpgt).settings(transport.settings())
                .export(new ExportedTarget(targetName(port), "", device, port.relativeTargetPortId(),
                        port.targetPortGroup()).withAuthentication(transport.authentication()))
                .build().start();
    }

    private static String targetName(TargetPort port) {
        return port.name().substring(0, port.name().lastIndexOf(",t,0x"));
    }

    private static String url(IscsiTarget portal, TargetPort port, Transport transport) {
        return "iscsi://" + transport.credentials() + "127.0.0.1:" + portal.address().getPort() + "/"
                + targetName(port) + transport.arguments();
    }

    private static Map<String, CheckOutcome> byCheck(ConformanceReport report) {
        Map<String, CheckOutcome> map = new LinkedHashMap<>();
        for (ConformanceReport.Result r : report.results()) {
            assertThat(map.put(r.suite() + " / " + r.check().name(), r.outcome())).as("check names are unique")
                    .isNull();
        }
        return map;
    }

    private static String detail(CheckOutcome outcome) {
        if (outcome instanceof CheckOutcome.Failed f) {
            return f.details();
        }
        if (outcome instanceof CheckOutcome.Unsupported u) {
            return u.reason();
        }
        return "passed";
    }
}
