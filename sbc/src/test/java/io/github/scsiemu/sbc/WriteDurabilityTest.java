package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Status;
import io.github.scsiemu.sbc.SyncRecordingStore.Sync;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** FUA and the write cache (SBC-4 4.15): which commands make their blocks durable before GOOD. */
class WriteDurabilityTest {

    private static final int BS = 512;
    private static final int FUA = 0x08;

    private final SyncRecordingStore store = new SyncRecordingStore(BS, 100);
    private final Disk disk = Disk.builder(DiskConfig.of(100, BS, "DISK", "F1")).store(store).build();
    private final Initiator init = Initiator.connect(disk.logicalUnit());

    private void send(byte[] cdb, int flags, byte[] dataOut) {
        cdb[1] |= (byte) flags;
        assertThat(init.send(cdb, dataOut).status()).as("opcode %02x", cdb[0]).isEqualTo(Status.GOOD);
    }

    private static byte[] caw(long lba) {
        byte[] c = new byte[16];
        c[0] = (byte) 0x89;
        ByteBuffer.wrap(c).putLong(2, lba);
        c[13] = 1;
        return c;
    }

    @Test
    void withTheWriteCacheDisabledEveryWriteIsDurableBeforeGood() {
        disk.medium().writeCacheEnabled(() -> false);
        send(Initiator.write10(3, 2), 0, new byte[2 * BS]);
        send(ReadWrite6And12Test.cdb6(0x0A, 7, 1), 0, new byte[BS]);
        assertThat(store.syncs()).containsExactly(new Sync(3, 2), new Sync(7, 1));
    }

    @Test
    void withTheWriteCacheEnabledOnlyFuaWritesAreDurableBeforeGood() {
        disk.medium().writeCacheEnabled(() -> true);
        send(Initiator.write10(1, 1), 0, new byte[BS]);
        send(ReadWrite6And12Test.cdb12(0xAA, 1, 1), 0, new byte[BS]);
        send(Initiator.write16(1, 1), 0, new byte[BS]);
        send(Initiator.cdb16(0x8B, 1, 1), 0, new byte[BS]);
        send(caw(1), 0, new byte[2 * BS]);
        assertThat(store.syncs()).isEmpty();
        send(Initiator.write10(10, 1), FUA, new byte[BS]);
        send(ReadWrite6And12Test.cdb12(0xAA, 11, 2), FUA, new byte[2 * BS]);
        send(Initiator.write16(13, 1), FUA, new byte[BS]);
        send(Initiator.cdb16(0x8B, 14, 1), FUA, new byte[BS]);
        send(caw(15), FUA, new byte[2 * BS]);
        byte[] atomic = new byte[16];
        atomic[0] = (byte) 0x9C;
        ByteBuffer.wrap(atomic).putLong(2, 16).putShort(12, (short) 1);
        send(atomic, FUA, new byte[BS]);
        send(Initiator.cdb10(0x2E, 17, 1), 0, new byte[BS]); // WRITE AND VERIFY: always durable
        assertThat(store.syncs()).containsExactly(new Sync(10, 1), new Sync(11, 2), new Sync(13, 1),
                new Sync(14, 1), new Sync(15, 1), new Sync(16, 1), new Sync(17, 1));
    }
}
