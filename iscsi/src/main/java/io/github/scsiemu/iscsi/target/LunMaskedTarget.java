package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.ScsiTarget;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.TaskManagementResponse;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A SCSI target device as seen by one initiator under a {@link LunMask}. A command to a hidden LUN is routed to a
 * LUN the device does not have, so the device's own absent-LUN behaviour answers it (SPC-4 4.3: INQUIRY with
 * qualifier 011b, LOGICAL UNIT NOT SUPPORTED for the rest) and the hidden logical unit never sees it; task
 * management to a hidden LUN gets INCORRECT LOGICAL UNIT NUMBER. REPORT LUNS parameter data (SPC-4 6.33) is
 * rewritten to list only visible LUNs, with the LUN LIST LENGTH and allocation length truncation of the rewritten
 * list.
 */
final class LunMaskedTarget implements ScsiTarget {
    private static final int REPORT_LUNS = 0xA0;

    private final ScsiTarget device;
    private final LunMask mask;

    LunMaskedTarget(ScsiTarget device, LunMask mask) {
        this.device = device;
        this.mask = mask;
    }

    @Override
    public ScsiResponse execute(ScsiRequest request) {
        ScsiRequest routed = mask.shows(request.lun()) ? request : withLun(request, absentLun());
        ScsiResponse response = device.execute(routed);
        if (routed.operationCode() == REPORT_LUNS && response.isGood()) {
            return visibleOnly(routed, response);
        }
        return response;
    }

    private static ScsiRequest withLun(ScsiRequest r, Lun lun) {
        return new ScsiRequest(r.nexus(), lun, r.cdb(), r.taskAttribute(), r.tag(), r.dataOut(),
                r.expectedDataInLength());
    }

    /** The lowest single-level LUN the device does not have. */
    private Lun absentLun() {
        Set<Lun> present = new HashSet<>(device.luns());
        for (int n = 0; n <= 0x3FFF; n++) {
            Lun l = Lun.of(n);
            if (!present.contains(l)) {
                return l;
            }
        }
        throw new IllegalStateException("the device uses every single-level LUN");
    }

    private ScsiResponse visibleOnly(ScsiRequest request, ScsiResponse response) {
        byte[] data = response.dataInBytes();
        if (data.length < 8) {
            return response;
        }
        long listLength = be32(data, 0);
        if (data.length < 8 + listLength) { // truncated by the allocation length: fetch the whole list
            byte[] cdb = request.cdb().clone();
            int whole = (int) Math.min(Integer.MAX_VALUE - 8, listLength) + 8;
            put32(cdb, 6, whole);
            ScsiResponse full = device.execute(new ScsiRequest(request.nexus(), request.lun(), cdb,
                    request.taskAttribute(), request.tag(), request.dataOut(), whole));
            if (!full.isGood()) {
                return full;
            }
            data = full.dataInBytes();
            listLength = Math.min(be32(data, 0), data.length - 8);
        }
        ByteBuffer list = ByteBuffer.allocate(8 + (int) listLength);
        list.position(8);
        for (int off = 8; off + 8 <= 8 + listLength; off += 8) {
            if (mask.shows(Lun.fromBytes(data, off))) {
                list.put(data, off, 8);
            }
        }
        int length = list.position();
        list.putInt(0, length - 8);
        long allocation = be32(request.cdb(), 6);
        int available = (int) Math.min(allocation, length);
        int moved = Math.min(available, request.expectedDataInLength());
        return new ScsiResponse(response.status(), ByteBuffer.wrap(list.array(), 0, moved).slice(),
                response.sense(), response.senseFormat(), request.expectedDataInLength() - available,
                response.dataOutResidual(), false);
    }

    private static long be32(byte[] b, int off) {
        return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    @Override
    public TaskManagementResponse manage(TaskManagementRequest request) {
        if (request.function() != TaskManagementFunction.I_T_NEXUS_RESET && !mask.shows(request.lun())) {
            return TaskManagementResponse.INCORRECT_LUN;
        }
        return device.manage(request);
    }

    @Override
    public void nexusLost(Nexus nexus) {
        device.nexusLost(nexus);
    }

    @Override
    public List<Lun> luns() {
        return device.luns().stream().filter(mask::shows).toList();
    }

    @Override
    public Optional<LogicalUnit> logicalUnit(Lun lun) {
        return mask.shows(lun) ? device.logicalUnit(lun) : Optional.empty();
    }
}
