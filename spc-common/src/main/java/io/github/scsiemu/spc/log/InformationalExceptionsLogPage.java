package io.github.scsiemu.spc.log;

import io.github.scsiemu.sense.AdditionalSense;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The Informational Exceptions log page (2Fh, SPC-4 7.3.8), which any device type may offer: its general
 * parameter (0000h, binary format list) reports the additional sense code of the informational exception
 * condition the device has detected, if any (00h/00h when none), and the most recent temperature reading.
 */
public final class InformationalExceptionsLogPage {

    /** The PAGE CODE. */
    public static final int PAGE_CODE = 0x2F;

    private InformationalExceptionsLogPage() {
    }

    /**
     * Creates the page.
     *
     * @param condition          the pending informational exception, {@code NO ADDITIONAL SENSE INFORMATION} if none
     * @param temperatureCelsius the MOST RECENT TEMPERATURE READING in degrees Celsius, 0-255
     */
    public static LogPage create(Supplier<AdditionalSense> condition, IntSupplier temperatureCelsius) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(temperatureCelsius, "temperatureCelsius");
        LogParameter general = LogParameter.live(0x0000, LogParameterControl.of(LogParameterControl.BINARY_LIST), 3,
                () -> {
                    AdditionalSense s = condition.get();
                    return new byte[] {(byte) s.asc(), (byte) s.ascq(), (byte) temperatureCelsius.getAsInt()};
                });
        return new LogPage("Informational Exceptions", PAGE_CODE, 0, List.of(general));
    }
}
