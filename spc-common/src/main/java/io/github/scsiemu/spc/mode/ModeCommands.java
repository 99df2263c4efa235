package io.github.scsiemu.spc.mode;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * MODE SENSE(6) and (10) (SPC-4 6.11, 6.12) and MODE SELECT(6) and (10) (SPC-4 6.9, 6.10) over the logical unit's
 * {@link ModePageRegistry}: the mode parameter header and block descriptors (SPC-4 7.5.4, 7.5.5), then the pages.
 */
public final class ModeCommands {

    /** LLBAA: long LBA block descriptors accepted (MODE SENSE(10) only). */
    public static final CdbField LLBAA = CdbField.bit("LLBAA", 1, 4);
    /** DBD: disable block descriptors. */
    public static final CdbField DBD = CdbField.bit("DBD", 1, 3);
    /** PC: page control. */
    public static final CdbField PC = CdbField.bits("PC", 2, 7, 2);
    /** PAGE CODE. */
    public static final CdbField PAGE_CODE = CdbField.bits("PAGE CODE", 2, 5, 6);
    /** SUBPAGE CODE. */
    public static final CdbField SUBPAGE_CODE = CdbField.bytes("SUBPAGE CODE", 3, 1);
    /** PF: page format. */
    public static final CdbField PF = CdbField.bit("PF", 1, 4);
    /** SP: save pages. */
    public static final CdbField SP = CdbField.bit("SP", 1, 0);

    public static final CommandDescriptor MODE_SENSE_6 = CommandDescriptor.builder("MODE SENSE(6)", 0x1A, 6)
            .fields(DBD, PC, PAGE_CODE, SUBPAGE_CODE,
                    CdbField.bytes("ALLOCATION LENGTH", 4, 1).as(CdbField.Role.ALLOCATION_LENGTH))
            .direction(DataDirection.IN)
            .flags(CommandFlag.ALLOWED_WHEN_NOT_READY, CommandFlag.ALLOWED_IN_STANDBY)
            .reservationClass(ReservationClass.READ)
            .build();

    public static final CommandDescriptor MODE_SENSE_10 = CommandDescriptor.builder("MODE SENSE(10)", 0x5A, 10)
            .fields(LLBAA, DBD, PC, PAGE_CODE, SUBPAGE_CODE,
                    CdbField.bytes("ALLOCATION LENGTH", 7, 2).as(CdbField.Role.ALLOCATION_LENGTH))
            .direction(DataDirection.IN)
            .flags(CommandFlag.ALLOWED_WHEN_NOT_READY, CommandFlag.ALLOWED_IN_STANDBY)
            .reservationClass(ReservationClass.READ)
            .build();

    public static final CommandDescriptor MODE_SELECT_6 = CommandDescriptor.builder("MODE SELECT(6)", 0x15, 6)
            .fields(PF, SP, CdbField.bytes("PARAMETER LIST LENGTH", 4, 1).as(CdbField.Role.PARAMETER_LIST_LENGTH))
            .direction(DataDirection.OUT)
            .flags(CommandFlag.ALLOWED_WHEN_NOT_READY, CommandFlag.ALLOWED_IN_STANDBY)
            .reservationClass(ReservationClass.WRITE)
            .build();

    public static final CommandDescriptor MODE_SELECT_10 = CommandDescriptor.builder("MODE SELECT(10)", 0x55, 10)
            .fields(PF, SP, CdbField.bytes("PARAMETER LIST LENGTH", 7, 2).as(CdbField.Role.PARAMETER_LIST_LENGTH))
            .direction(DataDirection.OUT)
            .flags(CommandFlag.ALLOWED_WHEN_NOT_READY, CommandFlag.ALLOWED_IN_STANDBY)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private static final int ALL_PAGES = 0x3F;
    private static final int ALL_SUBPAGES = 0xFF;

    private ModeCommands() {
    }

    /** The commands, ready for a {@link io.github.scsiemu.spc.CommandSet}. */
    public static List<Command> commands() {
        return List.of(
                new Command(MODE_SENSE_6, c -> modeSense(c, false)),
                new Command(MODE_SENSE_10, c -> modeSense(c, true)),
                new Command(MODE_SELECT_6, c -> modeSelect(c, false)),
                new Command(MODE_SELECT_10, c -> modeSelect(c, true)));
    }

    // ------------------------------------------------------------------------------------------------ MODE SENSE

    /**
     * MODE SENSE: the header, the block descriptors unless DBD is set, then the requested pages with the values PC
     * selects. The full data is returned; the engine truncates it to the allocation length.
     */
    static CommandResult modeSense(CommandContext context, boolean tenByte) {
        ModePageRegistry registry = context.logicalUnit().modePages();
        Cdb cdb = context.cdb();
        PageControl pc = PageControl.of(cdb.getInt(PC));
        if (pc == PageControl.SAVED && !registry.savingSupported()) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.SAVING_PARAMETERS_NOT_SUPPORTED);
        }
        List<ModePage<?>> pages = requestedPages(registry, cdb.getInt(PAGE_CODE), cdb.getInt(SUBPAGE_CODE));
        boolean longLbaAccepted = tenByte && cdb.flag(LLBAA);
        List<byte[]> descriptors = cdb.flag(DBD) ? List.of()
                : registry.blockDescriptors().map(b -> b.sense(longLbaAccepted, pc)).orElse(List.of());
        boolean longLba = !descriptors.isEmpty() && descriptors.get(0).length == 16;
        for (byte[] d : descriptors) {
            if (d.length != (longLba ? 16 : 8) || (longLba && !longLbaAccepted)) {
                throw new IllegalStateException("block descriptors must be all 8 bytes, or all 16 with LLBAA");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        descriptors.forEach(body::writeBytes);
        int blockDescriptorLength = body.size();
        for (ModePage<?> page : pages) {
            body.writeBytes(registry.values(page, pc));
        }
        int headerLength = tenByte ? 8 : 4;
        byte[] data = new byte[headerLength + body.size()];
        System.arraycopy(body.toByteArray(), 0, data, headerLength, body.size());
        if (tenByte) {
            int modeDataLength = Math.min(data.length - 2, 0xFFFF);
            data[0] = (byte) (modeDataLength >>> 8);
            data[1] = (byte) modeDataLength;
            data[2] = (byte) registry.mediumType();
            data[3] = (byte) registry.deviceSpecificParameter();
            data[4] = (byte) (longLba ? 1 : 0);
            data[6] = (byte) (blockDescriptorLength >>> 8);
            data[7] = (byte) blockDescriptorLength;
        } else {
            data[0] = (byte) Math.min(data.length - 1, 0xFF);
            data[1] = (byte) registry.mediumType();
            data[2] = (byte) registry.deviceSpecificParameter();
            data[3] = (byte) blockDescriptorLength;
        }
        return CommandResult.data(data);
    }

    /**
     * The pages a PAGE CODE and SUBPAGE CODE select (SPC-4 6.11.1, table 171): one page; a page and all its
     * subpages (subpage FFh); all pages without subpages (3Fh/00h); all pages and subpages (3Fh/FFh).
     */
    private static List<ModePage<?>> requestedPages(ModePageRegistry registry, int pageCode, int subpageCode) {
        List<ModePage<?>> selected = new ArrayList<>();
        if (pageCode == ALL_PAGES) {
            if (subpageCode != 0 && subpageCode != ALL_SUBPAGES) {
                throw CheckConditionException.invalidField(SUBPAGE_CODE);
            }
            for (ModePage<?> p : registry.pages()) {
                if (subpageCode == ALL_SUBPAGES || p.id().subpageCode() == 0) {
                    selected.add(p);
                }
            }
            return selected;
        }
        boolean pageCodeKnown = false;
        for (ModePage<?> p : registry.pages()) {
            if (p.id().pageCode() == pageCode) {
                pageCodeKnown = true;
                if (subpageCode == ALL_SUBPAGES || p.id().subpageCode() == subpageCode) {
                    selected.add(p);
                }
            }
        }
        if (!pageCodeKnown) {
            throw CheckConditionException.invalidField(PAGE_CODE);
        }
        if (selected.isEmpty()) {
            throw CheckConditionException.invalidField(SUBPAGE_CODE);
        }
        return selected;
    }

    // ----------------------------------------------------------------------------------------------- MODE SELECT

    /**
     * MODE SELECT: parses the header, block descriptors and pages, validates all of them, then applies them at
     * once (SPC-4 6.9.1). A parameter list length of zero is not an error and changes nothing. PF set to zero
     * announces vendor specific parameters after the block descriptors; none are supported, so PF zero is accepted
     * only for a list that ends with the block descriptors. If anything changed, the other I_T nexuses get MODE
     * PARAMETERS CHANGED (SPC-4 6.9.1; every page is shared).
     */
    static CommandResult modeSelect(CommandContext context, boolean tenByte) {
        ModePageRegistry registry = context.logicalUnit().modePages();
        Cdb cdb = context.cdb();
        boolean save = cdb.flag(SP);
        if (save && !registry.savingSupported()) {
            throw CheckConditionException.invalidField(SP);
        }
        if (cdb.parameterListLength() == 0) {
            return CommandResult.good();
        }
        byte[] list = context.parameterList();
        int headerLength = tenByte ? 8 : 4;
        requireLength(list, headerLength);
        if ((tenByte ? u16(list, 0) : u8(list, 0)) != 0) {
            throw CheckConditionException.invalidParameter(0, 7); // MODE DATA LENGTH is reserved in MODE SELECT
        }
        boolean longLba = false;
        if (tenByte) {
            if ((list[4] & 0xFE) != 0) {
                throw CheckConditionException.invalidParameter(4, msb(list[4] & 0xFE));
            }
            if (list[5] != 0) {
                throw CheckConditionException.invalidParameter(5, msb(list[5] & 0xFF));
            }
            longLba = (list[4] & 1) != 0;
        }
        int bdlField = tenByte ? 6 : 3;
        int blockDescriptorLength = tenByte ? u16(list, 6) : u8(list, 3);
        requireLength(list, headerLength + blockDescriptorLength);
        int pagesStart = headerLength + blockDescriptorLength;
        if (!cdb.flag(PF) && pagesStart < list.length) {
            throw CheckConditionException.invalidField(PF);
        }
        BooleanSupplier applyBlockDescriptors = () -> false;
        if (blockDescriptorLength > 0) {
            int size = longLba ? 16 : 8;
            BlockDescriptors handler = registry.blockDescriptors().orElse(null);
            if (handler == null || blockDescriptorLength % size != 0) {
                throw CheckConditionException.invalidParameter(bdlField, 7);
            }
            List<byte[]> descriptors = new ArrayList<>();
            for (int off = headerLength; off < pagesStart; off += size) {
                descriptors.add(Arrays.copyOfRange(list, off, off + size));
            }
            applyBlockDescriptors = handler.select(descriptors, longLba, headerLength);
        }
        List<ModePageRegistry.Proposal> proposals = parsePages(registry, list, pagesStart);
        if (registry.select(proposals, save, applyBlockDescriptors)) {
            context.logicalUnit().unitAttentions().establishForAllExcept(context.nexus(),
                    AdditionalSense.MODE_PARAMETERS_CHANGED);
        }
        return CommandResult.good();
    }

    /** Splits the pages of a parameter list and matches each to its declaration (SPC-4 7.5.7). */
    private static List<ModePageRegistry.Proposal> parsePages(ModePageRegistry registry, byte[] list, int start) {
        List<ModePageRegistry.Proposal> proposals = new ArrayList<>();
        int off = start;
        while (off < list.length) {
            requireLength(list, off + 2);
            boolean subpageFormat = (list[off] & 0x40) != 0;
            int headerLength = subpageFormat ? 4 : 2;
            requireLength(list, off + headerLength);
            if ((list[off] & 0x80) != 0) {
                throw CheckConditionException.invalidParameter(off, 7); // PS is reserved in MODE SELECT
            }
            int pageCode = list[off] & 0x3F;
            int subpageCode = subpageFormat ? u8(list, off + 1) : 0;
            ModePage<?> page = find(registry, pageCode, subpageCode, subpageFormat, off);
            int pageLength = subpageFormat ? u16(list, off + 2) : u8(list, off + 1);
            if (pageLength != page.pageLength()) {
                throw CheckConditionException.invalidParameter(off + (subpageFormat ? 2 : 1), 7);
            }
            int end = off + headerLength + pageLength;
            requireLength(list, end);
            proposals.add(new ModePageRegistry.Proposal(page, Arrays.copyOfRange(list, off, end), off));
            off = end;
        }
        return proposals;
    }

    private static ModePage<?> find(ModePageRegistry registry, int pageCode, int subpageCode, boolean subpageFormat,
            int off) {
        boolean pageCodeKnown = false;
        for (ModePage<?> p : registry.pages()) {
            if (p.id().pageCode() == pageCode) {
                pageCodeKnown = true;
                if (p.id().subpageCode() == subpageCode && p.id().subpageFormat() == subpageFormat) {
                    return p;
                }
            }
        }
        if (pageCodeKnown && subpageFormat) {
            throw CheckConditionException.invalidParameter(off + 1, 7);
        }
        throw CheckConditionException.invalidParameter(off, 5);
    }

    /** PARAMETER LIST LENGTH ERROR unless the list holds at least {@code length} bytes (SPC-4 6.9.1). */
    private static void requireLength(byte[] list, int length) {
        if (list.length < length) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
        }
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int msb(int bits) {
        return 31 - Integer.numberOfLeadingZeros(bits);
    }
}
