package io.github.scsiemu.spc.log;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The log pages of one logical unit (SPC-4 7.3): the Supported Log Pages page (00h, 7.3.18) and the Supported Log
 * Pages and Subpages page (00h/FFh, 7.3.19), always present, and the pages the device type adds.
 *
 * <p>No log parameter is saveable: every page reports DS set and the Control mode page reports GLTSD set.
 * Threshold values are not implemented.
 */
public final class LogPageRegistry {

    /** SUBPAGE CODE FFh: the Supported Log Pages and Subpages page when the page code is 00h. */
    public static final int ALL_SUBPAGES = 0xFF;

    private final List<LogPage> pages;

    private LogPageRegistry(Builder b) {
        this.pages = List.copyOf(b.pages.values());
    }

    /** Starts a registry; the supported pages pages (00h and 00h/FFh) are always present. */
    public static Builder builder() {
        return new Builder();
    }

    /** The device's pages (not the supported pages pages), ascending by page code and subpage code. */
    public List<LogPage> pages() {
        return pages;
    }

    /** The device page at this address. */
    public Optional<LogPage> page(int pageCode, int subpageCode) {
        return pages.stream().filter(p -> p.pageCode() == pageCode && p.subpageCode() == subpageCode).findFirst();
    }

    /** Whether any page, including 00h, has this page code. */
    public boolean hasPageCode(int pageCode) {
        return pageCode == 0 || pages.stream().anyMatch(p -> p.pageCode() == pageCode);
    }

    /** The Supported Log Pages page (00h): DS set, then one byte per supported page code, ascending. */
    public byte[] supportedPages() {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        list.write(0x00);
        int last = 0;
        for (LogPage p : pages) {
            if (p.pageCode() != last) {
                list.write(p.pageCode());
                last = p.pageCode();
            }
        }
        return page(0x80, 0x00, list.toByteArray());
    }

    /** The Supported Log Pages and Subpages page (00h/FFh): one page code and subpage code pair per page. */
    public byte[] supportedPagesAndSubpages() {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        list.writeBytes(new byte[] {0x00, 0x00, 0x00, (byte) ALL_SUBPAGES});
        for (LogPage p : pages) {
            list.write(p.pageCode());
            list.write(p.subpageCode());
        }
        return page(0xC0, ALL_SUBPAGES, list.toByteArray());
    }

    /**
     * A device page as LOG SENSE returns it: header with DS set (nothing is saveable), then the parameters whose
     * code is at least {@code parameterPointer}, with the cumulative or default cumulative values.
     */
    public byte[] encode(LogPage page, boolean defaults, int parameterPointer) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (LogParameter p : page.parameters()) {
            if (p.parameterCode() < parameterPointer) {
                continue;
            }
            byte[] value = defaults ? p.defaultValue() : p.value();
            body.writeBytes(new byte[] {(byte) (p.parameterCode() >>> 8), (byte) p.parameterCode(),
                    (byte) p.control().toByte(), (byte) value.length});
            body.writeBytes(value);
        }
        int byte0 = 0x80 | (page.subpageCode() != 0 ? 0x40 : 0) | page.pageCode();
        return page(byte0, page.subpageCode(), body.toByteArray());
    }

    private static byte[] page(int byte0, int subpageCode, byte[] body) {
        byte[] data = new byte[4 + body.length];
        data[0] = (byte) byte0;
        data[1] = (byte) subpageCode;
        data[2] = (byte) (body.length >>> 8);
        data[3] = (byte) body.length;
        System.arraycopy(body, 0, data, 4, body.length);
        return data;
    }

    /**
     * Sets the resettable parameters of the given pages to their defaults (LOG SELECT with PCR, or with PC 11b and
     * no parameter list).
     */
    public void resetCumulative(List<LogPage> which) {
        for (LogPage page : which) {
            for (LogParameter p : page.parameters()) {
                if (p.resettable()) {
                    p.reset();
                }
            }
        }
    }

    /**
     * The pages a LOG SELECT without parameter list applies to (SPC-4 6.6.2): 00h/00h all pages; a page code and
     * subpage FFh all subpages of that page code; otherwise the one page.
     *
     * @return the pages, empty if the page code and subpage code name no page
     */
    public List<LogPage> selectedBy(int pageCode, int subpageCode) {
        if (pageCode == 0 && subpageCode == 0) {
            return pages;
        }
        List<LogPage> selected = new ArrayList<>();
        for (LogPage p : pages) {
            if (p.pageCode() == pageCode && (subpageCode == ALL_SUBPAGES || p.subpageCode() == subpageCode)) {
                selected.add(p);
            }
        }
        return Collections.unmodifiableList(selected);
    }

    /** Assembles a {@link LogPageRegistry}. */
    public static final class Builder {
        private final Map<Integer, LogPage> pages = new TreeMap<>();

        private Builder() {
        }

        /** Adds a device page. */
        public Builder page(LogPage page) {
            Objects.requireNonNull(page, "page");
            if (pages.putIfAbsent((page.pageCode() << 8) | page.subpageCode(), page) != null) {
                throw new IllegalArgumentException(page + " declared twice");
            }
            return this;
        }

        public LogPageRegistry build() {
            return new LogPageRegistry(this);
        }
    }
}
