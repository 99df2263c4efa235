package io.github.scsiemu.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.server.config.ConfigException;
import io.github.scsiemu.server.config.ConfigReader;
import io.github.scsiemu.server.config.ServerConfig;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A file-backed LUN and APTPL reservations survive a server restart with the same configuration. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileStoreRestartTest {

    private static final String NAME = "iqn.2026-01.io.github.scsiemu:durable";

    @TempDir
    Path dir;

    private ServerConfig config(String capacity) throws ConfigException {
        String toml = """
                reservation-directory = "pr"
                [[portal]]
                address = "127.0.0.1:0"
                [[target]]
                name = "%s"
                [[target.lun]]
                number = 1
                capacity = %s
                thin = true
                store = "file"
                directory = "lun1"
                """.formatted(NAME, capacity);
        return ConfigReader.parse(toml, "durable.toml", dir);
    }

    @Test
    void writtenBlocksAndAnAptplRegistrationSurviveARestart() throws Exception {
        byte[] data = new byte[8 * 512];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 13 + 5);
        }
        List<String> shutdown;
        try (EmulatorServer first = EmulatorServer.start(config("2048"))) {
            try (Initiator i = Initiator.login(first.portalAddresses().get(0), NAME, 1)) {
                i.ready(1);
                assertThat(i.write(1, Initiator.rw10(0x2A, 100, 8), data).status()).isZero();
                assertThat(i.write(1, Initiator.register(), Initiator.registration(0xABCDL, true)).status())
                        .isZero();
            }
            shutdown = first.shutdown();
        }
        assertThat(shutdown).contains("flushed and closed " + NAME + " LUN 1 (file store " + dir.resolve("lun1")
                + ")");
        assertThat(dir.resolve("lun1")).isDirectory();
        assertThat(Files.list(dir.resolve("pr"))).hasSize(1);

        try (EmulatorServer second = EmulatorServer.start(config("2048"));
                Initiator i = Initiator.login(second.portalAddresses().get(0), NAME, 2)) {
            i.ready(1);
            assertThat(i.good(1, Initiator.rw10(0x28, 100, 8), data.length)).isEqualTo(data);
            assertThat(i.good(1, Initiator.rw10(0x28, 0, 1), 512)).isEqualTo(new byte[512]);
            ByteBuffer keys = ByteBuffer.wrap(i.good(1, Initiator.readKeys(), 255));
            assertThat(keys.getInt(4)).isEqualTo(8);
            assertThat(keys.getLong(8)).isEqualTo(0xABCDL);
        }
    }

    @Test
    void aFileStoreOfAnotherCapacityIsRefusedNamingTheLun() throws Exception {
        EmulatorServer.start(config("2048")).close();
        assertThatThrownBy(() -> EmulatorServer.start(config("4096"))).isInstanceOf(ConfigException.class)
                .hasMessage("durable.toml:6: lun 1: the file store in " + dir.resolve("lun1") + " holds 2048 blocks"
                        + " of 512 bytes, but capacity and block-size say 4096 blocks of 512 bytes");
    }
}
