package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.PeripheralDeviceType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** CDBs, nexuses and byte strings for the INQUIRY, REPORT LUNS and target tests. */
public final class Requests {

    public static final String TARGET_NAME = "iqn.2026-01.io.github.scsiemu:disk";
    public static final TargetPort PORT_1 = TargetPort.iscsi(TARGET_NAME, 1, 1, 0);
    public static final TargetPort PORT_2 = TargetPort.iscsi(TARGET_NAME, 2, 2, 1);

    private Requests() {
    }

    /** The logical unit the brief prescribes. */
    public static DeviceServer disk() {
        return DeviceServer.builder(identity()).build();
    }

    public static LogicalUnitIdentity identity() {
        return LogicalUnitIdentity.of(PeripheralDeviceType.DIRECT_ACCESS, "TEST", "SN1", List.of(0x00A0, 0x0460));
    }

    public static Nexus nexus(String host, TargetPort port) {
        return new Nexus(InitiatorPort.named("iqn.2026-01.org.example:" + host), port);
    }

    public static Nexus nexus(String host) {
        return nexus(host, PORT_1);
    }

    public static byte[] inquiry(boolean evpd, int pageCode, int allocationLength) {
        return new byte[] {0x12, (byte) (evpd ? 1 : 0), (byte) pageCode, (byte) (allocationLength >> 8),
            (byte) allocationLength, 0};
    }

    public static byte[] reportLuns(int selectReport, long allocationLength) {
        return new byte[] {(byte) 0xA0, 0, (byte) selectReport, 0, 0, 0, (byte) (allocationLength >> 24),
            (byte) (allocationLength >> 16), (byte) (allocationLength >> 8), (byte) allocationLength, 0, 0};
    }

    public static byte[] testUnitReady() {
        return new byte[6];
    }

    public static byte[] requestSense(int allocationLength) {
        return new byte[] {0x03, 0, 0, 0, (byte) allocationLength, 0};
    }

    public static ScsiRequest request(Nexus nexus, Lun lun, byte[] cdb, int expectedDataInLength) {
        return ScsiRequest.of(nexus, lun, cdb, expectedDataInLength);
    }

    public static ScsiRequest request(Nexus nexus, byte[] cdb, int expectedDataInLength) {
        return ScsiRequest.of(nexus, Lun.of(0), cdb, expectedDataInLength);
    }

    /** Concatenates parts: an Integer is one byte, a String its ASCII bytes, a byte[] itself. */
    public static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                out.write(i);
            } else if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            } else if (p instanceof byte[] b) {
                out.writeBytes(b);
            } else {
                throw new IllegalArgumentException(String.valueOf(p));
            }
        }
        return out.toByteArray();
    }

    /** {@code n} zero bytes. */
    public static byte[] zeros(int n) {
        return new byte[n];
    }
}
