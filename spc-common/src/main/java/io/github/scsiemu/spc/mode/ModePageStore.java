package io.github.scsiemu.spc.mode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a logical unit keeps its saved mode pages: the "nonvolatile, vendor specific location" MODE SELECT with
 * SP set writes to (SPC-4 6.9.1) and power on and logical unit reset read back. An implementation must make
 * {@link #save} atomic: after a crash either all the pages of one call are saved or none.
 */
public interface ModePageStore {

    /** Whether the logical unit implements saved pages at all; if not, no page is saveable. */
    default boolean supportsSaving() {
        return true;
    }

    /** The saved values of a page (the whole page, header included), if any were saved. */
    Optional<byte[]> load(ModePageId id);

    /** Saves these pages' values, replacing what was saved for them before. */
    void save(Map<ModePageId, byte[]> pages);

    /** A store kept in memory: it survives logical unit resets but not the process. */
    static ModePageStore inMemory() {
        Map<ModePageId, byte[]> saved = new ConcurrentHashMap<>();
        return new ModePageStore() {
            @Override
            public Optional<byte[]> load(ModePageId id) {
                return Optional.ofNullable(saved.get(id)).map(byte[]::clone);
            }

            @Override
            public synchronized void save(Map<ModePageId, byte[]> pages) {
                pages.forEach((id, bytes) -> saved.put(id, bytes.clone()));
            }
        };
    }

    /**
     * The store of a logical unit that implements no saved pages: MODE SENSE with PC 11b reports SAVING PARAMETERS
     * NOT SUPPORTED and MODE SELECT with SP set is rejected (SPC-4 6.9.1, 6.11.1).
     */
    static ModePageStore none() {
        return new ModePageStore() {
            @Override
            public boolean supportsSaving() {
                return false;
            }

            @Override
            public Optional<byte[]> load(ModePageId id) {
                return Optional.empty();
            }

            @Override
            public void save(Map<ModePageId, byte[]> pages) {
                throw new UnsupportedOperationException("this logical unit implements no saved mode pages");
            }
        };
    }
}
