package io.github.scsiemu.conformance;

import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.sbc.BlockDevice;
import io.github.scsiemu.sbc.BlockLimits;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.alua.AsymmetricAccess;
import io.github.scsiemu.spc.alua.AsymmetricAccessState;
import io.github.scsiemu.spc.alua.TargetPortGroups;
import io.github.scsiemu.spc.reservation.PersistentReservations;
import io.github.scsiemu.spc.PeripheralDeviceType;
import io.github.scsiemu.spc.target.SimpleTarget;
import java.util.List;

/** Our own devices as targets under test (public for the tests of the transports' target under test). */
public final class OurTargets {

    /** The iSCSI name of the two-disk target. */
    public static final String TEST_TARGET_NAME = "iqn.2026-01.io.github.scsiemu:test";
    /** The first target port of the two-disk target: TPGT 1, relative target port 1. */
    public static final TargetPort PORT_A = TargetPort.iscsi(TEST_TARGET_NAME, 1, 1, 0);
    /** The second target port of the two-disk target: TPGT 2, relative target port 2. */
    public static final TargetPort PORT_B = TargetPort.iscsi(TEST_TARGET_NAME, 2, 2, 0);

    private OurTargets() {
    }

    /** A logical unit on the shared SPC engine with the direct-access device type and no SBC commands yet. */
    static DeviceServer plainDisk(String serialNumber) {
        return DeviceServer.builder(LogicalUnitIdentity.of(PeripheralDeviceType.DIRECT_ACCESS, "TEST", serialNumber,
                List.of(0x00A0, 0x0460))).build();
    }

    /**
     * The SBC disk: 2048 blocks of 512 bytes in memory, thin provisioned (so the provisioning suite has UNMAP and GET
     * LBA STATUS) and with persistent reservations as {@link BlockDevice} builds it, with Block Limits small enough that the block suites can exceed each of them within the medium.
     */
    static DeviceServer sbcDisk(String serialNumber) {
        return BlockDevice.create(thinDiskConfig(serialNumber));
    }

    /** The configuration of {@link #sbcDisk}. */
    static DiskConfig thinDiskConfig(String serialNumber) {
        BlockLimits d = BlockLimits.DEFAULT;
        BlockLimits limits = new BlockLimits(128, d.optimalTransferLength() > 128 ? 128 : d.optimalTransferLength(),
                d.optimalTransferLengthGranularity(), 16, d.maximumUnmapLbaCount(),
                d.maximumUnmapBlockDescriptorCount(), d.optimalUnmapGranularity(), d.unmapGranularityAlignment(), 1024,
                64, d.atomicAlignment(), d.atomicTransferLengthGranularity());
        return DiskConfig.builder(2048, 512).thin().limits(limits).product("TEST").serialNumber(serialNumber).build();
    }

    /** The thin disk of {@link #sbcDisk} with a removable medium (INQUIRY RMB=1). */
    static DeviceServer removableDisk(String serialNumber) {
        return Disk.builder(thinDiskConfig(serialNumber).toBuilder().removable(true).build()).build().logicalUnit();
    }

    /**
     * The thin disk of {@link #sbcDisk}, write-protected, its first 64 blocks holding a non-zero pattern written
     * through the operator handle (so that a command that wrongly writes shows).
     */
    static DeviceServer readOnlyDisk(String serialNumber) {
        Disk disk = Disk.builder(thinDiskConfig(serialNumber).toBuilder().readOnly(true).build()).build();
        byte[] pattern = new byte[64 * 512];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 7 + i / 512 + 1);
        }
        disk.medium().write(0, java.nio.ByteBuffer.wrap(pattern), true);
        return disk.logicalUnit();
    }

    /** The removable disk as LUN 0 and the write-protected disk as LUN 1. */
    public static InProcessTarget mediaTarget() {
        return InProcessTarget.of("scsi-emu SimpleTarget with a removable disk and a write-protected disk",
                mediaDevice()).withTargetPorts(List.of(PORT_A));
    }

    /** The SCSI target device of {@link #mediaTarget}, fresh, for serving through a transport. */
    public static SimpleTarget mediaDevice() {
        return SimpleTarget.builder().port(PORT_A)
                .logicalUnit(0, removableDisk("SN3")).logicalUnit(1, readOnlyDisk("SN4")).build();
    }

    /**
     * The SBC disk as LUN 0 and a bare SPC engine logical unit as LUN 1, in the spc-common target, reached through
     * two target ports.
     */
    public static InProcessTarget twoDiskTarget() {
        return InProcessTarget.of("scsi-emu SimpleTarget with an SBC disk and a bare SPC logical unit",
                twoDiskDevice()).withTargetPorts(List.of(PORT_A, PORT_B));
    }

    /** The SCSI target device of {@link #twoDiskTarget}, fresh, for serving through a transport. */
    public static SimpleTarget twoDiskDevice() {
        return SimpleTarget.builder().port(PORT_A).port(PORT_B)
                .logicalUnit(0, sbcDisk("SN1")).logicalUnit(1, plainDisk("SN2")).build();
    }

    /**
     * An SBC disk with asymmetric access as LUN 0 of a target with two target ports in two target port groups:
     * group 1 (port A) active/optimized, group 2 (port B) standby, implicit and explicit transitions.
     */
    public static InProcessTarget aluaTarget() {
        return InProcessTarget.of("scsi-emu SimpleTarget with an ALUA disk on two target port groups", aluaDevice())
                .withTargetPorts(List.of(ALUA_PORT_A, ALUA_PORT_B));
    }

    /** The SCSI target device of {@link #aluaTarget}, fresh, for serving through a transport. */
    public static SimpleTarget aluaDevice() {
        return SimpleTarget.builder().port(ALUA_PORT_A).port(ALUA_PORT_B).logicalUnit(0, aluaDisk()).build();
    }

    /** The iSCSI name of the ALUA target. */
    public static final String ALUA_TARGET_NAME = "iqn.2026-01.io.github.scsiemu:alua";
    /** The first target port of the ALUA target: TPGT 1, relative target port 1, target port group 1. */
    public static final TargetPort ALUA_PORT_A = TargetPort.iscsi(ALUA_TARGET_NAME, 1, 1, 1);
    /** The second target port of the ALUA target: TPGT 2, relative target port 2, target port group 2. */
    public static final TargetPort ALUA_PORT_B = TargetPort.iscsi(ALUA_TARGET_NAME, 2, 2, 2);

    /** The disk of {@link #aluaTarget}: persistent reservations, group 1 (port A) AO, group 2 (port B) standby. */
    static DeviceServer aluaDisk() {
        TargetPortGroups groups = TargetPortGroups.builder()
                .group(1, AsymmetricAccessState.ACTIVE_OPTIMIZED, ALUA_PORT_A)
                .group(2, AsymmetricAccessState.STANDBY, ALUA_PORT_B)
                .build();
        return Disk.builder(thinDiskConfig("SN-ALUA")).feature(new PersistentReservations())
                .feature(AsymmetricAccess.of(groups)).build().logicalUnit();
    }

    /** One logical unit on its own as LUN 0. */
    static InProcessTarget single(String description, LogicalUnit logicalUnit) {
        return InProcessTarget.of(description, logicalUnit);
    }

    /** The command-line factory for the two-disk target. */
    public static final class TwoDisks implements TargetUnderTestFactory {
        @Override
        public TargetUnderTest create(List<String> arguments) {
            return twoDiskTarget();
        }
    }
}
