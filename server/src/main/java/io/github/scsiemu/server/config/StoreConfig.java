package io.github.scsiemu.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a disk keeps its logical blocks: in memory (a sparse store, gone when the server stops) or in a directory
 * holding a crash-consistent file store (SBC-4 4.15 durability; created if absent, reopened if present).
 *
 * @param fileDirectory the file store's directory, or empty for memory
 */
public record StoreConfig(Optional<Path> fileDirectory) {

    /** A sparse in-memory store. */
    public static final StoreConfig MEMORY = new StoreConfig(Optional.empty());

    public StoreConfig {
        Objects.requireNonNull(fileDirectory, "fileDirectory");
    }

    /** A file store in {@code directory}. */
    public static StoreConfig file(Path directory) {
        return new StoreConfig(Optional.of(directory));
    }

    /** Whether the blocks survive a restart. */
    public boolean isFile() {
        return fileDirectory.isPresent();
    }

    @Override
    public String toString() {
        return fileDirectory.map(d -> "file store " + d).orElse("memory store");
    }
}
