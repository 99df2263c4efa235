package io.github.scsiemu.examples;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.ScsiTarget;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.sbc.BlockDevice;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.sense.SenseDecoder;
import io.github.scsiemu.sense.SenseRenderer;
import io.github.scsiemu.spc.target.SimpleTarget;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The README's quick start as a program: builds a target with one thin-provisioned disk, sends it real CDBs in
 * process and prints what comes back, decoded: standard INQUIRY (SPC-4 6.6.2), the Device Identification VPD page
 * (SPC-4 7.8.6), READ CAPACITY(16) (SBC-4 5.21), a write and read back, and the sense data of a read past the end.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /** Runs the example and prints to standard output. */
    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(PrintStream out) {
        TargetPort port = TargetPort.iscsi("iqn.2026-01.io.github.scsiemu:quickstart", 1, 1, 0);
        ScsiTarget target = SimpleTarget.builder()
                .port(port)
                .logicalUnit(0, BlockDevice.create(DiskConfig.of(1L << 21, 512, "QUICKSTART DISK", "QS0001")
                        .withLogicalBlocksPerPhysicalBlockExponent(3)))
                .build();
        Nexus nexus = new Nexus(InitiatorPort.iscsi("iqn.2026-01.org.example:host", 0x23d000000001L), port);
        Lun lun = Lun.of(0);

        // The first command of a new I_T nexus reports the power-on unit attention.
        ScsiResponse tur = target.execute(ScsiRequest.of(nexus, lun, cdb(0x00, 0, 0, 0, 0, 0), 0));
        out.println("TEST UNIT READY -> " + tur.status());
        out.println("  " + describeSense(tur).replace("\n", "\n  "));
        out.println("TEST UNIT READY -> "
                + target.execute(ScsiRequest.of(nexus, lun, cdb(0x00, 0, 0, 0, 0, 0), 0)).status());

        byte[] inquiry = target.execute(ScsiRequest.of(nexus, lun, cdb(0x12, 0, 0, 0, 96, 0), 96)).dataInBytes();
        out.println();
        out.println("INQUIRY (" + inquiry.length + " bytes)");
        out.printf("  peripheral qualifier %d, device type %02Xh, version %02Xh, response data format %d%n",
                (inquiry[0] & 0xE0) >> 5, inquiry[0] & 0x1F, inquiry[2] & 0xFF, inquiry[3] & 0x0F);
        out.printf("  vendor '%s', product '%s', revision '%s'%n", ascii(inquiry, 8, 8), ascii(inquiry, 16, 16),
                ascii(inquiry, 32, 4));
        out.print("  version descriptors:");
        for (int i = 58; i + 1 < inquiry.length && i < 74; i += 2) {
            int v = ((inquiry[i] & 0xFF) << 8) | (inquiry[i + 1] & 0xFF);
            if (v != 0) {
                out.printf(" %04Xh", v);
            }
        }
        out.println();

        byte[] vpd83 = target.execute(ScsiRequest.of(nexus, lun, cdb(0x12, 1, 0x83, 0x01, 0, 0), 256)).dataInBytes();
        out.println();
        out.println("VPD 83h DEVICE IDENTIFICATION");
        int end = 4 + (((vpd83[2] & 0xFF) << 8) | (vpd83[3] & 0xFF));
        for (int o = 4; o + 4 <= Math.min(end, vpd83.length);) {
            int codeSet = vpd83[o] & 0x0F;
            int association = (vpd83[o + 1] >> 4) & 0x03;
            int type = vpd83[o + 1] & 0x0F;
            int length = vpd83[o + 3] & 0xFF;
            byte[] id = Arrays.copyOfRange(vpd83, o + 4, Math.min(vpd83.length, o + 4 + length));
            out.printf("  %-26s %-12s %s%n", designatorType(type), association(association),
                    codeSet == 1 ? hex(id) : ascii(id, 0, id.length));
            o += 4 + length;
        }

        byte[] capacity = target.execute(ScsiRequest.of(nexus, lun,
                cdb(0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0), 32)).dataInBytes();
        ByteBuffer c = ByteBuffer.wrap(capacity);
        out.println();
        out.println("READ CAPACITY(16)");
        out.printf("  last LBA %d, logical block length %d, logical blocks per physical block 2^%d%n",
                c.getLong(0), c.getInt(8), capacity[13] & 0x0F);

        byte[] block = new byte[512];
        Arrays.fill(block, (byte) 0xA5);
        ScsiResponse write = target.execute(ScsiRequest.withDataOut(nexus, lun,
                cdb(0x2A, 0, 0, 0, 0, 7, 0, 0, 1, 0), ByteBuffer.wrap(block)));
        ScsiResponse read = target.execute(ScsiRequest.of(nexus, lun, cdb(0x28, 0, 0, 0, 0, 7, 0, 0, 1, 0), 512));
        out.println();
        out.println("WRITE(10) LBA 7 -> " + write.status() + "; READ(10) LBA 7 -> " + read.status()
                + ", data matches: " + Arrays.equals(block, read.dataInBytes()));

        ScsiResponse outOfRange = target.execute(ScsiRequest.of(nexus, lun,
                cdb(0x88, 0, 0, 0, 0, 0, 0, 0x20, 0, 0, 0, 0, 0, 1, 0, 0), 512));
        out.println();
        out.println("READ(16) past the last LBA -> " + outOfRange.status());
        out.println("  sense bytes: " + hex(outOfRange.senseBytes()));
        out.println("  " + describeSense(outOfRange).replace("\n", "\n  "));

        ScsiResponse reserved = target.execute(ScsiRequest.of(nexus, lun, cdb(0x12, 0x02, 0, 0, 96, 0), 96));
        out.println();
        out.println("INQUIRY with reserved bit 1 of byte 1 set -> " + reserved.status());
        out.println("  " + describeSense(reserved).replace("\n", "\n  "));
    }

    private static String describeSense(ScsiResponse response) {
        byte[] sense = response.senseBytes();
        return sense.length == 0 ? "no sense data" : SenseRenderer.render(SenseDecoder.decode(sense));
    }

    private static byte[] cdb(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, Math.max(0, Math.min(length, b.length - offset)), StandardCharsets.US_ASCII)
                .trim();
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }

    private static String designatorType(int type) {
        switch (type) {
            case 1:
                return "T10 vendor ID based";
            case 3:
                return "NAA";
            case 4:
                return "relative target port";
            case 5:
                return "target port group";
            case 8:
                return "SCSI name string";
            default:
                return "designator type " + type;
        }
    }

    private static String association(int association) {
        switch (association) {
            case 0:
                return "(LU)";
            case 1:
                return "(port)";
            case 2:
                return "(target)";
            default:
                return "(reserved)";
        }
    }
}
