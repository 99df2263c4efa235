package io.github.scsiemu.server;

import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.sbc.BlockStore;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.sbc.FileBlockStore;
import io.github.scsiemu.sbc.SparseMemoryBlockStore;
import io.github.scsiemu.sbc.copy.CopyDomain;
import io.github.scsiemu.server.config.ConfigException;
import io.github.scsiemu.server.config.LunConfig;
import io.github.scsiemu.spc.alua.AsymmetricAccess;
import io.github.scsiemu.spc.alua.TargetPortGroups;
import io.github.scsiemu.spc.reservation.FileReservationStore;
import io.github.scsiemu.spc.reservation.InMemoryReservationStore;
import io.github.scsiemu.spc.reservation.PersistentReservations;
import io.github.scsiemu.spc.reservation.ReservationStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Builds the logical unit a {@link LunConfig} describes: a {@link Disk} on its store (a file store is created if
 * absent and reopened if present), with persistent reservations (SPC-4 5.13; saved for APTPL in the reservation
 * directory when one is configured) and, when the target has target port groups, asymmetric access (SPC-4 5.15).
 */
final class LogicalUnits {

    private LogicalUnits() {
    }

    /**
     * Builds one disk.
     *
     * @param lun          the configuration
     * @param targetName   the target's iSCSI name, which names the reservation file
     * @param ports        the target's ports, for REGISTER AND MOVE
     * @param reservations the reservation directory, if any
     * @param copyDomain   the target's copy domain, so EXTENDED COPY reaches the other LUs of the target
     * @param groups       the target's port groups, if it has any
     * @return the disk, which the caller must close
     * @throws ConfigException if a file store does not match the configuration
     * @throws IOException     if a store cannot be created or opened
     */
    static Disk disk(LunConfig lun, String targetName, List<TargetPort> ports, Optional<Path> reservations,
            CopyDomain copyDomain, Optional<TargetPortGroups> groups) throws ConfigException, IOException {
        BlockStore store = store(lun);
        try {
            Disk.Builder b = Disk.builder(lun.disk()).store(store).copyDomain(copyDomain)
                    .feature(new PersistentReservations(reservationStore(reservations, targetName, lun.number()),
                            ports));
            groups.ifPresent(g -> b.feature(AsymmetricAccess.of(g)));
            return b.build();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static BlockStore store(LunConfig lun) throws ConfigException, IOException {
        DiskConfig disk = lun.disk();
        if (!lun.store().isFile()) {
            return new SparseMemoryBlockStore(disk.logicalBlockSize(), disk.capacity());
        }
        Path directory = lun.store().fileDirectory().orElseThrow();
        FileBlockStore store;
        try {
            store = FileBlockStore.open(directory);
        } catch (NoSuchFileException absent) {
            return FileBlockStore.create(directory, disk.logicalBlockSize(), disk.capacity());
        }
        if (store.blockSize() != disk.logicalBlockSize() || store.capacity() != disk.capacity()) {
            String found = store.capacity() + " blocks of " + store.blockSize() + " bytes";
            store.close();
            throw lun.origin().error("lun " + lun.number(), "the file store in " + directory + " holds " + found
                    + ", but capacity and block-size say " + disk.capacity() + " blocks of "
                    + disk.logicalBlockSize() + " bytes");
        }
        return store;
    }

    private static ReservationStore reservationStore(Optional<Path> directory, String targetName, int lun)
            throws IOException {
        if (directory.isEmpty()) {
            return new InMemoryReservationStore();
        }
        Path dir = directory.get().resolve(targetName.replaceAll("[^A-Za-z0-9._-]", "_"));
        Files.createDirectories(dir);
        return new FileReservationStore(dir.resolve("lun-" + lun + ".pr"));
    }
}
