package io.github.scsiemu.sense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Rng;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares our decoding and rendering with sg3_utils' {@code sg_decode_sense} on a seeded sample of generated sense
 * data in both formats: sense key, additional sense text, INFORMATION and the field pointer must agree.
 *
 * <p>Normalisation: sg3_utils writes texts in mixed case and ranges as {@code [0xNN]}; both sides are compared in
 * lower case with punctuation collapsed, and range texts up to their {@code NN} placeholder, whose value sg3_utils
 * prints as {@code 0xNN} (in brackets for 40h and 4Dh). Known, documented
 * differences that are not errors on either side:
 * <ul>
 *   <li>00h/23h OVERLAPPING ATOMIC COMMAND IN PROGRESS (SPC-6) is newer than sg3_utils 1.46's table, which then
 *       prints {@code ASC=00, ASCQ=23 (hex)};</li>
 *   <li>20h/05h, 24h/02h and 24h/03h are OBSOLETE in our catalogue (as in T10's list and Linux), while sg3_utils
 *       keeps their former names with "(obs)".</li>
 * </ul>
 */
class SgDecodeSenseOracleTest {

    private static final int SAMPLES = 600;
    private static final long SEED = 0x5C5151L;
    private static final Map<String, String> NEWER_THAN_SG3_UTILS = Map.of("00/23", "OVERLAPPING ATOMIC COMMAND");
    private static final Pattern SENSE_KEY = Pattern.compile("(Fixed|Descriptor) format, (current|<<<deferred>>>); "
            + "Sense key: (.+)");
    private static final Pattern INFO_FIXED = Pattern.compile("Info fld=0x([0-9a-fA-F]+)");
    private static final Pattern INFO_DESCRIPTOR = Pattern.compile("Descriptor type: Information: 0x([0-9a-fA-F]+)");
    private static final Pattern FIELD_POINTER =
            Pattern.compile("Error in (Command|Data parameters): byte (\\d+)( bit (\\d))?");

    private static String tool;

    @BeforeAll
    static void findTool() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File candidate = new File(dir, "sg_decode_sense");
            if (candidate.canExecute()) {
                tool = candidate.getPath();
                return;
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("sg_decode_sense missing: .ci/run must install sg3-utils");
        }
        Assumptions.abort("sg_decode_sense (Debian package sg3-utils) is not installed; skipping the oracle test");
    }

    @Test
    void sgDecodeSenseAgreesWithOurDecodingAndRendering() throws Exception {
        Gen<SenseData> gen = SenseDataGen.catalogueSenseData();
        Rng rng = new Rng(SEED);
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        int fieldPointers = 0;
        int informations = 0;
        for (int i = 0; i < SAMPLES; i++) {
            SenseData sense = gen.next(rng);
            SenseFormat format = i % 2 == 0 ? SenseFormat.FIXED : SenseFormat.DESCRIPTOR;
            byte[] bytes = SenseEncoder.encode(sense, format);
            DecodedSense.Valid ours = (DecodedSense.Valid) SenseDecoder.decode(bytes);
            String rendering = SenseRenderer.render(ours);
            String theirs = run(bytes);
            compare(ours.data(), format, rendering, theirs)
                    .ifPresent(d -> disagreements.add(Hex.string(bytes) + "\n  " + d + "\n  ours:\n" + rendering
                            + "\n  sg_decode_sense:\n" + theirs));
            compared++;
            fieldPointers += sense.senseKeySpecific().filter(SenseKeySpecific.FieldPointer.class::isInstance)
                    .isPresent() ? 1 : 0;
            informations += ours.data().information().isPresent() ? 1 : 0;
        }
        assertThat(compared).isEqualTo(SAMPLES);
        assertThat(fieldPointers).as("samples with a field pointer").isGreaterThanOrEqualTo(15);
        assertThat(informations).as("samples with INFORMATION").isGreaterThanOrEqualTo(100);
        assertThat(disagreements).as("disagreements with sg_decode_sense").isEmpty();
    }

    /** Returns a description of the first disagreement, if any. */
    private static Optional<String> compare(SenseData data, SenseFormat format, String rendering, String theirs) {
        String[] lines = theirs.split("\n");
        Matcher header = SENSE_KEY.matcher(lines[0]);
        if (!header.matches()) {
            return Optional.of("unexpected first line: " + lines[0]);
        }
        if (!header.group(1).equalsIgnoreCase(format == SenseFormat.FIXED ? "Fixed" : "Descriptor")
                || header.group(2).contains("deferred") != data.deferred()) {
            return Optional.of("format or deferred differs");
        }
        String ourKey = line(rendering, "Sense key: ");
        String theirKey = header.group(3);
        boolean sameKey = switch (data.senseKey()) {
            // sg3_utils names the vendor specific key "Vendor specific(9)" and the obsolete 0Ch by its old name
            case VENDOR_SPECIFIC -> theirKey.equals("Vendor specific(9)");
            case RESERVED_0C -> theirKey.equals("Equal");
            default -> normalise(theirKey).equals(normalise(data.senseKey().standardName()));
        };
        if (!sameKey || !ourKey.equals(String.format(Locale.ROOT, "%s (%Xh)", data.senseKey().standardName(),
                data.senseKey().code()))) {
            return Optional.of("sense key: " + theirKey + " vs " + ourKey);
        }
        Optional<String> asc = compareAdditionalSense(data.additionalSense(), rendering, lines[1]);
        if (asc.isPresent()) {
            return asc;
        }
        Matcher info = (format == SenseFormat.FIXED ? INFO_FIXED : INFO_DESCRIPTOR).matcher(theirs);
        String ourInfo = rendering.contains("Information: ") ? line(rendering, "Information: ") : null;
        if (info.find() != (ourInfo != null)
                || (ourInfo != null && Long.parseUnsignedLong(info.group(1), 16)
                        != Long.parseUnsignedLong(ourInfo.substring(2), 16))) {
            return Optional.of("information differs");
        }
        if (data.senseKey() == SenseKey.ILLEGAL_REQUEST) {
            Matcher pointer = FIELD_POINTER.matcher(theirs);
            String ours = rendering.contains("field pointer: ") ? line(rendering, "Sense key specific: field pointer: ")
                    : null;
            if (pointer.find() != (ours != null)) {
                return Optional.of("field pointer presence differs");
            }
            if (ours != null) {
                String expected = "byte " + pointer.group(2) + (pointer.group(3) == null ? "" : " bit " + pointer.group(4))
                        + (pointer.group(1).equals("Command") ? ", CDB" : ", parameter data");
                if (!expected.equals(ours)) {
                    return Optional.of("field pointer: " + expected + " vs " + ours);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> compareAdditionalSense(AdditionalSense as, String rendering, String theirLine) {
        String ourText = line(rendering, "Additional sense: ").substring("24h/00h ".length());
        String code = String.format(Locale.ROOT, "%02X/%02X", as.asc(), as.ascq());
        if (NEWER_THAN_SG3_UTILS.containsKey(code)) {
            String unknown = String.format(Locale.ROOT, "ASC=%02x, ASCQ=%02x (hex)", as.asc(), as.ascq());
            return theirLine.equalsIgnoreCase(unknown) && ourText.startsWith(NEWER_THAN_SG3_UTILS.get(code))
                    ? Optional.empty() : Optional.of("expected sg3_utils not to know " + code + ": " + theirLine);
        }
        if (!theirLine.startsWith("Additional sense: ")) {
            return Optional.of("sg_decode_sense does not know " + code + ": " + theirLine);
        }
        String theirText = theirLine.substring("Additional sense: ".length());
        if (ourText.equals("OBSOLETE")) {
            return theirText.endsWith("(obs)") ? Optional.empty()
                    : Optional.of("obsolete " + code + " named " + theirText);
        }
        AscEntry entry = AscCatalogue.entries().stream().filter(e -> e.covers(as.asc(), as.ascq())).findFirst()
                .orElseThrow();
        if (entry.isRange()) {
            String stem = normalise(entry.text().substring(0, entry.text().indexOf("NN")));
            String qualifier = String.format(Locale.ROOT, "0x%x", as.ascq());
            return normalise(theirText).startsWith(stem) && theirText.contains(qualifier) ? Optional.empty()
                    : Optional.of("range text " + theirText + " vs " + ourText);
        }
        return normalise(theirText).equals(normalise(ourText)) ? Optional.empty()
                : Optional.of("additional sense text " + theirText + " vs " + ourText);
    }

    private static String line(String rendering, String prefix) {
        for (String l : rendering.split("\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length());
            }
        }
        throw new AssertionError("no line " + prefix + " in " + rendering);
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    private static String run(byte[] bytes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool);
        for (byte b : bytes) {
            command.add(String.format(Locale.ROOT, "%02x", b & 0xFF));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sg_decode_sense timed out");
        }
        return new String(out, StandardCharsets.UTF_8).strip();
    }
}
