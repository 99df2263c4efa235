package io.github.scsiemu.conformance.iscsi;

import io.github.scsiemu.conformance.TargetUnderTest;
import io.github.scsiemu.conformance.TargetUnderTestFactory;
import java.util.List;

/**
 * The command-line factory of an {@link IscsiTargetUnderTest}: its arguments are one iSCSI URL per portal of the
 * target (see {@link IscsiUrl}), for example {@code iscsi://127.0.0.1:3260/iqn.2003-01.org.linux-iscsi.host:disk}.
 * The {@link io.github.scsiemu.conformance.ConformanceRunner} uses it when its target argument is an iSCSI URL.
 */
public final class IscsiTargetFactory implements TargetUnderTestFactory {

    /** The factory; it keeps no state. */
    public IscsiTargetFactory() {
    }

    @Override
    public TargetUnderTest create(List<String> arguments) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("give at least one iSCSI URL (iscsi://host[:port]/target-name[/lun])");
        }
        return IscsiTargetUnderTest.connect(arguments.stream().map(IscsiUrl::parse).toList());
    }
}
