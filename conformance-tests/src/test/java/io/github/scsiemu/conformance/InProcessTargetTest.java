package io.github.scsiemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process provider: distinct nexuses, target ports in turn, close as nexus loss. */
class InProcessTargetTest {

    @Test
    void everySessionIsANewNexusAndSessionsAlternateTargetPorts() {
        InProcessTarget target = OurTargets.twoDiskTarget();
        assertThat(target.luns()).containsExactly(Lun.of(0), Lun.of(1));
        List<Nexus> nexuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nexuses.add(target.openSession("iqn.2026-01.org.example:host").nexus());
        }
        assertThat(nexuses).doesNotHaveDuplicates();
        assertThat(nexuses).extracting(n -> n.target().relativeTargetPortId()).containsExactly(1, 2, 1, 2);
        assertThat(nexuses.get(0).initiator().name()).startsWith("iqn.2026-01.org.example:host,i,0x4000");
    }

    @Test
    void closingASessionIsANexusLossAndTheSessionRefusesFurtherCommands() {
        InProcessTarget target = OurTargets.single("disk", OurTargets.plainDisk("SN1"));
        Session session = target.openSession();
        Exchange first = session.send(Lun.of(0), new byte[6], 0);
        assertThat(first.isCheckCondition(SenseKey.UNIT_ATTENTION,
                AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED)).isTrue();
        session.close();
        assertThatThrownBy(() -> session.send(Lun.of(0), new byte[6], 0)).isInstanceOf(IllegalStateException.class);
    }
}
