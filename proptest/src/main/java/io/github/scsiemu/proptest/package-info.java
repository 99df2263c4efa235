/**
 * The conformance suite's dependency-free property-testing kernel: seeded {@link io.github.scsiemu.proptest.Rng
 * random streams}, {@link io.github.scsiemu.proptest.Gen generators} with shrinking, and
 * {@link io.github.scsiemu.proptest.Property properties} whose failures print the seed to replay them with
 * {@code -Dproptest.seed=<n>} and report a greedily shrunk counterexample.
 *
 * <p>Usable from JUnit ({@link io.github.scsiemu.proptest.Property#check}) and from a plain {@code main}
 * ({@link io.github.scsiemu.proptest.Property#run} returns a {@link io.github.scsiemu.proptest.PropertyResult}).
 */
package io.github.scsiemu.proptest;
