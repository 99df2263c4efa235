package io.github.scsiemu.sense;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AscCatalogueTest {

    @Test
    void knownSinglePairs() {
        assertThat(AscCatalogue.describe(0x24, 0x00)).isEqualTo("INVALID FIELD IN CDB");
        assertThat(AscCatalogue.describe(0x29, 0x00)).isEqualTo("POWER ON, RESET, OR BUS DEVICE RESET OCCURRED");
        assertThat(AscCatalogue.describe(0x04, 0x0A))
                .isEqualTo("LOGICAL UNIT NOT ACCESSIBLE, ASYMMETRIC ACCESS STATE TRANSITION");
        assertThat(AscCatalogue.describe(0x5D, 0xFF)).isEqualTo("FAILURE PREDICTION THRESHOLD EXCEEDED (FALSE)");
        assertThat(AscCatalogue.isAssigned(0x5D, 0xFF)).isTrue();
        assertThat(AscCatalogue.isAssigned(0x24, 0x00)).isTrue();
    }

    @Test
    void qualifierRanges() {
        assertThat(AscCatalogue.describe(0x40, 0x85)).isEqualTo("DIAGNOSTIC FAILURE ON COMPONENT 85H (80H-FFH)");
        assertThat(AscCatalogue.isAssigned(0x40, 0x85)).isTrue();
        assertThat(AscCatalogue.isAssigned(0x40, 0x80)).isTrue();
        assertThat(AscCatalogue.isAssigned(0x40, 0xFF)).isTrue();
        assertThat(AscCatalogue.isAssigned(0x40, 0x7F)).isFalse();
        assertThat(AscCatalogue.describe(0x40, 0x00)).isEqualTo("RAM FAILURE (SHOULD USE 40 NN)");
        assertThat(AscCatalogue.describe(0x4D, 0x12)).isEqualTo("TAGGED OVERLAPPED COMMANDS (12H = TASK TAG)");
        assertThat(AscCatalogue.describe(0x70, 0x03)).isEqualTo("DECOMPRESSION EXCEPTION SHORT ALGORITHM ID OF 03H");
        assertThat(AscCatalogue.isAssigned(0x70, 0x00)).isTrue();
    }

    @Test
    void unassignedAndVendorSpecificPairs() {
        assertThat(AscCatalogue.isAssigned(0x24, 0x7E)).isFalse();
        assertThat(AscCatalogue.describe(0x24, 0x7E)).isEqualTo("RESERVED ASC 24H, ASCQ 7EH");
        assertThat(AscCatalogue.isAssigned(0x0F, 0x00)).isFalse();
        assertThat(AscCatalogue.isAssigned(0x85, 0x12)).isFalse();
        assertThat(AscCatalogue.isVendorSpecific(0x85, 0x12)).isTrue();
        assertThat(AscCatalogue.describe(0x85, 0x12)).isEqualTo("VENDOR SPECIFIC ASC 85H, ASCQ 12H");
        assertThat(AscCatalogue.describe(0x24, 0x85)).isEqualTo("ASC 24H WITH VENDOR SPECIFIC ASCQ 85H");
        assertThat(AscCatalogue.isVendorSpecific(0x40, 0x85)).isFalse();
        assertThat(AscCatalogue.isAssigned(-1, 0)).isFalse();
        assertThat(AscCatalogue.isAssigned(0x100, 0)).isFalse();
    }

    @Test
    void sizeCountsSinglePairsAndRangesOnce() {
        List<AscEntry> entries = AscCatalogue.entries();
        assertThat(AscCatalogue.size()).isEqualTo(entries.size()).isEqualTo(765);
        assertThat(entries.stream().filter(AscEntry::isRange).map(AscEntry::toString)).containsExactly(
                "40h/80h-FFh DIAGNOSTIC FAILURE ON COMPONENT NN (80H-FFH)",
                "4Dh/00h-FFh TAGGED OVERLAPPED COMMANDS (NN = TASK TAG)",
                "70h/00h-FFh DECOMPRESSION EXCEPTION SHORT ALGORITHM ID OF NN");
        int covered = 0;
        for (int asc = 0; asc < 0x100; asc++) {
            for (int ascq = 0; ascq < 0x100; ascq++) {
                covered += AscCatalogue.isAssigned(asc, ascq) ? 1 : 0;
            }
        }
        assertThat(covered).isEqualTo(762 + 128 + 256 + 256);
    }

    @Test
    void entriesAreSortedUniqueAndInStandardCase() {
        Set<Integer> seen = new HashSet<>();
        int previous = -1;
        for (AscEntry e : AscCatalogue.entries()) {
            int key = e.asc() << 8 | e.ascqLow();
            assertThat(key).isGreaterThan(previous);
            assertThat(seen.add(key)).isTrue();
            assertThat(e.text()).isEqualTo(e.text().toUpperCase(java.util.Locale.ROOT)).isNotBlank();
            assertThat(AscCatalogue.isAssigned(e.asc(), e.ascqHigh())).isTrue();
            previous = key;
        }
    }

    /** Every named constant is assigned and named after its text (three names predate T10's NOT ACCESSIBLE). */
    @Test
    void additionalSenseConstantsMatchTheirCatalogueText() throws IllegalAccessException {
        Set<String> renamedByT10 = Set.of("LOGICAL_UNIT_NOT_READY_ASYMMETRIC_ACCESS_STATE_TRANSITION",
                "LOGICAL_UNIT_NOT_READY_TARGET_PORT_IN_STANDBY_STATE",
                "LOGICAL_UNIT_NOT_READY_TARGET_PORT_IN_UNAVAILABLE_STATE");
        int checked = 0;
        for (Field f : AdditionalSense.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == AdditionalSense.class) {
                AdditionalSense value = (AdditionalSense) f.get(null);
                assertThat(value.isAssigned()).as(f.getName()).isTrue();
                String expected = renamedByT10.contains(f.getName())
                        ? f.getName().replace("NOT_READY", "NOT_ACCESSIBLE") : f.getName();
                assertThat(value.text().replaceAll("[^A-Z0-9]+", "_")).as(f.getName()).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }
}
