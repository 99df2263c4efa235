package io.github.scsiemu.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.iscsi.initiator.CommandResult;
import io.github.scsiemu.server.config.DefaultConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The built-in default configuration, served on an ephemeral port and checked through our own iSCSI initiator. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DefaultServerTest {

    private static EmulatorServer server;
    private static Initiator initiator;

    @BeforeAll
    static void start() throws Exception {
        server = EmulatorServer.start(DefaultConfig.get().withPortalAddress(Optional.empty(), Optional.of(0)));
        initiator = Initiator.login(server.portalAddresses().get(0), DefaultConfig.TARGET_NAME, 0x80_0000_0001L);
        initiator.ready(1);
        initiator.ready(2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (initiator != null) {
            initiator.close();
        }
        if (server != null) {
            server.shutdown();
        }
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.US_ASCII);
    }

    @Test
    void lun1IsARemovableDirectAccessDiskFromScsiEmu() throws Exception {
        byte[] inq = initiator.good(1, Initiator.inquiry(), 96);
        assertThat(inq[0]).isEqualTo((byte) 0x00); // connected, direct-access
        assertThat(inq[1] & 0x80).isEqualTo(0x80); // RMB
        assertThat(ascii(inq, 8, 16)).isEqualTo("SCSIEMU ");
        assertThat(ascii(inq, 16, 32)).isEqualTo("SCRATCH DISK    ");
    }

    @Test
    void lun1Has128MiBOf512ByteBlocksIn4KiBPhysicalBlocksThinlyProvisionedWithZeroedUnmappedBlocks()
            throws Exception {
        ByteBuffer rc = ByteBuffer.wrap(initiator.good(1, Initiator.readCapacity16(), 32));
        assertThat(rc.getLong(0)).isEqualTo((128L << 20) / 512 - 1);
        assertThat(rc.getInt(8)).isEqualTo(512);
        assertThat(rc.get(13) & 0x0F).isEqualTo(3); // LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT
        assertThat(rc.get(14) & 0xC0).isEqualTo(0xC0); // LBPME and LBPRZ
    }

    @Test
    void lun1IsWritableAndReadsBackWhatWasWritten() throws Exception {
        byte[] data = new byte[4096];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + 1);
        }
        assertThat(initiator.write(1, Initiator.rw10(0x2A, 8, 8), data).status()).isZero();
        assertThat(initiator.good(1, Initiator.rw10(0x28, 8, 8), 4096)).isEqualTo(data);
        byte[] mode = initiator.good(1, Initiator.modeSense6(), 255);
        assertThat(mode[2] & 0x80).isZero(); // WP
    }

    @Test
    void lun2IsAFixedThinWriteProtected64MiBDisk() throws Exception {
        byte[] inq = initiator.good(2, Initiator.inquiry(), 96);
        assertThat(inq[1] & 0x80).isZero();
        ByteBuffer rc = ByteBuffer.wrap(initiator.good(2, Initiator.readCapacity16(), 32));
        assertThat(rc.getLong(0)).isEqualTo((64L << 20) / 512 - 1);
        assertThat(rc.getInt(8)).isEqualTo(512);
        assertThat(rc.get(14) & 0x80).isEqualTo(0x80); // thin (LBPME), so UNMAP is listed and refused as a write
        byte[] mode = initiator.good(2, Initiator.modeSense6(), 255);
        assertThat(mode[2] & 0x80).isEqualTo(0x80); // WP
        CommandResult w = initiator.write(2, Initiator.rw10(0x2A, 0, 1), new byte[512]);
        assertThat(w.status()).isEqualTo(0x02);
        assertThat(w.senseKey()).isEqualTo(0x7); // DATA PROTECT
        assertThat(w.additionalSense()).isEqualTo(0x2700); // WRITE PROTECTED
    }

    @Test
    void bothLunsHavePersistentReservations() throws Exception {
        for (int lun : new int[] {1, 2}) {
            ByteBuffer keys = ByteBuffer.wrap(initiator.good(lun, Initiator.readKeys(), 255));
            assertThat(keys.getInt(4)).as("ADDITIONAL LENGTH of LUN %d", lun).isZero();
        }
    }

    @Test
    void reportLunsListsLuns1And2() throws Exception {
        byte[] cdb = {(byte) 0xA0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};
        ByteBuffer d = ByteBuffer.wrap(initiator.good(1, cdb, 256));
        assertThat(d.getInt(0)).isEqualTo(16);
        assertThat(d.getLong(8)).isEqualTo(0x0001_0000_0000_0000L);
        assertThat(d.getLong(16)).isEqualTo(0x0002_0000_0000_0000L);
    }

    @Test
    void theBannerSaysHowToConnect() {
        String banner = ConnectionBanner.render(server);
        int port = server.portalAddresses().get(0).getPort();
        String url = "iscsi://127.0.0.1:" + port + "/" + DefaultConfig.TARGET_NAME + "/1";
        assertThat(banner).contains("portal 127.0.0.1:" + port + " (portal group tag 1)")
                .contains("target " + DefaultConfig.TARGET_NAME)
                .contains("LUN 1: disk SCSIEMU SCRATCH DISK, 128 MiB (262144 x 512-byte blocks, 4096-byte physical),"
                        + " thin, removable, memory store")
                .contains("LUN 2: disk SCSIEMU READ-ONLY DISK, 64 MiB (131072 x 512-byte blocks), thin, read-only,"
                        + " memory store")
                .contains("iscsi-ls -s iscsi://127.0.0.1:" + port + "/\n").contains("iscsi-inq " + url + "\n")
                .contains("qemu-img info " + url + "\n")
                .contains("iscsiadm -m discovery -t st -p 127.0.0.1:" + port + "\n");
    }
}
