package io.github.scsiemu.iscsi.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.proptest.Property;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PduCodecTest {

    @Test
    void decodeOfEncodeIsIdentity() {
        Property.forAll("decodeOfEncodeIsIdentity", PduGenerators.ANY).tries(2000).check(pdu -> {
            try {
                assertThat(PduCodec.decode(pdu.toRaw())).isEqualTo(pdu);
            } catch (PduFormatException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void readOfWriteIsIdentityWithAndWithoutDigests() {
        Property.forAll("readOfWriteIsIdentityWithAndWithoutDigests", PduGenerators.ANY).tries(500).check(pdu -> {
            for (Digests d : new Digests[] {Digests.NONE, Digests.BOTH, new Digests(true, false)}) {
                try {
                    byte[] wire = write(pdu.toRaw(), d);
                    int pad = RawPdu.padding(pdu.data().remaining());
                    assertThat(wire.length % 4).isZero();
                    assertThat(wire.length).isEqualTo(48 + pdu.toRaw().ahs().remaining() + (d.header() ? 4 : 0)
                            + pdu.data().remaining() + pad + (d.data() && pdu.data().hasRemaining() ? 4 : 0));
                    RawPdu back = new PduReader(Channels.newChannel(new ByteArrayInputStream(wire))).read(d, 1 << 24);
                    assertThat(PduCodec.decode(back)).isEqualTo(pdu);
                } catch (IOException | PduFormatException e) {
                    throw new AssertionError(e);
                }
            }
        });
    }

    @Test
    void scsiCommandHeaderHasRfcLayout() {
        byte[] cdb = {0x28, 0, 0, 0, 0, 0x10, 0, 0, 2, 0};
        ScsiCommandPdu c = new ScsiCommandPdu(false, true, true, false, 1, Lun.of(3), 0x11223344, 1024, 7, 9,
                ByteBuffer.wrap(cdb), OptionalInt.empty(), ByteBuffer.allocate(0));
        ByteBuffer h = c.toRaw().header();
        assertThat(h.get(0)).isEqualTo((byte) 0x01);
        assertThat(h.get(1)).isEqualTo((byte) 0xC1); // F, R, ATTR=1
        assertThat(h.getLong(8)).isEqualTo(0x0003_0000_0000_0000L);
        assertThat(h.getInt(16)).isEqualTo(0x11223344);
        assertThat(h.getInt(20)).isEqualTo(1024);
        assertThat(h.getInt(24)).isEqualTo(7);
        assertThat(h.getInt(28)).isEqualTo(9);
        assertThat(h.get(32)).isEqualTo((byte) 0x28);
        assertThat(h.get(37)).isEqualTo((byte) 0x10);
        assertThat(c.toRaw().ahs().remaining()).isZero();
    }

    @Test
    void extendedCdbTravelsInAnAhsOfType1() throws Exception {
        byte[] cdb = new byte[32];
        for (int i = 0; i < cdb.length; i++) {
            cdb[i] = (byte) (i + 1);
        }
        ScsiCommandPdu c = new ScsiCommandPdu(false, true, false, false, 0, Lun.of(0), 1, 0, 0, 0,
                ByteBuffer.wrap(cdb), OptionalInt.of(512), ByteBuffer.allocate(0));
        RawPdu raw = c.toRaw();
        ByteBuffer ahs = raw.ahs();
        // extended CDB AHS: length 17 (reserved + 16 bytes), type 1, padded to 20 + 4; then bidi AHS of 8
        assertThat(ahs.remaining()).isEqualTo(20 + 8);
        assertThat(ahs.getShort(0)).isEqualTo((short) 17);
        assertThat(ahs.get(2)).isEqualTo((byte) 1);
        assertThat(ahs.get(4)).isEqualTo((byte) 17);
        assertThat(ahs.getShort(20)).isEqualTo((short) 5);
        assertThat(ahs.get(22)).isEqualTo((byte) 2);
        assertThat(ahs.getInt(24)).isEqualTo(512);
        assertThat(raw.header().get(4)).isEqualTo((byte) 7); // TotalAHSLength in words
        assertThat(((ScsiCommandPdu) PduCodec.decode(raw)).cdbBytes()).isEqualTo(cdb);
    }

    @Test
    void crc32cMatchesTheStandardCheckValueAndIsSentLeastSignificantByteFirst() {
        int crc = Crc32c.of(ByteBuffer.wrap("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertThat(crc).isEqualTo(0xE3069283);
        assertThat(Crc32c.toWire(crc).array()).containsExactly(0x83, 0x92, 0x06, 0xE3);
    }

    @Test
    void undefinedOpcodeIsCommandNotSupported() {
        ByteBuffer h = ByteBuffer.allocate(48);
        h.put(0, (byte) 0x1C);
        assertThatThrownBy(() -> PduCodec.decode(new RawPdu(h, ByteBuffer.allocate(0), ByteBuffer.allocate(0))))
                .isInstanceOfSatisfying(PduFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.COMMAND_NOT_SUPPORTED);
                    assertThat(e.header().orElseThrow().get(0)).isEqualTo((byte) 0x1C);
                });
    }

    @Test
    void oversizedDataSegmentIsAFramingError() throws Exception {
        NopOutPdu nop = new NopOutPdu(true, Lun.of(0), 1, -1, 0, 0, ByteBuffer.allocate(1000));
        byte[] wire = write(nop.toRaw(), Digests.NONE);
        assertThatThrownBy(() -> new PduReader(Channels.newChannel(new ByteArrayInputStream(wire))).read(Digests.NONE,
                512)).isInstanceOf(FramingException.class).hasMessageContaining("1000");
    }

    @Test
    void corruptHeaderDigestDropsAndCorruptDataDigestRejects() throws Exception {
        NopOutPdu nop = new NopOutPdu(true, Lun.of(0), 1, -1, 0, 0, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        byte[] wire = write(nop.toRaw(), Digests.BOTH);
        byte[] badHeader = wire.clone();
        badHeader[49] ^= 1;
        assertThatThrownBy(() -> new PduReader(Channels.newChannel(new ByteArrayInputStream(badHeader)))
                .read(Digests.BOTH, 8192)).isInstanceOf(FramingException.class);
        byte[] badData = wire.clone();
        badData[48 + 4 + 1] ^= 1;
        assertThatThrownBy(() -> new PduReader(Channels.newChannel(new ByteArrayInputStream(badData)))
                .read(Digests.BOTH, 8192)).isInstanceOfSatisfying(PduFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.DATA_DIGEST_ERROR));
    }

    @Test
    void endOfStreamBetweenPdusIsCleanAndInsideOneIsAnError() throws Exception {
        assertThat(new PduReader(Channels.newChannel(new ByteArrayInputStream(new byte[0]))).read(Digests.NONE, 8192))
                .isNull();
        assertThatThrownBy(() -> new PduReader(Channels.newChannel(new ByteArrayInputStream(new byte[20])))
                .read(Digests.NONE, 8192)).isInstanceOf(IOException.class);
    }

    @Test
    void senseSegmentCarriesSenseLengthFirst() {
        ByteBuffer seg = ScsiResponsePdu.senseSegment(new byte[] {0x70, 0, 5});
        assertThat(seg.getShort(0)).isEqualTo((short) 3);
        ScsiResponsePdu r = new ScsiResponsePdu(false, false, false, false, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, seg);
        assertThat(r.senseData()).containsExactly(0x70, 0, 5);
    }

    @Test
    void serialNumbersWrapAround() {
        assertThat(SerialNumbers.lessThan(0xFFFF_FFF0, 5)).isTrue();
        assertThat(SerialNumbers.lessThan(5, 0xFFFF_FFF0)).isFalse();
        assertThat(SerialNumbers.inWindow(2, 0xFFFF_FFFE, 3)).isTrue();
        assertThat(SerialNumbers.inWindow(4, 0xFFFF_FFFE, 3)).isFalse();
    }

    static byte[] write(RawPdu raw, Digests d) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel ch = Channels.newChannel(out);
        new PduWriter(new GatheringAdapter(ch)).write(raw, d);
        return out.toByteArray();
    }

    /** A gathering channel over any writable channel. */
    static final class GatheringAdapter implements GatheringByteChannel {
        private final WritableByteChannel ch;

        GatheringAdapter(WritableByteChannel ch) {
            this.ch = ch;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += ch.write(srcs[i]);
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return ch.write(src);
        }

        @Override
        public boolean isOpen() {
            return ch.isOpen();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
