package io.github.scsiemu.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Keeps the README's quick start true: the program prints what the README shows. */
class QuickStartTest {

    @Test
    void printsDecodedInquiryCapacityAndSense() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuickStart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("Additional sense: 29h/00h POWER ON, RESET, OR BUS DEVICE RESET OCCURRED")
                .contains("peripheral qualifier 0, device type 00h, version 06h, response data format 2")
                .contains("vendor 'SCSIEMU', product 'QUICKSTART DISK', revision '0001'")
                .contains("SCSI name string           (port)       iqn.2026-01.io.github.scsiemu:quickstart,t,0x0001")
                .contains("last LBA 2097151, logical block length 512, logical blocks per physical block 2^3")
                .contains("WRITE(10) LBA 7 -> GOOD; READ(10) LBA 7 -> GOOD, data matches: true")
                .contains("sense bytes: 700005000000000a00000000210000000000")
                .contains("Sense key specific: field pointer: byte 1 bit 1, CDB");
    }
}
