package io.github.scsiemu.spc.mode;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The declaration of one mode page (SPC-4 7.5.7): its address, its length, its default values, the mask of the bits
 * an application client may change with MODE SELECT, whether it is saveable (the PS bit), how its bytes read as a
 * typed value {@code T}, and an optional check of proposed values beyond the changeable mask.
 *
 * <p>Every byte array a page deals in is the whole page as the standard's tables number it: byte 0 carries PS,
 * SPF and PAGE CODE, the page header follows, and the mode parameters start at {@link ModePageId#headerLength()}.
 * A device type declares its pages once, as constants, and reads the current values through
 * {@link ModePageRegistry#current(ModePage)}.
 *
 * @param <T> the typed view of the page's values
 */
public final class ModePage<T> {

    /**
     * A bit of a proposed page that MODE SELECT must refuse: INVALID FIELD IN PARAMETER LIST pointing at it.
     *
     * @param byteIndex the byte within the page (byte 0 is the one holding the PAGE CODE)
     * @param bit       the bit, 7-0
     */
    public record InvalidField(int byteIndex, int bit) {
        public InvalidField {
            if (byteIndex < 0 || bit < 0 || bit > 7) {
                throw new IllegalArgumentException("bad field pointer " + byteIndex + "/" + bit);
            }
        }
    }

    /**
     * Checks the values a MODE SELECT proposes for a page after the changeable mask allowed them, e.g. a changeable
     * field set to a reserved value (SPC-4 6.9.1: INVALID FIELD IN PARAMETER LIST).
     */
    @FunctionalInterface
    public interface Validator {
        /**
         * @param proposed the whole proposed page
         * @param current  the whole current page
         * @return the offending field, or empty if the page may be applied
         */
        Optional<InvalidField> check(byte[] proposed, byte[] current);
    }

    private final String name;
    private final ModePageId id;
    private final byte[] defaults;
    private final byte[] changeable;
    private final boolean saveable;
    private final Function<byte[], T> decoder;
    private final Validator validator;

    private ModePage(Builder<T> b) {
        this.name = b.name;
        this.id = b.id;
        this.defaults = b.defaults;
        this.changeable = b.changeable;
        this.saveable = b.saveable;
        this.decoder = b.decoder;
        this.validator = b.validator;
        writeHeader(defaults);
        writeHeader(changeable);
    }

    /**
     * Starts the declaration of a page.
     *
     * @param name        the page's name in the standard, e.g. {@code Control}
     * @param pageCode    the PAGE CODE
     * @param subpageCode the SUBPAGE CODE; 00h for a page_0 format page
     * @param pageLength  the PAGE LENGTH: the number of bytes after the page header
     * @param decoder     reads the whole page into its typed value
     */
    public static <T> Builder<T> builder(String name, int pageCode, int subpageCode, int pageLength,
            Function<byte[], T> decoder) {
        return new Builder<>(name, new ModePageId(pageCode, subpageCode), pageLength, decoder);
    }

    public String name() {
        return name;
    }

    public ModePageId id() {
        return id;
    }

    /** The PAGE LENGTH: bytes after the page header. */
    public int pageLength() {
        return defaults.length - id.headerLength();
    }

    /** The length of the whole page, header included. */
    public int length() {
        return defaults.length;
    }

    /** Whether the page is declared saveable (PS set in MODE SENSE data if the logical unit saves pages). */
    public boolean saveable() {
        return saveable;
    }

    /** The default values, header included (PS clear). */
    public byte[] defaults() {
        return defaults.clone();
    }

    /** The changeable mask, header included as MODE SENSE returns it with PC 01b (PS clear). */
    public byte[] changeable() {
        return changeable.clone();
    }

    /** The typed value of the given page bytes. */
    public T decode(byte[] page) {
        return decoder.apply(page.clone());
    }

    Optional<InvalidField> validate(byte[] proposed, byte[] current) {
        return validator.check(proposed.clone(), current.clone());
    }

    /** Writes PAGE CODE, SPF, SUBPAGE CODE and PAGE LENGTH into byte 0 onward of {@code page} (PS clear). */
    void writeHeader(byte[] page) {
        int length = page.length - id.headerLength();
        if (id.subpageFormat()) {
            page[0] = (byte) (0x40 | id.pageCode());
            page[1] = (byte) id.subpageCode();
            page[2] = (byte) (length >>> 8);
            page[3] = (byte) length;
        } else {
            page[0] = (byte) id.pageCode();
            page[1] = (byte) length;
        }
    }

    @Override
    public String toString() {
        return name + " mode page (" + id + ")";
    }

    /** Assembles a {@link ModePage}; byte indexes are positions within the whole page. */
    public static final class Builder<T> {
        private final String name;
        private final ModePageId id;
        private final byte[] defaults;
        private final byte[] changeable;
        private final Function<byte[], T> decoder;
        private boolean saveable;
        private Validator validator = (proposed, current) -> Optional.empty();

        private Builder(String name, ModePageId id, int pageLength, Function<byte[], T> decoder) {
            this.name = Objects.requireNonNull(name, "name");
            this.id = id;
            this.decoder = Objects.requireNonNull(decoder, "decoder");
            int max = id.subpageFormat() ? 0xFFFF : 0xFF;
            if (pageLength < 0 || pageLength > max) {
                throw new IllegalArgumentException("page length out of range for " + id + ": " + pageLength);
            }
            this.defaults = new byte[id.headerLength() + pageLength];
            this.changeable = new byte[defaults.length];
        }

        private void checkIndex(int byteIndex) {
            if (byteIndex < id.headerLength() || byteIndex >= defaults.length) {
                throw new IllegalArgumentException("byte " + byteIndex + " is not a mode parameter of " + name);
            }
        }

        /** Sets the default value of one byte. */
        public Builder<T> defaultByte(int byteIndex, int value) {
            checkIndex(byteIndex);
            defaults[byteIndex] = (byte) value;
            return this;
        }

        /** Sets the default value of a big-endian field of {@code byteCount} bytes starting at {@code byteIndex}. */
        public Builder<T> defaultValue(int byteIndex, int byteCount, long value) {
            for (int i = byteCount - 1; i >= 0; i--, value >>>= 8) {
                defaultByte(byteIndex + i, (int) value);
            }
            return this;
        }

        /** Marks the bits of {@code mask} in one byte as changeable. */
        public Builder<T> changeable(int byteIndex, int mask) {
            checkIndex(byteIndex);
            changeable[byteIndex] |= (byte) mask;
            return this;
        }

        /** Whether the page is saveable. */
        public Builder<T> saveable(boolean value) {
            this.saveable = value;
            return this;
        }

        /** Installs a check of proposed values. */
        public Builder<T> validator(Validator value) {
            this.validator = Objects.requireNonNull(value, "validator");
            return this;
        }

        public ModePage<T> build() {
            return new ModePage<>(this);
        }
    }
}
