package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.api.TransportId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A {@link ReservationStore} in one file, crash-consistent (DESIGN.md section 5): each save writes a temporary file
 * next to it, forces it to the device, atomically renames it over the file and forces the directory, so a crash
 * leaves either the old or the new state. The format is this library's own:
 * <pre>
 *   magic "SEPR" | u16 version (1) | u32 payload length | payload | u32 CRC-32 of the payload
 *   payload: u8 flags (bit 0 APTPL) | u32 registration count | registrations | u8 reservation present
 *            [u8 TYPE | i32 holder index (-1 for all-registrants types)]
 *   registration: u64 key | UTF initiator port name | u16 length + TransportID | u8 all target ports
 *                 [UTF target port name | u16 relative target port id | u16 target port group]
 * </pre>
 */
public final class FileReservationStore implements ReservationStore {

    private static final int MAGIC = 0x53455052; // "SEPR"
    private static final int VERSION = 1;

    private final Path file;

    /** A store in {@code file}; its directory must exist. */
    public FileReservationStore(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    /** The file. */
    public Path file() {
        return file;
    }

    @Override
    public Optional<ReservationState> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(decode(Files.readAllBytes(file)));
    }

    @Override
    public void save(ReservationState state) throws IOException {
        byte[] bytes = encode(state);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
    }

    @Override
    public void clear() throws IOException {
        if (Files.deleteIfExists(file)) {
            forceDirectory();
        }
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a directory; the rename is still atomic there.
        }
    }

    static byte[] encode(ReservationState s) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(payload);
        out.writeByte(s.aptpl() ? 1 : 0);
        out.writeInt(s.registrations().size());
        int holderIndex = -1;
        for (int i = 0; i < s.registrations().size(); i++) {
            Registration r = s.registrations().get(i);
            out.writeLong(r.key());
            out.writeUTF(r.registrant().initiator().name());
            byte[] tid = r.registrant().initiator().transportId().encode();
            out.writeShort(tid.length);
            out.write(tid);
            Optional<TargetPort> port = r.registrant().targetPort();
            out.writeByte(port.isEmpty() ? 1 : 0);
            if (port.isPresent()) {
                out.writeUTF(port.get().name());
                out.writeShort(port.get().relativeTargetPortId());
                out.writeShort(port.get().targetPortGroup());
            }
            if (s.reservation().flatMap(Reservation::holder).map(r.registrant()::equals).orElse(false)) {
                holderIndex = i;
            }
        }
        out.writeByte(s.reservation().isPresent() ? 1 : 0);
        if (s.reservation().isPresent()) {
            out.writeByte(s.reservation().get().type().code());
            out.writeInt(holderIndex);
        }
        out.flush();
        byte[] body = payload.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        return ByteBuffer.allocate(14 + body.length).putInt(MAGIC).putShort((short) VERSION).putInt(body.length)
                .put(body).putInt((int) crc.getValue()).array();
    }

    static ReservationState decode(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 14 || b.getInt() != MAGIC) {
            throw new IOException("not a persistent reservation file");
        }
        int version = b.getShort() & 0xFFFF;
        if (version != VERSION) {
            throw new IOException("unsupported persistent reservation file version " + version);
        }
        int length = b.getInt();
        if (length < 0 || length != bytes.length - 14) {
            throw new IOException("persistent reservation file truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 10, length);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, 10 + length, 4).getInt()) {
            throw new IOException("persistent reservation file checksum mismatch");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 10, length));
            boolean aptpl = (in.readByte() & 1) != 0;
            int count = in.readInt();
            List<Registration> regs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long key = in.readLong();
                String name = in.readUTF();
                byte[] tid = new byte[in.readUnsignedShort()];
                in.readFully(tid);
                TransportId id = TransportId.decode(tid, 0, tid.length)
                        .orElseThrow(() -> new IOException("bad TransportID in persistent reservation file"));
                Optional<TargetPort> port = Optional.empty();
                if (in.readByte() == 0) {
                    port = Optional.of(new TargetPort(in.readUTF(), in.readUnsignedShort(), in.readUnsignedShort()));
                }
                regs.add(new Registration(new Registrant(new InitiatorPort(name, id), port), key));
            }
            Optional<Reservation> reservation = Optional.empty();
            if (in.readByte() != 0) {
                ReservationType type = ReservationType.of(in.readUnsignedByte())
                        .orElseThrow(() -> new IOException("bad reservation type in persistent reservation file"));
                int holder = in.readInt();
                reservation = Optional.of(new Reservation(type,
                        holder < 0 ? Optional.empty() : Optional.of(regs.get(holder).registrant())));
            }
            return new ReservationState(regs, reservation, 0, aptpl);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IOException("inconsistent persistent reservation file", e);
        }
    }
}
