package io.github.scsiemu.conformance;

import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.TaskManagementResponse;
import java.util.function.BiFunction;

/** A logical unit that breaks the standard on purpose: each command goes through {@code behaviour}. */
final class Tampered implements LogicalUnit {
    private final LogicalUnit delegate;
    private final BiFunction<ScsiRequest, LogicalUnit, ScsiResponse> behaviour;

    Tampered(LogicalUnit delegate, BiFunction<ScsiRequest, LogicalUnit, ScsiResponse> behaviour) {
        this.delegate = delegate;
        this.behaviour = behaviour;
    }

    @Override
    public ScsiResponse execute(ScsiRequest request) {
        return behaviour.apply(request, delegate);
    }

    @Override
    public TaskManagementResponse manage(TaskManagementRequest request) {
        return delegate.manage(request);
    }

    @Override
    public void nexusLost(Nexus nexus) {
        delegate.nexusLost(nexus);
    }
}
