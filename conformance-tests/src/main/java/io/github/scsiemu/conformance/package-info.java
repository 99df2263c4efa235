/**
 * The SCSI conformance suite as a product: suites of checks, each naming the clause of SPC-4 or SAM-5 it verifies,
 * that run against any {@link io.github.scsiemu.conformance.TargetUnderTest} and report every check as passed,
 * failed (with the CDB, the response, the decoded sense data, the clause and the seed that replays it) or
 * unsupported (the target does not claim the feature).
 *
 * <p>A target is tested for what it claims: the suites read REPORT SUPPORTED OPERATION CODES (SPC-4 6.35) and
 * generate valid and invalid CDBs from the CDB usage data it reports, with the seeded generators and shrinking of
 * the {@code proptest} kernel.
 *
 * <p>From JUnit, extend {@link io.github.scsiemu.conformance.junit.ConformanceTests}:
 * <pre>{@code
 * class MyTargetConformanceTest extends ConformanceTests {
 *     protected TargetUnderTest createTarget() {
 *         return InProcessTarget.of("my target", myScsiTarget);
 *     }
 * }
 * }</pre>
 *
 * <p>From the command line, implement {@link io.github.scsiemu.conformance.TargetUnderTestFactory} and run
 * {@code java -cp <classpath> io.github.scsiemu.conformance.ConformanceRunner [--seed N] [--tries N]
 * [--suite NAME] my.Factory [args]}; the exit status is 1 when a check fails.
 *
 * <p>Single checks run anywhere: {@code new InquirySuite().checks().get(0).run(target)} returns a
 * {@link io.github.scsiemu.conformance.CheckOutcome}.
 */
package io.github.scsiemu.conformance;
