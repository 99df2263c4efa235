package io.github.scsiemu.conformance;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.conformance.scsi.Hex;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.DecodedSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseDecoder;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseRenderer;
import java.util.Objects;
import java.util.Optional;

/**
 * One command and its outcome as the application client saw them (SAM-5 5.1): what was sent (nexus, LUN, CDB,
 * data-out length, data-in buffer size) and the response. Sense data is read back from the bytes the target
 * reported, through the sense decoder, so an encoding error shows up as malformed sense.
 *
 * @param nexus                the nexus the command was sent on
 * @param lun                  the addressed logical unit
 * @param cdb                  the CDB sent
 * @param dataOutLength        the number of data-out bytes sent
 * @param expectedDataInLength the size of the data-in buffer
 * @param response             the response
 */
public record Exchange(Nexus nexus, Lun lun, byte[] cdb, int dataOutLength, int expectedDataInLength,
        ScsiResponse response) {

    public Exchange {
        Objects.requireNonNull(nexus, "nexus");
        Objects.requireNonNull(lun, "lun");
        Objects.requireNonNull(cdb, "cdb");
        Objects.requireNonNull(response, "response");
    }

    /** The status. */
    public Status status() {
        return response.status();
    }

    /** Whether the status is GOOD. */
    public boolean isGood() {
        return response.status() == Status.GOOD;
    }

    /** A copy of the data-in bytes transferred. */
    public byte[] data() {
        return response.dataInBytes();
    }

    /** The data-in residual (positive: underflow; negative: overflow). */
    public int residual() {
        return response.dataInResidual();
    }

    /** The sense data decoded from the bytes the target reported. */
    public DecodedSense decodedSense() {
        return SenseDecoder.decode(response.senseBytes());
    }

    /** The sense data, if the target reported decodable sense data. */
    public Optional<SenseData> sense() {
        return decodedSense() instanceof DecodedSense.Valid valid ? Optional.of(valid.data()) : Optional.empty();
    }

    /** Whether this is CHECK CONDITION with the given sense key and additional sense. */
    public boolean isCheckCondition(SenseKey key, AdditionalSense additionalSense) {
        return response.status() == Status.CHECK_CONDITION
                && sense().filter(s -> s.senseKey() == key && s.additionalSense().equals(additionalSense)).isPresent();
    }

    /** Whether this is CHECK CONDITION with the given sense key. */
    public boolean isCheckCondition(SenseKey key) {
        return response.status() == Status.CHECK_CONDITION && sense().filter(s -> s.senseKey() == key).isPresent();
    }

    /** A readable account of the command and its response, several lines. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("  CDB: ").append(Hex.of(cdb)).append("  (").append(lun).append(", nexus ").append(nexus)
                .append(")\n");
        if (dataOutLength > 0) {
            out.append("  data-out: ").append(dataOutLength).append(" bytes\n");
        }
        out.append("  status: ").append(response.status().name().replace('_', ' '))
                .append(String.format(" (%02Xh)", response.status().code()));
        if (response.terminated()) {
            out.append(", task terminated without status");
        }
        out.append("\n  data-in: ").append(response.dataIn().remaining()).append(" of ").append(expectedDataInLength)
                .append(" bytes, residual ").append(response.dataInResidual());
        if (response.dataIn().remaining() > 0) {
            out.append("\n    ").append(Hex.of(data(), 64));
        }
        if (response.sense().isPresent()) {
            out.append("\n  sense: ").append(Hex.of(response.senseBytes())).append("\n    ")
                    .append(SenseRenderer.render(decodedSense()).replace("\n", "\n    "));
        }
        return out.toString();
    }
}
