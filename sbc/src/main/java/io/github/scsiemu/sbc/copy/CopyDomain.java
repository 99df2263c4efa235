package io.github.scsiemu.sbc.copy;

import io.github.scsiemu.sbc.Disk;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The logical units a copy manager can reach as copy sources and copy destinations (SPC-4 third-party copy, "CSCD"): in
 * scsi-emu the disks of one target, whoever assembles the target creating one domain and building its disks with
 * {@link Disk.Builder#copyDomain}. Each member is found by the designator an identification CSCD descriptor names
 * (SPC-4 6.4), the NAA IEEE Registered Extended designator its Device Identification VPD page reports (SPC-4
 * 7.8.6.6.5). A disk built without a domain is alone in one of its own and can copy only within itself.
 *
 * <p>Thread-safe. Designators are unique within a domain: a second disk with the same designator is refused.
 */
public final class CopyDomain {

    private final ConcurrentMap<String, Disk> members = new ConcurrentHashMap<>();

    /** An empty domain. */
    public CopyDomain() {
    }

    /**
     * Adds a disk, keyed by its NAA designator.
     *
     * @param disk the disk, which may already be a member
     * @return this domain
     * @throws IllegalArgumentException if another disk of the domain has the same designator
     */
    public CopyDomain join(Disk disk) {
        Objects.requireNonNull(disk, "disk");
        String key = key(disk);
        Disk previous = members.putIfAbsent(key, disk);
        if (previous != null && previous != disk) {
            throw new IllegalArgumentException("another disk of the copy domain has designator " + key);
        }
        return this;
    }

    /** Removes a disk (for example when it is closed); EXTENDED COPY can no longer reach it. */
    public void leave(Disk disk) {
        members.remove(key(disk), disk);
    }

    /**
     * The member whose NAA IEEE Registered Extended designator is {@code designator}.
     *
     * @param designator the 16 designator bytes
     */
    public Optional<Disk> find(byte[] designator) {
        return Optional.ofNullable(members.get(HexFormat.of().formatHex(designator)));
    }

    /** The number of members. */
    public int size() {
        return members.size();
    }

    /** The designator of {@code disk} in hexadecimal: the key, and the order in which copies lock disks. */
    static String key(Disk disk) {
        return HexFormat.of().formatHex(disk.config().identity().naaRegisteredExtended());
    }
}
