package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.catalog.CommandCatalog;
import io.github.scsiemu.conformance.scsi.Bytes;
import io.github.scsiemu.conformance.scsi.Cdbs;
import io.github.scsiemu.conformance.scsi.Hex;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A snapshot of what a logical unit shows through read-only commands it lists: readiness (TEST UNIT READY),
 * standard INQUIRY data, REPORT LUNS, READ CAPACITY(10), all current mode pages, and the first logical blocks.
 * Two equal snapshots around a sequence of commands show those commands changed nothing observable. Every probe
 * is sent once, without retrying past a unit attention, so a unit attention the commands established shows up as
 * a difference.
 *
 * @param probes probe name to a rendering of its status, sense and data
 */
record ObservableState(Map<String, String> probes) {

    private static final int ALLOCATION = 4096;
    private static final int BLOCKS_READ = 8;

    /** Takes a snapshot through {@code session}, which must have no pending unit attention. */
    static ObservableState take(Session session, Lun lun, CommandCatalog catalog) {
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("TEST UNIT READY", render(session.send(lun, Cdbs.testUnitReady(), 0)));
        if (catalog.find(Cdbs.INQUIRY).isPresent()) {
            probes.put("INQUIRY", render(session.send(lun, Cdbs.inquiry(false, 0, 255), 255)));
        }
        if (catalog.find(Cdbs.REPORT_LUNS).isPresent()) {
            probes.put("REPORT LUNS", render(session.send(lun, Cdbs.reportLuns(0, ALLOCATION), ALLOCATION)));
        }
        if (catalog.find(Cdbs.MODE_SENSE_10).isPresent()) {
            probes.put("MODE SENSE(10)", render(session.send(lun,
                    Cdbs.modeSense10(false, 0, 0x3F, 0x00, ALLOCATION), ALLOCATION)));
        } else if (catalog.find(Cdbs.MODE_SENSE_6).isPresent()) {
            probes.put("MODE SENSE(6)", render(session.send(lun, Cdbs.modeSense6(false, 0, 0x3F, 0x00, 255), 255)));
        }
        if (catalog.find(Cdbs.READ_CAPACITY_10).isPresent()) {
            Exchange capacity = session.send(lun, Cdbs.readCapacity10(), 8);
            probes.put("READ CAPACITY(10)", render(capacity));
            byte[] data = capacity.data();
            if (capacity.isGood() && data.length == 8 && catalog.find(Cdbs.READ_10).isPresent()) {
                long blocks = Bytes.u32(data, 0) + 1;
                long blockLength = Bytes.u32(data, 4);
                int count = (int) Math.min(BLOCKS_READ, blocks);
                if (blockLength > 0 && blockLength * count <= 1 << 20) {
                    probes.put("READ(10) of the first " + count + " blocks", render(session.send(lun,
                            Cdbs.read10(0, count), (int) (blockLength * count))));
                }
            }
        }
        return new ObservableState(probes);
    }

    private static String render(Exchange e) {
        return e.status() + " sense " + e.sense().map(s -> s.senseKey() + " " + s.additionalSense()).orElse("none")
                + " data " + Hex.of(e.data(), 64) + (e.data().length > 64
                        ? " (hash " + Arrays.hashCode(e.data()) + ")" : "");
    }

    /** The probes whose outcome differs from {@code after}, with both outcomes. */
    String differences(ObservableState after) {
        StringJoiner out = new StringJoiner("\n");
        for (Map.Entry<String, String> probe : probes.entrySet()) {
            String later = after.probes.get(probe.getKey());
            if (!probe.getValue().equals(later)) {
                out.add("  " + probe.getKey() + ": before " + probe.getValue() + "\n    after " + later);
            }
        }
        return out.toString();
    }
}
