package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MediumErrorTest {

    /** A store whose every transfer fails as a broken file would. */
    private static final class FailingStore implements BlockStore {
        @Override
        public int blockSize() {
            return 512;
        }

        @Override
        public long capacity() {
            return 8;
        }

        @Override
        public void read(long lba, ByteBuffer destination) {
            throw new UncheckedIOException(new IOException("bad sector"));
        }

        @Override
        public void write(long lba, ByteBuffer source) {
            throw new UncheckedIOException(new IOException("bad sector"));
        }

        @Override
        public void synchronize(long lba, long blocks) {
            throw new UncheckedIOException(new IOException("bad sector"));
        }

        @Override
        public void deallocate(long lba, long blocks) {
            throw new UncheckedIOException(new IOException("bad sector"));
        }

        @Override
        public void anchor(long lba, long blocks) {
            throw new UncheckedIOException(new IOException("bad sector"));
        }

        @Override
        public ProvisioningRun provisioningStatus(long lba, long maxBlocks) {
            return new ProvisioningRun(lba, Math.min(maxBlocks, capacity() - lba), ProvisioningState.MAPPED);
        }

        @Override
        public void resize(long newCapacity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isPersistent() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void storeFailuresBecomeMediumErrors() {
        Initiator i = Initiator.connect(BlockDevice.create(DiskConfig.of(8, 512, "D", "S"), new FailingStore()));
        assertThat(i.send(Initiator.read10(3, 1), 512).sense()).contains(SenseData.of(SenseKey.MEDIUM_ERROR,
                AdditionalSense.UNRECOVERED_READ_ERROR).withInformation(3));
        assertThat(i.send(Initiator.write10(5, 1), new byte[512]).sense()).contains(SenseData.of(
                SenseKey.MEDIUM_ERROR, AdditionalSense.WRITE_ERROR).withInformation(5));
    }
}
