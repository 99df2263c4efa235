package io.github.scsiemu.conformance.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.conformance.InProcessTarget;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.catalog.CommandCatalog;
import io.github.scsiemu.conformance.scsi.Commands;
import io.github.scsiemu.sbc.BlockDevice;
import io.github.scsiemu.sbc.DiskConfig;
import org.junit.jupiter.api.Test;

/** The state snapshot sees a write to the medium (so "changes nothing" is a real claim). */
class ObservableStateTest {

    @Test
    void aWrittenBlockShowsAsADifferenceInTheReadProbe() {
        InProcessTarget target = InProcessTarget.of("disk", BlockDevice.create(DiskConfig.of(64, 512, "T", "S")));
        Lun lun = Lun.of(0);
        try (Session session = target.openSession()) {
            Commands.clearUnitAttentions(session, lun);
            CommandCatalog catalog = CommandCatalog.read(session, lun);
            ObservableState before = ObservableState.take(session, lun, catalog);
            assertThat(before.probes()).containsKeys("TEST UNIT READY", "INQUIRY", "REPORT LUNS", "MODE SENSE(10)",
                    "READ CAPACITY(10)", "READ(10) of the first 8 blocks");
            assertThat(before.differences(ObservableState.take(session, lun, catalog))).isEmpty();
            byte[] block = new byte[512];
            block[0] = 1;
            byte[] write10 = {0x2A, 0, 0, 0, 0, 3, 0, 0, 1, 0};
            assertThat(session.send(lun, write10, block).isGood()).isTrue();
            assertThat(before.differences(ObservableState.take(session, lun, catalog)))
                    .contains("READ(10) of the first 8 blocks: before GOOD").doesNotContain("INQUIRY");
        }
    }
}
