package io.github.scsiemu.sense;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SenseRendererTest {

    @Test
    void rendersFieldPointerAndFormat() {
        DecodedSense decoded = SenseDecoder.decode(SenseData.invalidFieldInCdb(2, 1).encode(SenseFormat.FIXED));
        assertThat(SenseRenderer.render(decoded)).isEqualTo("""
                Fixed format, current
                Sense key: ILLEGAL REQUEST (5h)
                Additional sense: 24h/00h INVALID FIELD IN CDB
                Sense key specific: field pointer: byte 2 bit 1, CDB""");
    }

    @Test
    void rendersEveryField() {
        SenseData sense = SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR)
                .withInformation(0x1234).withCommandSpecificInformation(0xAB).withFieldReplaceableUnitCode(7)
                .withSenseKeySpecific(new SenseKeySpecific.ActualRetryCount(3)).withIncorrectLength(true)
                .withDeferred(true);
        assertThat(SenseRenderer.render(new DecodedSense.Valid(sense, SenseFormat.DESCRIPTOR))).isEqualTo("""
                Descriptor format, deferred
                Sense key: MEDIUM ERROR (3h)
                Additional sense: 11h/00h UNRECOVERED READ ERROR
                Information: 0x1234
                Command-specific information: 0xAB
                Field replaceable unit code: 07h
                Sense key specific: actual retry count: 3
                Flags: ILI""");
    }

    @Test
    void rendersEachSenseKeySpecificVariant() {
        assertThat(SenseRenderer.senseKeySpecific(SenseKeySpecific.FieldPointer.parameterByte(300)))
                .isEqualTo("field pointer: byte 300, parameter data");
        assertThat(SenseRenderer.senseKeySpecific(new SenseKeySpecific.ProgressIndication(0x8000)))
                .isEqualTo("progress indication: 50.00% (32768/65536)");
        assertThat(SenseRenderer.senseKeySpecific(new SenseKeySpecific.UnitAttentionQueueOverflow(true)))
                .isEqualTo("unit attention condition queue overflow: yes");
        assertThat(SenseRenderer.senseKeySpecific(new SenseKeySpecific.Raw(0x1234)))
                .isEqualTo("001234h");
        assertThat(SenseData.unitAttention(AdditionalSense.CAPACITY_DATA_HAS_CHANGED).describe())
                .isEqualTo("Sense key: UNIT ATTENTION (6h)\nAdditional sense: 2Ah/09h CAPACITY DATA HAS CHANGED");
    }

    @Test
    void rendersMalformed() {
        assertThat(SenseRenderer.render(SenseDecoder.decode(new byte[0])))
                .isEqualTo("Malformed sense data: empty sense data");
    }
}
