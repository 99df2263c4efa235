package io.github.scsiemu.iscsi.target;

import static io.github.scsiemu.iscsi.target.SecurityFixture.ALICE;
import static io.github.scsiemu.iscsi.target.SecurityFixture.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.initiator.CommandResult;
import io.github.scsiemu.iscsi.initiator.InitiatorSession;
import io.github.scsiemu.iscsi.initiator.IscsiCommand;
import io.github.scsiemu.iscsi.initiator.LoginException;
import io.github.scsiemu.iscsi.initiator.LoginOptions;
import io.github.scsiemu.iscsi.pdu.TaskManagementRequestPdu;
import io.github.scsiemu.iscsi.pdu.TaskManagementResponsePdu;
import io.github.scsiemu.iscsi.text.TextKey;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Per-target initiator access control and LUN masking. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AccessControlTest {
    private static final String BOB = "iqn.2026-01.org.example:bob";
    private SecurityFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new SecurityFixture(t -> t.withAccess(AccessControl.closed().allow(ALICE, LunMask.of(3)).allow(BOB)));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private static byte[] reportLuns(int allocation) {
        return new byte[] {(byte) 0xA0, 0, 0, 0, 0, 0, (byte) (allocation >> 24), (byte) (allocation >> 16),
            (byte) (allocation >> 8), (byte) allocation, 0, 0};
    }

    @Test
    void anUnlistedInitiatorGetsAuthorizationFailureAndDiscoveryHidesTheTarget() throws Exception {
        assertThatThrownBy(() -> fx.login(SecurityFixture.options(MALLORY, 1))).isInstanceOfSatisfying(
                LoginException.class, e -> assertThat(e.status()).isEqualTo(0x0202));
        try (InitiatorSession d = fx.login(LoginOptions.discovery(MALLORY, 2))) {
            assertThat(d.sendTargets("All")).extracting(TextKey::value).contains(SecurityFixture.OTHER)
                    .doesNotContain(SecurityFixture.NAME);
        }
        try (InitiatorSession d = fx.login(LoginOptions.discovery(ALICE, 3))) {
            assertThat(d.sendTargets("All")).extracting(TextKey::value).contains(SecurityFixture.OTHER,
                    SecurityFixture.NAME);
        }
    }

    @Test
    void reportLunsListsOnlyTheVisibleLunsWithExactLengthsAndTruncation() throws Exception {
        try (InitiatorSession s = fx.login(SecurityFixture.options(ALICE, 4))) {
            CommandResult r = s.execute(IscsiCommand.read(Lun.of(3), reportLuns(64), 64));
            assertThat(r.status()).isZero();
            assertThat(r.data()).containsExactly(0, 0, 0, 8, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0);
            assertThat(r.underflow()).isTrue();
            assertThat(r.residualCount()).isEqualTo(48);
            // through the REPORT LUNS well-known logical unit, and with the list cut by the allocation length
            CommandResult wk = s.execute(IscsiCommand.read(Lun.REPORT_LUNS_WELL_KNOWN, reportLuns(16), 16));
            assertThat(wk.data()).containsExactly(0, 0, 0, 8, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0);
        }
        try (InitiatorSession s = fx.login(SecurityFixture.options(BOB, 5))) {
            CommandResult r = s.execute(IscsiCommand.read(Lun.of(0), reportLuns(64), 64));
            assertThat(ByteBuffer.wrap(r.data()).getInt(0)).isEqualTo(16); // LUN 0 and LUN 3
        }
    }

    @Test
    void aHiddenLunBehavesExactlyAsAnAbsentOne() throws Exception {
        try (InitiatorSession s = fx.login(SecurityFixture.options(ALICE, 6))) {
            for (int lun : new int[] {0, 7}) { // 0 exists but is hidden, 7 does not exist
                CommandResult inq = s.execute(IscsiCommand.read(Lun.of(lun), new byte[] {0x12, 0, 0, 0, 36, 0}, 36));
                assertThat(inq.status()).isZero();
                assertThat(inq.data()[0] & 0xFF).isEqualTo(0x7F);
                CommandResult tur = s.execute(IscsiCommand.noData(Lun.of(lun), new byte[6]));
                assertThat(tur.status()).isEqualTo(0x02);
                assertThat(tur.senseKey()).isEqualTo(0x5);
                assertThat(tur.additionalSense()).isEqualTo(0x2500);
                byte[] read = {0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0};
                CommandResult rd = s.execute(IscsiCommand.read(Lun.of(lun), read, 512));
                assertThat(rd.additionalSense()).isEqualTo(0x2500);
                assertThat(rd.data()).isEmpty();
            }
            assertThat(s.taskManagement(TaskManagementRequestPdu.LOGICAL_UNIT_RESET, Lun.of(0), -1, 0))
                    .isEqualTo(TaskManagementResponsePdu.LUN_DOES_NOT_EXIST);
            CommandResult visible = s.execute(IscsiCommand.read(Lun.of(3), new byte[] {0x12, 0, 0, 0, 36, 0}, 36));
            assertThat(visible.data()[0]).isZero();
            assertThat(new String(visible.data(), 16, 4, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("LUN3");
        }
    }

    @Test
    void theLunMaskAndTheListAreValues() {
        AccessControl acl = AccessControl.closed().allow(ALICE, LunMask.of(1, 2));
        assertThat(acl.permits(ALICE)).isTrue();
        assertThat(acl.permits(BOB)).isFalse();
        assertThat(acl.mask(ALICE).orElseThrow().shows(Lun.of(2))).isTrue();
        assertThat(acl.mask(ALICE).orElseThrow().shows(Lun.of(3))).isFalse();
        assertThat(acl.mask(ALICE).orElseThrow().shows(Lun.REPORT_LUNS_WELL_KNOWN)).isTrue();
        assertThat(AccessControl.OPEN.mask(BOB)).contains(LunMask.ALL);
        assertThat(List.of(acl.initiators().keySet())).hasSize(1);
    }
}
