package io.github.scsiemu.spc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TaskAttribute;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of CDB decoding and the whole command path: whatever the CDB, data-out and buffer size,
 * {@code execute} returns a well-formed response and throws nothing. In {@code mvn verify} it replays its inputs
 * (regression mode); {@code JAZZER_FUZZ=1} fuzzes.
 */
class DeviceServerFuzzTest {

    private static final DeviceServer LU = EngineFixture.device();

    @FuzzTest(maxDuration = "30s")
    void executeNeverThrowsAndAlwaysAnswersWellFormed(FuzzedDataProvider data) {
        int expectedIn = data.consumeInt(0, 1 << 16);
        byte[] dataOut = data.consumeBytes(data.consumeInt(0, 4096));
        byte[] cdb = data.consumeRemainingAsBytes();
        ScsiResponse r = LU.execute(new ScsiRequest(EngineFixture.N1, Lun.of(0), cdb, TaskAttribute.SIMPLE, 0,
                ByteBuffer.wrap(dataOut), expectedIn));
        assertThat(r).isNotNull();
        assertThat(r.dataIn().remaining()).isLessThanOrEqualTo(expectedIn);
        assertThat(r.sense().isPresent()).isEqualTo(r.status() == Status.CHECK_CONDITION);
        if (r.sense().isPresent()) {
            assertThat(r.senseBytes()).isNotEmpty();
        }
    }
}
