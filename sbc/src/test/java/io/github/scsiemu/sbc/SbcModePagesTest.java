package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sbc.pages.CachingModePage;
import io.github.scsiemu.sense.SenseData;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The disk's mode pages, header and block descriptors (SBC-4 6.4, 6.5), and WCE's effect on durability. */
class SbcModePagesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int BS = 512;

    /** A store that counts synchronize calls. */
    static final class RecordingStore implements BlockStore {
        final SparseMemoryBlockStore delegate;
        final AtomicInteger synchronizations = new AtomicInteger();

        RecordingStore(long capacity) {
            this.delegate = new SparseMemoryBlockStore(BS, capacity);
        }

        @Override public int blockSize() { return delegate.blockSize(); }
        @Override public long capacity() { return delegate.capacity(); }
        @Override public void read(long lba, ByteBuffer destination) { delegate.read(lba, destination); }
        @Override public void write(long lba, ByteBuffer source) { delegate.write(lba, source); }
        @Override public void deallocate(long lba, long blocks) { delegate.deallocate(lba, blocks); }
        @Override public void anchor(long lba, long blocks) { delegate.anchor(lba, blocks); }
        @Override public ProvisioningRun provisioningStatus(long lba, long max) {
            return delegate.provisioningStatus(lba, max);
        }
        @Override public void resize(long newCapacity) { delegate.resize(newCapacity); }
        @Override public boolean isPersistent() { return false; }
        @Override public void close() { delegate.close(); }

        @Override
        public void synchronize(long lba, long blocks) {
            synchronizations.incrementAndGet();
        }
    }

    private final RecordingStore store = new RecordingStore(1000);
    private final Disk disk = Disk.builder(DiskConfig.builder(1000, BS).thin().build()).store(store).build();
    private final Initiator init = Initiator.connect(disk.logicalUnit());

    private static String sense6(Initiator i, int cdb1, int pcAndPage) {
        ScsiResponse r = i.send(new byte[] {0x1A, (byte) cdb1, (byte) pcAndPage, 0, (byte) 0xFF, 0}, 255);
        assertThat(r.status()).as("%s", r.sense()).isEqualTo(Status.GOOD);
        return HEX.formatHex(r.dataInBytes());
    }

    private static String sense10(Initiator i, int cdb1, int pcAndPage) {
        ScsiResponse r = i.send(new byte[] {0x5A, (byte) cdb1, (byte) pcAndPage, 0, 0, 0, 0, 0, (byte) 0xFF, 0}, 255);
        assertThat(r.status()).as("%s", r.sense()).isEqualTo(Status.GOOD);
        return HEX.formatHex(r.dataInBytes());
    }

    private ScsiResponse select6(String hexList) {
        byte[] list = HEX.parseHex(hexList);
        return init.send(new byte[] {0x15, 0x10, 0, 0, (byte) list.length, 0}, list);
    }

    private static final String CACHING = "04" + "00".repeat(17);
    private static final String SHORT_DESCRIPTOR = "000003e8" + "00" + "000200";

    @Test
    void cachingPageDefaultsToWriteCacheEnabledWithTheShortBlockDescriptor() {
        assertThat(sense6(init, 0, 0x08)).isEqualTo("1f" + "00" + "10" + "08" + SHORT_DESCRIPTOR + "8812" + "04" + "00"
                + "00".repeat(16));
        assertThat(sense6(init, 0x08, 0x48)).isEqualTo("17" + "00" + "10" + "00" + "8812" + "04" + "00"
                + "00".repeat(16)); // DBD, changeable values: WCE only
        assertThat(disk.modePages().current(CachingModePage.PAGE)).isEqualTo(new CachingModePage(true, false));
    }

    @Test
    void readWriteErrorRecoveryAndInformationalExceptionsPages() {
        assertThat(sense6(init, 0x08, 0x01)).isEqualTo("0f001000" + "810a" + "c0" + "00".repeat(9));
        assertThat(sense6(init, 0x08, 0x41)).isEqualTo("0f001000" + "810a" + "00".repeat(10));
        assertThat(sense6(init, 0x08, 0x1C)).isEqualTo("0f001000" + "9c0a" + "08" + "00".repeat(9));
        assertThat(sense6(init, 0x08, 0x5C)).isEqualTo("0f001000" + "9c0a" + "08" + "0f" + "00".repeat(8));
    }

    @Test
    void allPagesComeInPageCodeOrder() {
        String all = sense6(init, 0x08, 0x3F);
        assertThat(all.substring(8, 12)).isEqualTo("810a");
        assertThat(all.substring(8 + 24, 8 + 28)).isEqualTo("8812");
        assertThat(all.substring(8 + 24 + 40, 8 + 24 + 44)).isEqualTo("8a0a");
        assertThat(all.substring(8 + 24 + 40 + 24, 8 + 24 + 40 + 28)).isEqualTo("9c0a");
    }

    @Test
    void clearingWceMakesEveryWriteDurableBeforeGood() {
        init.write(0, Initiator.filled(BS, 1), BS);
        assertThat(store.synchronizations).hasValue(0);

        assertThat(select6("00000000" + "0812" + "00".repeat(18)).status()).isEqualTo(Status.GOOD);
        assertThat(disk.medium().isWriteCacheEnabled()).isFalse();
        init.write(1, Initiator.filled(BS, 2), BS);
        assertThat(store.synchronizations).hasValue(1);
        assertThat(sense6(init, 0x08, 0x08)).isEqualTo("17001000" + "8812" + "00".repeat(18));

        assertThat(select6("00000000" + "0812" + CACHING).status()).isEqualTo(Status.GOOD);
        init.write(2, Initiator.filled(BS, 3), BS);
        assertThat(store.synchronizations).hasValue(1);
    }

    @Test
    void modeSelectRefusesUnchangeableBitsAndReservedMrie() {
        ScsiResponse rcd = select6("00000000" + "0812" + "05" + "00".repeat(17));
        assertThat(rcd.sense()).contains(SenseData.invalidFieldInParameterList(4 + 2, 0));
        ScsiResponse mrie = select6("00000000" + "1c0a" + "08" + "07" + "00".repeat(8));
        assertThat(mrie.sense()).contains(SenseData.invalidFieldInParameterList(4 + 3, 3));
        assertThat(select6("00000000" + "1c0a" + "00" + "06" + "00".repeat(8)).status()).isEqualTo(Status.GOOD);
        assertThat(sense6(init, 0x08, 0x1C)).isEqualTo("0f001000" + "9c0a" + "00" + "06" + "00".repeat(8));
    }

    @Test
    void writeProtectBitFollowsConfigurationAndSoftwareWriteProtect() {
        Initiator readOnly = Initiator.connect(BlockDevice.create(DiskConfig.builder(10, BS).readOnly(true).build()));
        assertThat(sense6(readOnly, 0x08, 0x08).substring(4, 6)).isEqualTo("90");
        assertThat(select6("00000000" + "0a0a" + "0200" + "0800" + "00".repeat(6)).status()).isEqualTo(Status.GOOD);
        assertThat(sense6(init, 0x08, 0x08).substring(4, 6)).isEqualTo("90");
    }

    @Test
    void longLbaBlockDescriptorWithLlbaa() {
        assertThat(sense10(init, 0x10, 0x08)).isEqualTo("002a" + "00" + "10" + "01" + "00" + "0010"
                + "00000000000003e8" + "00000000" + "00000200" + "8812" + CACHING);
        assertThat(sense10(init, 0x10, 0x48).substring(16, 48)).isEqualTo("00".repeat(16));
    }

    @Test
    void shortBlockDescriptorSaturatesAboveFourGigablocks() {
        Disk big = Disk.builder(DiskConfig.builder((1L << 32) + 5, BS).thin().build()).build();
        Initiator i = Initiator.connect(big.logicalUnit());
        assertThat(sense6(i, 0, 0x08).substring(8, 24)).isEqualTo("ffffffff" + "00" + "000200");
        assertThat(sense10(i, 0x10, 0x08).substring(16, 48)).isEqualTo("0000000100000005" + "00000000" + "00000200");
    }

    @Test
    void modeSelectAcceptsOnlyTheCurrentBlockDescriptor() {
        assertThat(select6("00000008" + SHORT_DESCRIPTOR).status()).isEqualTo(Status.GOOD);
        assertThat(select6("00000008" + "00000000" + "00" + "000200").status()).isEqualTo(Status.GOOD);
        assertThat(select6("00000008" + "000003e7" + "00" + "000200").sense())
                .contains(SenseData.invalidFieldInParameterList(4, 7));
        assertThat(select6("00000008" + "000003e8" + "00" + "001000").sense())
                .contains(SenseData.invalidFieldInParameterList(4 + 5, 7));
        assertThat(select6("00000008" + "000003e8" + "02" + "000200").sense())
                .contains(SenseData.invalidFieldInParameterList(4 + 4, 1));
        assertThat(select6("00000010" + SHORT_DESCRIPTOR + SHORT_DESCRIPTOR).sense())
                .contains(SenseData.invalidFieldInParameterList(4 + 8, 7));
    }
}
