package io.github.scsiemu.spc.mode;

import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.spc.CheckConditionException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The mode pages of one logical unit with their current, changeable, default and saved values (SPC-4 6.9-6.12,
 * 7.5), and what the device type contributes to the mode parameter header and block descriptors. Every page is
 * shared by all I_T nexuses (the shared mode page policy, SPC-4 6.8.2).
 *
 * <p>The Control mode page (0Ah) and the Control Extension mode page (0Ah/01h) are always present; a device type
 * adds its own pages with {@link Builder#page(ModePage)} and reads their current values with
 * {@link #current(ModePage)}, or hears of changes with {@link #addListener(ModePage, Consumer)}. Saved values live
 * behind a {@link ModePageStore}.
 *
 * <p>Reads are lock-free; MODE SELECT and resets are serialized, so a MODE SELECT is atomic: every page of its
 * parameter list is validated before any is applied.
 */
public final class ModePageRegistry {

    /**
     * One page of a MODE SELECT parameter list, already matched to its declaration.
     *
     * @param page   the declaration
     * @param bytes  the whole proposed page, header included
     * @param offset where the page starts in the parameter list, for field pointers
     */
    public record Proposal(ModePage<?> page, byte[] bytes, int offset) {
        public Proposal {
            Objects.requireNonNull(page, "page");
            if (bytes.length != page.length()) {
                throw new IllegalArgumentException("proposal length differs from " + page);
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    private final Map<ModePageId, ModePage<?>> pages;
    private final List<ModePage<?>> ordered;
    private final ModePageStore store;
    private final IntSupplier mediumType;
    private final IntSupplier deviceSpecificParameter;
    private final BlockDescriptors blockDescriptors;
    private final Map<ModePageId, List<Consumer<byte[]>>> listeners = new ConcurrentHashMap<>();
    private volatile Map<ModePageId, byte[]> current;
    private volatile ControlModePage control;

    private ModePageRegistry(Builder b) {
        this.pages = Collections.unmodifiableMap(new TreeMap<>(b.pages));
        this.ordered = List.copyOf(pages.values());
        this.store = b.store;
        this.mediumType = b.mediumType;
        this.deviceSpecificParameter = b.deviceSpecificParameter;
        this.blockDescriptors = b.blockDescriptors;
        install(powerOnValues());
    }

    /** Starts a registry; the Control mode page (0Ah) and Control Extension mode page (0Ah/01h) are always present. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every page, in the order MODE SENSE returns them. */
    public List<ModePage<?>> pages() {
        return ordered;
    }

    /** The page at this address, if the logical unit supports it. */
    public Optional<ModePage<?>> page(ModePageId id) {
        return Optional.ofNullable(pages.get(id));
    }

    /** The current values of a supported page, as its typed value. */
    public <T> T current(ModePage<T> page) {
        return page.decode(currentBytes(page.id()));
    }

    /** The current values of a supported page: the whole page, header included, PS clear. */
    public byte[] currentBytes(ModePageId id) {
        byte[] bytes = current.get(id);
        if (bytes == null) {
            throw new IllegalArgumentException("mode page " + id + " is not supported");
        }
        return bytes.clone();
    }

    /** Whether the logical unit implements saved pages: its store saves and at least one page is saveable. */
    public boolean savingSupported() {
        return store.supportsSaving() && ordered.stream().anyMatch(ModePage::saveable);
    }

    /** Whether MODE SELECT with SP set saves this page (the PS bit MODE SENSE reports). */
    public boolean saveable(ModePage<?> page) {
        return page.saveable() && store.supportsSaving();
    }

    /**
     * The page as MODE SENSE returns it for the given page control: the whole page with the PS bit set if the page
     * is saveable. Saved values of a page never saved, or not saveable, are its defaults.
     */
    public byte[] values(ModePage<?> page, PageControl pageControl) {
        byte[] bytes = switch (pageControl) {
            case CURRENT -> currentBytes(page.id());
            case CHANGEABLE -> page.changeable();
            case DEFAULT -> page.defaults();
            case SAVED -> savedValues(page);
        };
        if (saveable(page)) {
            bytes[0] |= (byte) 0x80;
        }
        return bytes;
    }

    private byte[] savedValues(ModePage<?> page) {
        if (!saveable(page)) {
            return page.defaults();
        }
        return store.load(page.id()).filter(b -> b.length == page.length()).map(b -> {
            page.writeHeader(b);
            return b;
        }).orElseGet(page::defaults);
    }

    /** The MEDIUM TYPE of the mode parameter header (SPC-4 7.5.4); defined by the device type. */
    public int mediumType() {
        return mediumType.getAsInt() & 0xFF;
    }

    /** The DEVICE-SPECIFIC PARAMETER of the mode parameter header (e.g. WP and DPOFUA of SBC-3 6.4.1). */
    public int deviceSpecificParameter() {
        return deviceSpecificParameter.getAsInt() & 0xFF;
    }

    /** The device type's block descriptors, if it has any. */
    public Optional<BlockDescriptors> blockDescriptors() {
        return Optional.ofNullable(blockDescriptors);
    }

    /** The current Control mode page. */
    public ControlModePage control() {
        return control;
    }

    /** The sense data format the D_SENSE bit of the current Control mode page selects. */
    public SenseFormat senseFormat() {
        return control.senseFormat();
    }

    /** The TAS bit of the current Control mode page: tasks aborted by another nexus end with TASK ABORTED. */
    public boolean taskAbortedStatus() {
        return control.taskAbortedStatus();
    }

    /** The SWP bit of the current Control mode page: the device type shall refuse to change its medium. */
    public boolean softwareWriteProtect() {
        return control.softwareWriteProtect();
    }

    /** Calls {@code listener} with the new current values each time a MODE SELECT or reset changes the page. */
    public <T> void addListener(ModePage<T> page, Consumer<T> listener) {
        Objects.requireNonNull(listener, "listener");
        currentBytes(page.id());
        listeners.computeIfAbsent(page.id(), id -> new CopyOnWriteArrayList<>())
                .add(bytes -> listener.accept(page.decode(bytes)));
    }

    /**
     * Validates and then applies the pages of one MODE SELECT (SPC-4 6.9.1): every bit that differs from the current
     * value must be changeable and each page's validator must accept it, or nothing at all changes.
     *
     * @param proposals        the pages of the parameter list, in order
     * @param save             the SP bit: also save every saveable page
     * @param blockDescriptors applies the already validated block descriptors; reports whether they changed
     * @return whether any parameter changed
     * @throws CheckConditionException INVALID FIELD IN PARAMETER LIST pointing at the first offending bit
     */
    public synchronized boolean select(List<Proposal> proposals, boolean save, BooleanSupplier blockDescriptors) {
        if (save && !savingSupported()) {
            throw new IllegalStateException("saving is not supported; the command must reject SP");
        }
        Map<ModePageId, byte[]> now = current;
        for (Proposal p : proposals) {
            byte[] proposed = p.bytes();
            byte[] cur = now.get(p.page().id());
            byte[] mask = p.page().changeable();
            for (int i = p.page().id().headerLength(); i < proposed.length; i++) {
                int diff = (proposed[i] ^ cur[i]) & ~mask[i] & 0xFF;
                if (diff != 0) {
                    throw CheckConditionException.invalidParameter(p.offset() + i, 31 - Integer.numberOfLeadingZeros(diff));
                }
            }
            Optional<ModePage.InvalidField> bad = p.page().validate(proposed, cur);
            if (bad.isPresent()) {
                throw CheckConditionException.invalidParameter(p.offset() + bad.get().byteIndex(), bad.get().bit());
            }
        }
        boolean changed = blockDescriptors.getAsBoolean();
        Map<ModePageId, byte[]> next = new HashMap<>(now);
        for (Proposal p : proposals) {
            byte[] bytes = p.bytes();
            p.page().writeHeader(bytes);
            if (!Arrays.equals(bytes, next.put(p.page().id(), bytes))) {
                changed = true;
            }
        }
        install(next);
        if (save) {
            Map<ModePageId, byte[]> toSave = new HashMap<>();
            for (ModePage<?> page : ordered) {
                if (page.saveable()) {
                    toSave.put(page.id(), next.get(page.id()).clone());
                }
            }
            store.save(toSave);
        }
        return changed;
    }

    /** Makes the saved values (or the defaults, if nothing is saved) current: logical unit reset and power on. */
    public synchronized void resetToSaved() {
        install(powerOnValues());
    }

    private Map<ModePageId, byte[]> powerOnValues() {
        Map<ModePageId, byte[]> values = new HashMap<>();
        for (ModePage<?> page : ordered) {
            values.put(page.id(), savedValues(page));
        }
        return values;
    }

    private void install(Map<ModePageId, byte[]> next) {
        Map<ModePageId, byte[]> before = current;
        current = Collections.unmodifiableMap(next);
        control = ControlModePage.decode(next.get(ControlModePage.PAGE.id()));
        if (before == null) {
            return;
        }
        for (Map.Entry<ModePageId, byte[]> e : next.entrySet()) {
            List<Consumer<byte[]>> ls = listeners.get(e.getKey());
            if (ls != null && !Arrays.equals(before.get(e.getKey()), e.getValue())) {
                for (Consumer<byte[]> l : ls) {
                    l.accept(e.getValue().clone());
                }
            }
        }
    }

    /** Assembles a {@link ModePageRegistry}. */
    public static final class Builder {
        private final Map<ModePageId, ModePage<?>> pages = new HashMap<>();
        private ModePageStore store = ModePageStore.inMemory();
        private IntSupplier mediumType = () -> 0;
        private IntSupplier deviceSpecificParameter = () -> 0;
        private BlockDescriptors blockDescriptors;

        private Builder() {
            pages.put(ControlModePage.PAGE.id(), ControlModePage.PAGE);
            pages.put(ControlExtensionModePage.PAGE.id(), ControlExtensionModePage.PAGE);
        }

        /**
         * Adds a page. The Control mode page may be replaced by another {@link ControlModePage#declaration(int)};
         * any other address may be declared once.
         */
        public Builder page(ModePage<?> page) {
            ModePageId id = page.id();
            if (pages.containsKey(id) && !id.equals(ControlModePage.PAGE.id())) {
                throw new IllegalArgumentException("mode page " + id + " declared twice");
            }
            pages.put(id, page);
            return this;
        }

        /** Where saved pages live; in memory by default, {@link ModePageStore#none()} for no saved pages. */
        public Builder store(ModePageStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Supplies the MEDIUM TYPE of the mode parameter header; 00h by default. */
        public Builder mediumType(IntSupplier value) {
            this.mediumType = Objects.requireNonNull(value, "mediumType");
            return this;
        }

        /** Supplies the DEVICE-SPECIFIC PARAMETER of the mode parameter header; 00h by default. */
        public Builder deviceSpecificParameter(IntSupplier value) {
            this.deviceSpecificParameter = Objects.requireNonNull(value, "deviceSpecificParameter");
            return this;
        }

        /** Installs the device type's block descriptors; without them MODE SENSE returns none. */
        public Builder blockDescriptors(BlockDescriptors value) {
            this.blockDescriptors = Objects.requireNonNull(value, "blockDescriptors");
            return this;
        }

        public ModePageRegistry build() {
            return new ModePageRegistry(this);
        }
    }
}
