package io.github.scsiemu.sbc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The geometry of a {@link FileBlockStore} as its metadata file {@value #FILE} holds it: 28 bytes, big-endian:
 * the magic {@code "SCSIEMUB"} (8 bytes), the format version (4), the logical block length (4), the capacity in
 * logical blocks (8), and a CRC-32C of the preceding 24 bytes (4). It is replaced atomically
 * ({@link DurableFiles#replace}) when the capacity changes.
 *
 * @param blockSize the logical block length: a power of two
 * @param capacity  the number of logical blocks, at least one
 */
record StoreMetadata(int blockSize, long capacity) {

    /** The metadata file's name. */
    static final String FILE = "blockstore.meta";
    /** The format this code writes and reads. */
    static final int VERSION = 1;

    private static final byte[] MAGIC = "SCSIEMUB".getBytes(StandardCharsets.US_ASCII);
    private static final int LENGTH = 28;

    StoreMetadata {
        if (blockSize <= 0 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size must be a power of two: " + blockSize);
        }
        if (capacity < 1 || capacity > Long.MAX_VALUE / blockSize) {
            throw new IllegalArgumentException("capacity out of range: " + capacity + " blocks");
        }
    }

    /** Writes this metadata to {@code directory}, atomically replacing what was there. */
    void write(Path directory) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(MAGIC).putInt(VERSION).putInt(blockSize).putLong(capacity);
        b.putInt(DurableFiles.crc(b, 0, LENGTH - 4));
        DurableFiles.replace(directory.resolve(FILE), b.flip());
    }

    /**
     * Reads the metadata of the store in {@code directory}.
     *
     * @throws IOException if there is none, or it is not a valid version-1 metadata file
     */
    static StoreMetadata read(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no block store here");
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length != LENGTH || !b.slice(0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            throw corrupted(file, "not a block store metadata file");
        }
        if (DurableFiles.crc(b, 0, LENGTH - 4) != b.getInt(LENGTH - 4)) {
            throw corrupted(file, "checksum mismatch");
        }
        int version = b.getInt(8);
        if (version != VERSION) {
            throw corrupted(file, "unsupported format version " + version);
        }
        try {
            return new StoreMetadata(b.getInt(12), b.getLong(16));
        } catch (IllegalArgumentException e) {
            throw corrupted(file, e.getMessage());
        }
    }

    private static IOException corrupted(Path file, String why) {
        return new IOException("corrupted block store metadata " + file + ": " + why);
    }
}
