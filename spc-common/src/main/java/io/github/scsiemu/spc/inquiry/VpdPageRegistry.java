package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.LogicalUnitIdentity;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The vital product data pages of one logical unit (SPC-4 7.8), and the INQUIRY claims that go with them: the
 * PERIPHERAL QUALIFIER and the TPGS field of standard INQUIRY data. Pages 00h (Supported VPD Pages), 80h (Unit
 * Serial Number), 83h (Device Identification), 86h (Extended INQUIRY Data) and 88h (SCSI Ports) are always present;
 * a device type adds its own pages (e.g. a disk's B0h-B2h) through the builder, and may replace 80h-88h.
 */
public final class VpdPageRegistry {

    /** The Supported VPD Pages page code. */
    public static final int SUPPORTED_VPD_PAGES = 0x00;

    private final Map<Integer, VpdPage> pages;
    private final List<Integer> pageCodes;
    private final PeripheralQualifier peripheralQualifier;
    private final TargetPortGroupSupport targetPortGroupSupport;

    private VpdPageRegistry(Builder b) {
        this.pages = Collections.unmodifiableMap(new TreeMap<>(b.pages));
        List<Integer> codes = new ArrayList<>();
        codes.add(SUPPORTED_VPD_PAGES);
        codes.addAll(pages.keySet());
        this.pageCodes = List.copyOf(codes);
        this.peripheralQualifier = b.peripheralQualifier;
        this.targetPortGroupSupport = b.targetPortGroupSupport;
    }

    /** Starts a registry; pages 00h, 80h, 83h, 86h and 88h are always present. */
    public static Builder builder() {
        return new Builder();
    }

    /** The supported page codes, ascending, 00h included. */
    public List<Integer> pageCodes() {
        return pageCodes;
    }

    /** The page with the given code, other than 00h which the registry builds itself. */
    public Optional<VpdPage> page(int pageCode) {
        return Optional.ofNullable(pages.get(pageCode));
    }

    public PeripheralQualifier peripheralQualifier() {
        return peripheralQualifier;
    }

    public TargetPortGroupSupport targetPortGroupSupport() {
        return targetPortGroupSupport;
    }

    /**
     * The PERIPHERAL QUALIFIER reported to one command: the registry's, except that a connected logical unit reports
     * 001b through a target port group in the unavailable state (SPC-4 5.15.2.4.5, see
     * {@link AsymmetricAccessInquiry}).
     */
    public PeripheralQualifier peripheralQualifier(CommandContext context) {
        if (peripheralQualifier == PeripheralQualifier.CONNECTED && AsymmetricAccessInquiry.of(context.logicalUnit())
                .map(claims -> claims.unavailableThrough(context.nexus().target())).orElse(false)) {
            return PeripheralQualifier.NOT_CONNECTED;
        }
        return peripheralQualifier;
    }

    /**
     * The TPGS field reported to one command: what the logical unit's asymmetric access support claims (see
     * {@link AsymmetricAccessInquiry}), or else the registry's.
     */
    public TargetPortGroupSupport targetPortGroupSupport(CommandContext context) {
        return AsymmetricAccessInquiry.of(context.logicalUnit())
                .map(AsymmetricAccessInquiry::targetPortGroupSupport).orElse(targetPortGroupSupport);
    }

    /**
     * The whole page, header included, as INQUIRY with EVPD returns it before truncation to the allocation length.
     *
     * @return the page, or empty if the page code is not supported
     */
    public Optional<byte[]> encode(int pageCode, CommandContext context) {
        byte[] content;
        if (pageCode == SUPPORTED_VPD_PAGES) {
            content = new byte[pageCodes.size()];
            for (int i = 0; i < content.length; i++) {
                content[i] = (byte) (int) pageCodes.get(i);
            }
        } else {
            VpdPage page = pages.get(pageCode);
            if (page == null) {
                return Optional.empty();
            }
            content = page.content(context);
        }
        if (content.length > 0xFFFF) {
            throw new IllegalStateException(String.format("VPD page %02Xh longer than 65535 bytes", pageCode));
        }
        LogicalUnitIdentity identity = context.logicalUnit().identity();
        ByteBuffer b = ByteBuffer.allocate(4 + content.length);
        b.put((byte) StandardInquiryData.peripheralByte(peripheralQualifier(context), identity.deviceType()));
        b.put((byte) pageCode);
        b.putShort((short) content.length);
        b.put(content);
        return Optional.of(b.array());
    }

    /** Assembles a {@link VpdPageRegistry}. */
    public static final class Builder {
        private final Map<Integer, VpdPage> pages = new TreeMap<>();
        private PeripheralQualifier peripheralQualifier = PeripheralQualifier.CONNECTED;
        private TargetPortGroupSupport targetPortGroupSupport = TargetPortGroupSupport.NOT_SUPPORTED;

        private Builder() {
            for (VpdPage p : List.of(new UnitSerialNumberPage(), new DeviceIdentificationPage(),
                    ExtendedInquiryDataPage.DEFAULT, new ScsiPortsPage())) {
                pages.put(p.pageCode(), p);
            }
        }

        /**
         * Adds a page, replacing the standard page of the same code if there is one.
         *
         * @throws IllegalArgumentException for page code 00h or a code outside 01h-FFh
         */
        public Builder page(VpdPage page) {
            int code = Objects.requireNonNull(page, "page").pageCode();
            if (code <= SUPPORTED_VPD_PAGES || code > 0xFF) {
                throw new IllegalArgumentException(String.format("page code %02Xh cannot be added", code));
            }
            pages.put(code, page);
            return this;
        }

        /** The PERIPHERAL QUALIFIER reported (default 000b, connected). */
        public Builder peripheralQualifier(PeripheralQualifier value) {
            this.peripheralQualifier = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The TPGS field of standard INQUIRY data (default 00b; set by asymmetric access support). */
        public Builder targetPortGroupSupport(TargetPortGroupSupport value) {
            this.targetPortGroupSupport = Objects.requireNonNull(value, "value");
            return this;
        }

        public VpdPageRegistry build() {
            return new VpdPageRegistry(this);
        }
    }
}
