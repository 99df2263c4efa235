package io.github.scsiemu.conformance.iscsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.Lun;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The libiscsi-style iSCSI URL. */
class IscsiUrlTest {

    @Test
    void hostPortTargetAndLunAreRead() {
        IscsiUrl url = IscsiUrl.parse("iscsi://10.0.0.5:3261/iqn.2003-01.org.linux-iscsi.host:disk/3");
        assertThat(url).isEqualTo(new IscsiUrl("10.0.0.5", 3261, "iqn.2003-01.org.linux-iscsi.host:disk",
                Optional.of(Lun.of(3)), Optional.empty()));
    }

    @Test
    void thePortDefaultsTo3260AndNoLunMeansEveryLun() {
        IscsiUrl url = IscsiUrl.parse("ISCSI://target.example/iqn.2026-01.org.example:t/");
        assertThat(url.port()).isEqualTo(3260);
        assertThat(url.host()).isEqualTo("target.example");
        assertThat(url.targetName()).isEqualTo("iqn.2026-01.org.example:t");
        assertThat(url.lun()).isEmpty();
    }

    @Test
    void chapCredentialsPrecedeTheHostAndAreHiddenInToString() {
        IscsiUrl url = IscsiUrl.parse("iscsi://alice%twelve-bytes!@[::1]:3262/iqn.2026-01.org.example%3At/300");
        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.port()).isEqualTo(3262);
        assertThat(url.targetName()).isEqualTo("iqn.2026-01.org.example:t");
        assertThat(url.lun()).contains(Lun.of(300));
        assertThat(url.chap().orElseThrow().name()).isEqualTo("alice");
        assertThat(url.chap().orElseThrow().secret()).isEqualTo("twelve-bytes!");
        assertThat(url.toString()).isEqualTo("iscsi://alice%(hidden)@[::1]:3262/iqn.2026-01.org.example:t/300")
                .doesNotContain("twelve");
    }

    @Test
    void malformedUrlsAreRejectedWithoutShowingTheSecret() {
        assertThatThrownBy(() -> IscsiUrl.parse("http://host/iqn.x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://host")).hasMessageContaining("no target name");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://host:x/iqn.x")).hasMessageContaining("bad port");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://host:70000/iqn.x")).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://host/iqn.x/lun")).hasMessageContaining("bad LUN");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://host/iqn.x/16384")).hasMessageContaining("0-16383");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://alice@host/iqn.x")).hasMessageContaining("user%secret");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://alice%short@host/iqn.x"))
                .hasMessageContaining("12-255").hasMessageNotContaining("short");
    }
}
