package io.github.scsiemu.conformance.iscsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.auth.ChapCredentials;
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
    void withoutArgumentsThereIsNoMutualChapAndNoDigest() {
        IscsiUrl url = IscsiUrl.parse("iscsi://alice%twelve-bytes!@host/iqn.x/1");
        assertThat(url.targetChap()).isEmpty();
        assertThat(url.headerDigest()).isEqualTo("None");
        assertThat(url.dataDigest()).isEqualTo("None");
        assertThat(url).isEqualTo(new IscsiUrl("host", 3260, "iqn.x", Optional.of(Lun.of(1)),
                Optional.of(new ChapCredentials("alice", "twelve-bytes!")), Optional.empty(), "None", "None"));
    }

    @Test
    void argumentsChooseDigestsAndMutualChapWithDecodedValues() {
        IscsiUrl url = IscsiUrl.parse("iscsi://alice%twelve-bytes!@host:3262/iqn.x/2?header_digest=crc32c"
                + "&data_digest=crc32c&target_user=tgt%20one&target_password=fourteen%26bytes");
        assertThat(url).isEqualTo(new IscsiUrl("host", 3262, "iqn.x", Optional.of(Lun.of(2)),
                Optional.of(new ChapCredentials("alice", "twelve-bytes!")),
                Optional.of(new ChapCredentials("tgt one", "fourteen&bytes")), "CRC32C", "CRC32C"));
    }

    @Test
    void digestArgumentsTakeLibiscsisFourValuesInAnyCase() {
        assertThat(IscsiUrl.parse("iscsi://host/iqn.x?header_digest=none&data_digest=CRC32C"))
                .extracting(IscsiUrl::headerDigest, IscsiUrl::dataDigest).containsExactly("None", "CRC32C");
        assertThat(IscsiUrl.parse("iscsi://host/iqn.x/?header_digest=none-crc32c&data_digest=crc32c-none&"))
                .extracting(IscsiUrl::headerDigest, IscsiUrl::dataDigest, IscsiUrl::lun)
                .containsExactly("None,CRC32C", "CRC32C,None", Optional.empty());
        assertThat(IscsiUrl.parse("iscsi://host/iqn.x?data_digest=crc32c"))
                .extracting(IscsiUrl::headerDigest, IscsiUrl::dataDigest).containsExactly("None", "CRC32C");
    }

    @Test
    void toStringShowsArgumentsButHidesBothSecrets() {
        IscsiUrl url = IscsiUrl.parse("iscsi://alice%twelve-bytes!@host/iqn.x/0?target_password=fourteen-bytes"
                + "&target_user=tgt&data_digest=crc32c-none&header_digest=crc32c");
        assertThat(url.toString()).isEqualTo("iscsi://alice%(hidden)@host:3260/iqn.x/0?header_digest=crc32c"
                + "&data_digest=crc32c-none&target_user=tgt&target_password=(hidden)");
        assertThat(IscsiUrl.parse("iscsi://host/iqn.x?header_digest=none").toString())
                .isEqualTo("iscsi://host:3260/iqn.x");
    }

    @Test
    void badArgumentsAreRejectedNamingTheArgumentWithoutShowingSecrets() {
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://host/iqn.x/1?header_digest=crc32c&iser"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown iSCSI URL argument 'iser' (known: header_digest, data_digest, target_user, "
                        + "target_password)");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://host/iqn.x?auth=chap"))
                .hasMessageStartingWith("unknown iSCSI URL argument 'auth' ");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://host/iqn.x?header_digest=md5"))
                .hasMessage("iSCSI URL argument 'header_digest' is one of [none, crc32c, none-crc32c, crc32c-none], "
                        + "not 'md5'");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://host/iqn.x?data_digest="))
                .hasMessage("iSCSI URL argument 'data_digest' has no value in iscsi://host/iqn.x?data_digest=");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://host/iqn.x?data_digest=none&data_digest=crc32c"))
                .hasMessage("iSCSI URL argument 'data_digest' is given twice in "
                        + "iscsi://host/iqn.x?data_digest=none&data_digest=crc32c");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://alice%twelve-bytes!@host/iqn.x?target_user=tgt"
                + "&target_password=fourteen-bytes&target_user=again"))
                .hasMessage("iSCSI URL argument 'target_user' is given twice in iscsi://(credentials hidden)@host/"
                        + "iqn.x?target_user=tgt&target_password=(hidden)&target_user=again");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://alice%twelve-bytes!@host/iqn.x?target_password=x@y-secret!"))
                .hasMessage("mutual CHAP needs both target_user and target_password in "
                        + "iscsi://(credentials hidden)@host/iqn.x?target_password=(hidden)");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://host/iqn.x?target_user=tgt&target_password=fourteen-bytes"))
                .hasMessage("mutual CHAP (target_user, target_password) needs the initiator's own credentials too "
                        + "(user%secret@)");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://alice%twelve-bytes!@host/iqn.x?target_user=tgt"
                + "&target_password=short"))
                .hasMessage("a CHAP secret has 12-255 bytes (RFC 7143 12.1.3), not 5");
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://alice%twelve-bytes!@host/iqn.x?target_user=tgt"
                + "&target_password=twelve-bytes!"))
                .hasMessage("the target's CHAP secret must differ from the initiator's (RFC 7143 12.1.3)");
        assertThatThrownBy(() -> new IscsiUrl("host", 3260, "iqn.x", Optional.empty(), Optional.empty(),
                Optional.empty(), "crc32c", "None"))
                .hasMessage("a digest offer is one of [None, CRC32C, None,CRC32C, CRC32C,None], not crc32c and None");
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
