package io.github.scsiemu.sense;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

class SenseDecoderFuzzTest {

    /** Runs on the empty input in regression mode ({@code mvn test}); fuzzes with {@code JAZZER_FUZZ=1}. */
    @FuzzTest
    void decodeNeverThrows(byte[] data) {
        DecodedSense decoded = SenseDecoder.decode(data);
        assertThat(decoded).isNotNull();
        assertThat(SenseRenderer.render(decoded)).isNotBlank();
        if (decoded instanceof DecodedSense.Valid valid) {
            SenseEncoder.encode(valid.data(), SenseFormat.FIXED);
            SenseEncoder.encode(valid.data(), SenseFormat.DESCRIPTOR);
        }
    }
}
