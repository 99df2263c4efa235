package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.sbc.ProvisioningRun;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * GET LBA STATUS (SBC-4 5.8), service action 12h of SERVICE ACTION IN (16): the provisioning status of the
 * logical blocks from STARTING LOGICAL BLOCK ADDRESS on, as LBA status descriptors of consecutive runs in the same
 * state: mapped (0h), deallocated (1h) or anchored (2h). Only a thin provisioned disk has this command.
 *
 * <p>The CDB: SERVICE ACTION (byte 1 bits 4-0), STARTING LOGICAL BLOCK ADDRESS (bytes 2-9), ALLOCATION LENGTH
 * (bytes 10-13); byte 14 (REPORT TYPE in later SBC-4 revisions) is treated as reserved, so every LBA is reported.
 * A STARTING LOGICAL BLOCK ADDRESS at or beyond the capacity ends the command with LOGICAL BLOCK ADDRESS OUT OF
 * RANGE.
 *
 * <p>The parameter data (SBC-4 5.8.2): PARAMETER DATA LENGTH (bytes 0-3, the bytes that follow it), four reserved
 * bytes, then 16-byte descriptors: LBA (8 bytes), NUMBER OF LOGICAL BLOCKS (4 bytes, so a longer run is split),
 * PROVISIONING STATUS (byte 12 bits 3-0), ADDITIONAL STATUS (byte 13, zero) and two reserved bytes. The first
 * descriptor starts at the requested LBA (QEMU relies on it). The device server returns as many descriptors as fit
 * the ALLOCATION LENGTH (at least one, at most {@value #MAXIMUM_DESCRIPTORS}), stopping at the end of the medium;
 * PARAMETER DATA LENGTH describes exactly the descriptors returned.
 */
public final class GetLbaStatus {

    /** SERVICE ACTION (12h). */
    public static final CdbField SERVICE_ACTION = CdbField.bits("SERVICE ACTION", 1, 4, 5);
    /** STARTING LOGICAL BLOCK ADDRESS. */
    public static final CdbField STARTING_LOGICAL_BLOCK_ADDRESS =
            CdbField.bytes("STARTING LOGICAL BLOCK ADDRESS", 2, 8).as(CdbField.Role.LOGICAL_BLOCK_ADDRESS);
    /** ALLOCATION LENGTH. */
    public static final CdbField ALLOCATION_LENGTH =
            CdbField.bytes("ALLOCATION LENGTH", 10, 4).as(CdbField.Role.ALLOCATION_LENGTH);

    /** Operation code 9Eh, service action 12h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("GET LBA STATUS", 0x9E, 16)
            .serviceAction(0x12, SERVICE_ACTION)
            .fields(STARTING_LOGICAL_BLOCK_ADDRESS, ALLOCATION_LENGTH)
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.READ)
            .build();

    /** The most descriptors one command returns. */
    public static final int MAXIMUM_DESCRIPTORS = 8192;

    private static final int HEADER_LENGTH = 8;
    private static final int DESCRIPTOR_LENGTH = 16;
    private static final long MAXIMUM_RUN = 0xFFFF_FFFFL;

    private GetLbaStatus() {
    }

    /** The command, reporting on {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> {
            Cdb cdb = context.cdb();
            long lba = cdb.logicalBlockAddress();
            medium.checkRange(lba, 1);
            long fit = (cdb.allocationLength() - HEADER_LENGTH) / DESCRIPTOR_LENGTH;
            int wanted = (int) Math.max(1, Math.min(fit, MAXIMUM_DESCRIPTORS));
            return CommandResult.data(parameterData(runs(medium, lba, wanted)));
        });
    }

    /** Up to {@code wanted} runs from {@code lba} on, none longer than a descriptor can say. */
    private static List<ProvisioningRun> runs(Medium medium, long lba, int wanted) {
        List<ProvisioningRun> runs = new ArrayList<>();
        long capacity = medium.capacity();
        for (long next = lba; next < capacity && runs.size() < wanted; ) {
            ProvisioningRun run = medium.provisioningStatus(next, Math.min(MAXIMUM_RUN, capacity - next));
            runs.add(run);
            next = run.lba() + run.blocks();
        }
        return runs;
    }

    /** The GET LBA STATUS parameter data for the given runs. */
    public static ByteBuffer parameterData(List<ProvisioningRun> runs) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + runs.size() * DESCRIPTOR_LENGTH);
        b.putInt(b.capacity() - 4).putInt(0);
        for (ProvisioningRun run : runs) {
            b.putLong(run.lba()).putInt((int) run.blocks()).put((byte) run.state().code()).put((byte) 0)
                    .putShort((short) 0);
        }
        return b.flip();
    }
}
