package io.github.scsiemu.sbc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Builds EXTENDED COPY (LID1) CDBs and parameter lists and RECEIVE COPY RESULTS CDBs for tests (SPC-4 6.4). */
final class XcopyLists {

    private XcopyLists() {
    }

    static byte[] extendedCopy(int parameterListLength) {
        byte[] c = new byte[16];
        c[0] = (byte) 0x83;
        ByteBuffer.wrap(c).putInt(10, parameterListLength);
        return c;
    }

    static byte[] receiveCopyResults(int serviceAction, int listIdentifier, int allocationLength) {
        byte[] c = new byte[16];
        c[0] = (byte) 0x84;
        c[1] = (byte) serviceAction;
        c[2] = (byte) listIdentifier;
        ByteBuffer.wrap(c).putInt(10, allocationLength);
        return c;
    }

    /** An identification CSCD descriptor (E4h) naming {@code disk} by its NAA designator. */
    static byte[] cscd(Disk disk) {
        return cscd(disk.config().identity().naaRegisteredExtended(), disk.config().logicalBlockSize());
    }

    static byte[] cscd(byte[] naa, int blockLength) {
        byte[] d = new byte[32];
        d[0] = (byte) 0xE4;
        d[4] = 0x01; // binary
        d[5] = 0x03; // association LU, NAA
        d[7] = (byte) naa.length;
        System.arraycopy(naa, 0, d, 8, naa.length);
        d[29] = (byte) (blockLength >> 16);
        d[30] = (byte) (blockLength >> 8);
        d[31] = (byte) blockLength;
        return d;
    }

    /** A block device to block device segment descriptor (02h). */
    static byte[] segment(int source, int destination, int blocks, long sourceLba, long destinationLba) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.put(0, (byte) 0x02).putShort(2, (short) 0x18).putShort(4, (short) source)
                .putShort(6, (short) destination).putShort(10, (short) blocks).putLong(12, sourceLba)
                .putLong(20, destinationLba);
        return b.array();
    }

    /** A parameter list: header (LIST ID USAGE {@code usage}) then the CSCD and segment descriptors. */
    static byte[] list(int listIdentifier, int usage, byte[][] cscds, byte[]... segments) {
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        for (byte[] d : cscds) {
            c.writeBytes(d);
        }
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (byte[] d : segments) {
            s.writeBytes(d);
        }
        ByteBuffer h = ByteBuffer.allocate(16);
        h.put(0, (byte) listIdentifier).put(1, (byte) (usage << 3)).putShort(2, (short) c.size())
                .putInt(8, s.size());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(h.array());
        all.writeBytes(c.toByteArray());
        all.writeBytes(s.toByteArray());
        return all.toByteArray();
    }

    static byte[][] cscds(byte[]... d) {
        return d;
    }
}
