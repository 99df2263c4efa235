package io.github.scsiemu.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
import io.github.scsiemu.iscsi.initiator.CommandResult;
import io.github.scsiemu.iscsi.initiator.InitiatorSession;
import io.github.scsiemu.iscsi.initiator.IscsiCommand;
import io.github.scsiemu.iscsi.initiator.LoginException;
import io.github.scsiemu.iscsi.initiator.LoginOptions;
import io.github.scsiemu.server.config.ConfigReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CHAP accounts and initiator ACLs from the configuration file reach the iSCSI target's login. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecurityServerTest {

    private static final String NAME = "iqn.2026-01.io.github.scsiemu:secure";
    private static final String ALLOWED = "iqn.2026-01.io.github.scsiemu:allowed";
    private static final String MASKED = "iqn.2026-01.io.github.scsiemu:masked";
    private static final ChapCredentials ACCOUNT = new ChapCredentials("inituser", "initsecret12");
    private static final ChapCredentials TARGET = new ChapCredentials("tgtuser", "tgtsecret123");

    private EmulatorServer server;
    private InetSocketAddress portal;

    @BeforeEach
    void start() throws Exception {
        server = EmulatorServer.start(ConfigReader.parse("""
                [[portal]]
                address = "127.0.0.1:0"
                [[target]]
                name = "%s"
                [[target.lun]]
                number = 1
                capacity = 64
                [[target.lun]]
                number = 2
                capacity = 64
                [target.chap]
                target-user = "tgtuser"
                target-secret = "tgtsecret123"
                [[target.chap.account]]
                user = "inituser"
                secret = "initsecret12"
                [[target.acl]]
                initiator = "%s"
                [[target.acl]]
                initiator = "%s"
                luns = [2]
                """.formatted(NAME, ALLOWED, MASKED), "secure.toml", Path.of(".")));
        portal = server.portalAddresses().get(0);
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    private InitiatorSession login(String initiator, boolean chap) throws Exception {
        LoginOptions o = LoginOptions.normal(initiator, 0x80_0000_0042L, NAME);
        if (chap) {
            o = o.withChap(ACCOUNT).withMutualChap(TARGET);
        }
        return InitiatorSession.login(portal, o);
    }

    private static int lunCount(InitiatorSession s) throws Exception {
        byte[] cdb = {(byte) 0xA0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};
        CommandResult r = s.execute(IscsiCommand.read(Lun.of(0), cdb, 256));
        assertThat(r.status()).isZero();
        return ByteBuffer.wrap(r.data()).getInt(0) / 8;
    }

    @Test
    void anInitiatorOnTheListWithMutualChapSeesEveryLun() throws Exception {
        try (InitiatorSession s = login(ALLOWED, true)) {
            assertThat(lunCount(s)).isEqualTo(2);
        }
    }

    @Test
    void aMaskedInitiatorSeesOnlyItsLuns() throws Exception {
        try (InitiatorSession s = login(MASKED, true)) {
            assertThat(lunCount(s)).isEqualTo(1);
        }
    }

    @Test
    void loginWithoutChapFails() {
        assertThatThrownBy(() -> login(ALLOWED, false).close()).isInstanceOf(LoginException.class);
    }

    @Test
    void anInitiatorNotOnTheListIsRefusedEvenWithChap() {
        assertThatThrownBy(() -> login("iqn.2026-01.io.github.scsiemu:stranger", true).close())
                .isInstanceOf(LoginException.class);
    }

    @Test
    void theBannerShowsChapAndTheAccessList() {
        assertThat(ConnectionBanner.render(server))
                .contains("    CHAP required, accounts inituser; mutual CHAP as tgtuser\n")
                .contains("    only initiators " + ALLOWED + " (all LUNs); " + MASKED + " (LUNs 2)\n")
                .contains("iscsi-inq iscsi://<user>%<secret>@127.0.0.1:");
    }
}
