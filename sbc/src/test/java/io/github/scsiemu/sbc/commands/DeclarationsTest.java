package io.github.scsiemu.sbc.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins each declaration to the CDB USAGE DATA it produces (what REPORT SUPPORTED OPERATION CODES returns). */
class DeclarationsTest {

    private static String usage(CommandDescriptor d) {
        return HexFormat.of().formatHex(d.usageData());
    }

    @Test
    void readCapacityUsageData() {
        assertThat(usage(ReadCapacity10.DESCRIPTOR)).isEqualTo("25" + "00" + "ffffffff" + "0000" + "01" + "00");
        assertThat(usage(ReadCapacity16.DESCRIPTOR))
                .isEqualTo("9e" + "10" + "ffffffffffffffff" + "ffffffff" + "01" + "00");
        assertThat(ReadCapacity16.DESCRIPTOR.serviceAction()).hasValue(0x10);
    }

    @Test
    void readUsageData() {
        assertThat(usage(Read10.DESCRIPTOR)).isEqualTo("28" + "fe" + "ffffffff" + "3f" + "ffff" + "00");
        assertThat(usage(Read16.DESCRIPTOR))
                .isEqualTo("88" + "fe" + "ffffffffffffffff" + "ffffffff" + "3f" + "00");
        assertThat(Read10.DESCRIPTOR.direction()).isEqualTo(DataDirection.IN);
        assertThat(Read16.DESCRIPTOR.direction()).isEqualTo(DataDirection.IN);
    }

    @Test
    void writeUsageData() {
        assertThat(usage(Write10.DESCRIPTOR)).isEqualTo("2a" + "fa" + "ffffffff" + "3f" + "ffff" + "00");
        assertThat(usage(Write16.DESCRIPTOR))
                .isEqualTo("8a" + "fa" + "ffffffffffffffff" + "ffffffff" + "3f" + "00");
        assertThat(Write10.DESCRIPTOR.direction()).isEqualTo(DataDirection.OUT);
        assertThat(Write16.DESCRIPTOR.has(CommandFlag.WRITES_MEDIUM)).isTrue();
    }

    @Test
    void sixAndTwelveByteReadWriteUsageData() {
        assertThat(usage(Read6.DESCRIPTOR)).isEqualTo("08" + "1f" + "ffff" + "ff" + "00");
        assertThat(usage(Write6.DESCRIPTOR)).isEqualTo("0a" + "1f" + "ffff" + "ff" + "00");
        assertThat(usage(Read12.DESCRIPTOR)).isEqualTo("a8" + "fe" + "ffffffff" + "ffffffff" + "3f" + "00");
        assertThat(usage(Write12.DESCRIPTOR)).isEqualTo("aa" + "fa" + "ffffffff" + "ffffffff" + "3f" + "00");
    }

    @Test
    void verifyAndWriteAndVerifyUsageData() {
        assertThat(usage(Verify10.DESCRIPTOR)).isEqualTo("2f" + "f6" + "ffffffff" + "3f" + "ffff" + "00");
        assertThat(usage(Verify12.DESCRIPTOR)).isEqualTo("af" + "f6" + "ffffffff" + "ffffffff" + "3f" + "00");
        assertThat(usage(Verify16.DESCRIPTOR))
                .isEqualTo("8f" + "f6" + "ffffffffffffffff" + "ffffffff" + "3f" + "00");
        assertThat(usage(WriteAndVerify10.DESCRIPTOR)).isEqualTo("2e" + "f6" + "ffffffff" + "3f" + "ffff" + "00");
        assertThat(usage(WriteAndVerify12.DESCRIPTOR))
                .isEqualTo("ae" + "f6" + "ffffffff" + "ffffffff" + "3f" + "00");
        assertThat(usage(WriteAndVerify16.DESCRIPTOR))
                .isEqualTo("8e" + "f6" + "ffffffffffffffff" + "ffffffff" + "3f" + "00");
    }

    @Test
    void compareAndWriteOrWriteAndWriteAtomicUsageData() {
        assertThat(usage(CompareAndWrite.DESCRIPTOR))
                .isEqualTo("89" + "fa" + "ffffffffffffffff" + "000000" + "ff" + "3f" + "00");
        assertThat(usage(OrWrite16.DESCRIPTOR))
                .isEqualTo("8b" + "f8" + "ffffffffffffffff" + "ffffffff" + "3f" + "00");
        assertThat(usage(WriteAtomic16.DESCRIPTOR))
                .isEqualTo("9c" + "f8" + "ffffffffffffffff" + "ffff" + "ffff" + "3f" + "00");
    }

    @Test
    void preFetchAndSynchronizeCacheUsageData() {
        assertThat(usage(PreFetch10.DESCRIPTOR)).isEqualTo("34" + "02" + "ffffffff" + "3f" + "ffff" + "00");
        assertThat(usage(PreFetch16.DESCRIPTOR))
                .isEqualTo("90" + "02" + "ffffffffffffffff" + "ffffffff" + "3f" + "00");
        assertThat(usage(SynchronizeCache10.DESCRIPTOR)).isEqualTo("35" + "06" + "ffffffff" + "3f" + "ffff" + "00");
        assertThat(usage(SynchronizeCache16.DESCRIPTOR))
                .isEqualTo("91" + "06" + "ffffffffffffffff" + "ffffffff" + "3f" + "00");
    }

    @Test
    void commandsThatChangeBlocksAreWritesAndTheOthersAreNot() {
        for (CommandDescriptor d : List.of(Write6.DESCRIPTOR, Write10.DESCRIPTOR, Write12.DESCRIPTOR,
                Write16.DESCRIPTOR, WriteAndVerify10.DESCRIPTOR, WriteAndVerify12.DESCRIPTOR,
                WriteAndVerify16.DESCRIPTOR, CompareAndWrite.DESCRIPTOR, OrWrite16.DESCRIPTOR,
                WriteAtomic16.DESCRIPTOR)) {
            assertThat(d.has(CommandFlag.WRITES_MEDIUM)).as("%s", d).isTrue();
            assertThat(d.reservationClass()).as("%s", d).isEqualTo(ReservationClass.WRITE);
            assertThat(d.direction()).as("%s", d).isEqualTo(DataDirection.OUT);
        }
        for (CommandDescriptor d : List.of(Read6.DESCRIPTOR, Read10.DESCRIPTOR, Read12.DESCRIPTOR,
                Read16.DESCRIPTOR, Verify10.DESCRIPTOR, Verify12.DESCRIPTOR, Verify16.DESCRIPTOR,
                PreFetch10.DESCRIPTOR, PreFetch16.DESCRIPTOR)) {
            assertThat(d.has(CommandFlag.WRITES_MEDIUM)).as("%s", d).isFalse();
            assertThat(d.reservationClass()).as("%s", d).isEqualTo(ReservationClass.READ);
        }
        for (CommandDescriptor d : List.of(SynchronizeCache10.DESCRIPTOR, SynchronizeCache16.DESCRIPTOR)) {
            assertThat(d.has(CommandFlag.WRITES_MEDIUM)).as("%s", d).isFalse();
            assertThat(d.reservationClass()).as("%s", d).isEqualTo(ReservationClass.WRITE);
        }
        assertThat(ReadCapacity10.DESCRIPTOR.reservationClass()).isEqualTo(ReservationClass.ALWAYS);
        assertThat(ReadCapacity16.DESCRIPTOR.reservationClass()).isEqualTo(ReservationClass.ALWAYS);
    }
}
