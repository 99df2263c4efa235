package io.github.scsiemu.sbc.pages;

import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.sbc.copy.OperatingParameters;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.inquiry.VpdPage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Third-party Copy VPD page (8Fh, SPC-4 7.8.17) of a copy manager that supports EXTENDED COPY (LID1): the five
 * third-party copy descriptors SPC-4 requires for it, in this order. Each is a THIRD-PARTY COPY DESCRIPTOR TYPE (two
 * bytes), a THIRD-PARTY COPY DESCRIPTOR LENGTH (two bytes, the bytes that follow) and its parameters, padded with
 * zeros to a multiple of four bytes.
 * <ul>
 * <li>0001h Supported Commands (7.8.17.4): COMMANDS SUPPORTED LIST LENGTH, then per operation code, ascending, the
 * OPERATION CODE, the SERVICE ACTIONS LIST LENGTH and the service actions, ascending: here 83h with 00h (EXTENDED
 * COPY (LID1)) and 84h with 00h, 01h, 03h and 04h (the RECEIVE COPY RESULTS service actions).</li>
 * <li>0004h Parameter Data (7.8.17.5), length 001Ch: bytes 4-7 reserved, MAXIMUM CSCD DESCRIPTOR COUNT (bytes
 * 8-9), MAXIMUM SEGMENT DESCRIPTOR COUNT (10-11), MAXIMUM DESCRIPTOR LIST LENGTH (12-15), MAXIMUM INLINE DATA
 * LENGTH (16-19, zero: no inline data segment descriptor), bytes 20-31 reserved.</li>
 * <li>0008h Supported Descriptors (7.8.17.6): SUPPORTED DESCRIPTOR LIST LENGTH and the implemented segment and
 * CSCD descriptor type codes (02h, E4h).</li>
 * <li>000Ch Supported CSCD Descriptor IDs (7.8.17.7): a SUPPORTED CSCD DESCRIPTOR IDS LIST LENGTH of zero, since a
 * segment descriptor names its CSCD descriptors only by index.</li>
 * <li>8001h General Copy Operations (7.8.17.10), length 0020h: TOTAL CONCURRENT COPIES (bytes 4-7), MAXIMUM
 * IDENTIFIED CONCURRENT COPIES (8-11), MAXIMUM SEGMENT LENGTH (12-15), DATA SEGMENT GRANULARITY and INLINE DATA
 * GRANULARITY (16, 17, log2: zero), bytes 18-35 reserved.</li>
 * </ul>
 * Every value is the one RECEIVE COPY OPERATING PARAMETERS reports ({@link OperatingParameters#encode()}).
 *
 * @param parameters the copy manager's limits
 * @param commands   the third-party copy commands the copy manager processes
 */
public record ThirdPartyCopyPage(OperatingParameters parameters, List<CommandDescriptor> commands)
        implements VpdPage {

    public static final int PAGE_CODE = 0x8F;
    /** THIRD-PARTY COPY DESCRIPTOR TYPE of the Supported Commands descriptor. */
    public static final int SUPPORTED_COMMANDS = 0x0001;
    /** THIRD-PARTY COPY DESCRIPTOR TYPE of the Parameter Data descriptor. */
    public static final int PARAMETER_DATA = 0x0004;
    /** THIRD-PARTY COPY DESCRIPTOR TYPE of the Supported Descriptors descriptor. */
    public static final int SUPPORTED_DESCRIPTORS = 0x0008;
    /** THIRD-PARTY COPY DESCRIPTOR TYPE of the Supported CSCD Descriptor IDs descriptor. */
    public static final int SUPPORTED_CSCD_DESCRIPTOR_IDS = 0x000C;
    /** THIRD-PARTY COPY DESCRIPTOR TYPE of the General Copy Operations descriptor. */
    public static final int GENERAL_COPY_OPERATIONS = 0x8001;

    public ThirdPartyCopyPage {
        Objects.requireNonNull(parameters, "parameters");
        commands = List.copyOf(commands);
    }

    @Override
    public int pageCode() {
        return PAGE_CODE;
    }

    @Override
    public byte[] content(CommandContext context) {
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        descriptor(page, SUPPORTED_COMMANDS, supportedCommands());
        descriptor(page, PARAMETER_DATA, parameterData());
        descriptor(page, SUPPORTED_DESCRIPTORS, supportedDescriptors());
        descriptor(page, SUPPORTED_CSCD_DESCRIPTOR_IDS, new byte[2]);
        descriptor(page, GENERAL_COPY_OPERATIONS, generalCopyOperations());
        return page.toByteArray();
    }

    private static void descriptor(ByteArrayOutputStream page, int type, byte[] parameters) {
        int length = (parameters.length + 3) & ~3;
        page.write(type >>> 8);
        page.write(type);
        page.write(length >>> 8);
        page.write(length);
        page.writeBytes(parameters);
        page.writeBytes(new byte[length - parameters.length]);
    }

    private byte[] supportedCommands() {
        Map<Integer, TreeSet<Integer>> byOperationCode = new TreeMap<>();
        for (CommandDescriptor c : commands) {
            TreeSet<Integer> actions = byOperationCode.computeIfAbsent(c.operationCode(), k -> new TreeSet<>());
            c.serviceAction().ifPresent(actions::add);
        }
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        byOperationCode.forEach((operationCode, actions) -> {
            list.write(operationCode);
            list.write(actions.size());
            actions.forEach(list::write);
        });
        byte[] entries = list.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(1 + entries.length);
        b.put((byte) entries.length).put(entries);
        return b.array();
    }

    private byte[] parameterData() {
        ByteBuffer b = ByteBuffer.allocate(28); // bytes 4-31 of the descriptor
        b.putShort(4, (short) parameters.maximumCscdDescriptorCount());
        b.putShort(6, (short) parameters.maximumSegmentDescriptorCount());
        b.putInt(8, (int) parameters.maximumDescriptorListLength());
        return b.array(); // MAXIMUM INLINE DATA LENGTH (12-15) zero
    }

    private byte[] supportedDescriptors() {
        List<Integer> codes = parameters.implementedDescriptorTypeCodes();
        byte[] b = new byte[1 + codes.size()];
        b[0] = (byte) codes.size();
        for (int i = 0; i < codes.size(); i++) {
            b[1 + i] = (byte) (int) codes.get(i);
        }
        return b;
    }

    private byte[] generalCopyOperations() {
        ByteBuffer b = ByteBuffer.allocate(32); // bytes 4-35 of the descriptor
        b.putInt(parameters.totalConcurrentCopies());
        b.putInt(parameters.totalConcurrentCopies()); // MAXIMUM IDENTIFIED CONCURRENT COPIES
        b.putInt((int) parameters.maximumSegmentLength());
        return b.array(); // DATA SEGMENT GRANULARITY and INLINE DATA GRANULARITY zero (2^0 bytes)
    }
}
