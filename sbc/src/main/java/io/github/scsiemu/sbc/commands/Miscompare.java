package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import java.nio.ByteBuffer;

/**
 * The byte-by-byte comparison of VERIFY, WRITE AND VERIFY and COMPARE AND WRITE and the error it ends with
 * (SBC-4 5.3, 5.37): CHECK CONDITION, MISCOMPARE, MISCOMPARE DURING VERIFY OPERATION (1Dh/00h), with the INFORMATION
 * field set to the offset from the start of the data-out buffer of the first byte that was not equal.
 */
final class Miscompare {

    private Miscompare() {
    }

    /**
     * Compares the remaining bytes of {@code dataOut} with as many bytes of {@code medium}; neither position moves.
     *
     * @param dataOut        the expected data: a part of the data-out buffer
     * @param medium         the data read from the medium, at least as long
     * @param dataOutOffset  the offset of {@code dataOut}'s position from the start of the data-out buffer
     * @throws CheckConditionException MISCOMPARE with INFORMATION = offset of the first differing byte
     */
    static void check(ByteBuffer dataOut, ByteBuffer medium, long dataOutOffset) {
        ByteBuffer actual = medium.duplicate();
        actual.limit(actual.position() + dataOut.remaining());
        int first = dataOut.mismatch(actual);
        if (first >= 0) {
            throw new CheckConditionException(SenseData.of(SenseKey.MISCOMPARE,
                    AdditionalSense.MISCOMPARE_DURING_VERIFY_OPERATION).withInformation(dataOutOffset + first));
        }
    }
}
