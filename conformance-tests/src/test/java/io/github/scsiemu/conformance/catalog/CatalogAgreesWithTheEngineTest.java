package io.github.scsiemu.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.conformance.InProcessTarget;
import io.github.scsiemu.conformance.Session;
import io.github.scsiemu.conformance.scsi.Commands;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.PeripheralDeviceType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog read over the wire equals the engine's own declarations: every declared command is listed, with the
 * usage data of its descriptor (a self-test that reaches into our own device, which the suites never do).
 */
class CatalogAgreesWithTheEngineTest {

    @Test
    void theCatalogListsEveryDeclaredCommandWithItsUsageData() {
        DeviceServer disk = DeviceServer.builder(LogicalUnitIdentity.of(PeripheralDeviceType.DIRECT_ACCESS, "TEST",
                "SN1", List.of(0x00A0, 0x0460))).build();
        try (Session session = InProcessTarget.of("disk", disk).openSession()) {
            Commands.clearUnitAttentions(session, Lun.of(0));
            CommandCatalog catalog = CommandCatalog.read(session, Lun.of(0));
            assertThat(catalog.commands()).hasSameSizeAs(disk.commands().commands());
            for (Command command : disk.commands().commands()) {
                CommandDescriptor d = command.descriptor();
                SupportedCommand listed = d.serviceAction().isPresent()
                        ? catalog.find(d.operationCode(), d.serviceAction().getAsInt()).orElseThrow()
                        : catalog.find(d.operationCode()).orElseThrow();
                assertThat(listed.usageData()).as(d.toString()).isEqualTo(d.usageData());
                assertThat(listed.cdbLength()).isEqualTo(d.cdbLength());
            }
        }
    }
}
