package io.github.scsiemu.conformance.iscsi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiTarget;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.conformance.CheckOutcome;
import io.github.scsiemu.conformance.ConformanceReport;
import io.github.scsiemu.conformance.InProcessTarget;
import io.github.scsiemu.conformance.OurTargets;
import io.github.scsiemu.conformance.RunSettings;
import io.github.scsiemu.conformance.Suites;
import io.github.scsiemu.iscsi.target.ExportedTarget;
import io.github.scsiemu.iscsi.target.IscsiTarget;
import java.io.IOException;
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
 * status, sense data, nexus), so the transport returns status, data-in, sense and residuals unchanged.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OverIscsiConformanceTest {

    @Test
    void theTwoDiskTargetHasTheSameOutcomesOverIscsi() throws IOException {
        assertSameOutcomes(OurTargets.twoDiskTarget(), OurTargets.twoDiskDevice(),
                List.of(OurTargets.PORT_A, OurTargets.PORT_B));
    }

    @Test
    void theAluaTargetHasTheSameOutcomesOverIscsi() throws IOException {
        assertSameOutcomes(OurTargets.aluaTarget(), OurTargets.aluaDevice(),
                List.of(OurTargets.ALUA_PORT_A, OurTargets.ALUA_PORT_B));
    }

    @Test
    void theMediaTargetHasTheSameOutcomesOverIscsi() throws IOException {
        assertSameOutcomes(OurTargets.mediaTarget(), OurTargets.mediaDevice(), List.of(OurTargets.PORT_A));
    }

    /**
     * Runs all suites in process against {@code inProcess} and over iSCSI against {@code device} served on one portal
     * per port, and compares the verdicts check by check.
     */
    private static void assertSameOutcomes(InProcessTarget inProcess, ScsiTarget device, List<TargetPort> ports)
            throws IOException {
        RunSettings settings = RunSettings.fromSystemProperties();
        ConformanceReport expected = ConformanceReport.run(inProcess, Suites.all(), settings);
        ConformanceReport actual;
        List<IscsiTarget> portals = new ArrayList<>();
        try {
            for (TargetPort port : ports) {
                portals.add(portal(device, port));
            }
            try (IscsiTargetUnderTest target = IscsiTargetUnderTest.connect(
                    portals.stream().map(p -> url(p, ports.get(0))).toArray(String[]::new))) {
                assertThat(target.luns()).as("LUNs found by REPORT LUNS").isEqualTo(inProcess.luns());
                actual = ConformanceReport.run(target, Suites.all(), settings);
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

    /** A portal serving {@code device} as the given target port, on a free loopback port. */
    private static IscsiTarget portal(ScsiTarget device, TargetPort port) throws IOException {
        String name = port.name();
        int tpgt = Integer.parseInt(name.substring(name.lastIndexOf(",t,0x") + 5), 16);
        return IscsiTarget.builder().port(0).portalGroupTag(tpgt)
                .export(new ExportedTarget(targetName(port), "", device, port.relativeTargetPortId(),
                        port.targetPortGroup()))
                .build().start();
    }

    private static String targetName(TargetPort port) {
        return port.name().substring(0, port.name().lastIndexOf(",t,0x"));
    }

    private static String url(IscsiTarget portal, TargetPort port) {
        return "iscsi://127.0.0.1:" + portal.address().getPort() + "/" + targetName(port);
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
