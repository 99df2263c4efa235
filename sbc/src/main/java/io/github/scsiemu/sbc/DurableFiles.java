package io.github.scsiemu.sbc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Crash-consistent file updates for the persistent block store (DESIGN.md section 5): a file is replaced by
 * writing a temporary file beside it, forcing it to the device, renaming it atomically over the old one and forcing
 * the directory, so after a crash either the old or the new content is there, whole.
 */
final class DurableFiles {

    private DurableFiles() {
    }

    /** Replaces {@code target} with {@code content} (from its position to its limit), atomically and durably. */
    static void replace(Path target, ByteBuffer content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, content, 0);
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.getParent());
    }

    /**
     * Forces a directory's entries (a rename or a new file) to the device. Platforms that cannot open a directory
     * (Windows) refuse with {@link AccessDeniedException}; their file systems journal renames themselves.
     */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (AccessDeniedException e) {
            // no directory handles on this platform
        }
    }

    /** Writes all of {@code source} at {@code position}. */
    static void writeFully(FileChannel channel, ByteBuffer source, long position) throws IOException {
        while (source.hasRemaining()) {
            position += channel.write(source, position);
        }
    }

    /** The CRC-32C of bytes {@code from} to {@code to - 1} of {@code buffer}, whose position is unchanged. */
    static int crc(ByteBuffer buffer, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().limit(to).position(from));
        return (int) crc.getValue();
    }
}
