package io.github.scsiemu.spc.inquiry;

/** The vital product data pages of one logical unit (SPC-4 7.8). PLACEHOLDER: being completed. */
public final class VpdPageRegistry {

    private VpdPageRegistry() {
    }

    /** Starts a registry; pages 00h, 80h, 83h, 86h and 88h are always present. */
    public static Builder builder() {
        return new Builder();
    }

    /** Assembles a {@link VpdPageRegistry}. */
    public static final class Builder {
        public VpdPageRegistry build() {
            return new VpdPageRegistry();
        }
    }
}
