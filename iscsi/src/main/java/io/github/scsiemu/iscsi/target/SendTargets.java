package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.iscsi.text.Keys;
import io.github.scsiemu.iscsi.text.TextKey;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer to a SendTargets text request (RFC 7143 Appendix C): for each target the initiator may see, its
 * TargetName and one TargetAddress ({@code address:port,TPGT}) for the portal the request arrived on. "All" lists
 * every target in a discovery session and the session's own target in a normal one; an empty value or a target's
 * own name lists that target; any other value is answered {@code SendTargets=Reject}.
 */
final class SendTargets {
    private SendTargets() {
    }

    static List<TextKey> answer(String value, List<ExportedTarget> all, Optional<ExportedTarget> current,
            InetSocketAddress portal, int portalGroupTag) {
        List<ExportedTarget> listed = new ArrayList<>();
        if (value.equals("All")) {
            listed.addAll(current.isPresent() ? List.of(current.get()) : all);
        } else if (value.isEmpty()) {
            current.ifPresent(listed::add);
        } else {
            all.stream().filter(t -> t.name().equals(value)).forEach(listed::add);
            if (listed.isEmpty()) {
                return List.of(new TextKey(Keys.SEND_TARGETS, TextKey.REJECT));
            }
        }
        String host = portal.getAddress() instanceof Inet6Address ? "[" + portal.getAddress().getHostAddress() + "]"
                : portal.getAddress().getHostAddress();
        List<TextKey> keys = new ArrayList<>();
        for (ExportedTarget t : listed) {
            keys.add(new TextKey(Keys.TARGET_NAME, t.name()));
            keys.add(new TextKey(Keys.TARGET_ADDRESS, host + ":" + portal.getPort() + "," + portalGroupTag));
        }
        return keys;
    }
}
