package io.github.scsiemu.spc.log;

/** The log pages of one logical unit (SPC-4 7.3). PLACEHOLDER: being completed. */
public final class LogPageRegistry {

    private LogPageRegistry() {
    }

    /** Starts a registry; the supported pages pages (00h and 00h/FFh) are always present. */
    public static Builder builder() {
        return new Builder();
    }

    /** Assembles a {@link LogPageRegistry}. */
    public static final class Builder {
        public LogPageRegistry build() {
            return new LogPageRegistry();
        }
    }
}
