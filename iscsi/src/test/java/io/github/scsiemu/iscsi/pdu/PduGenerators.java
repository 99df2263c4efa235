package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Rng;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;

/** Generators of well-formed PDUs of every opcode, with random field values. */
final class PduGenerators {
    private PduGenerators() {
    }

    static final Gen<Pdu> ANY = PduGenerators::pdu;

    private static int i(Rng r) {
        return r.nextInt(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static int bits(Rng r, int n) {
        return r.nextInt(0, (1 << n) - 1);
    }

    private static Lun lun(Rng r) {
        return new Lun(r.nextLong(Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static ByteBuffer data(Rng r) {
        return ByteBuffer.wrap(r.nextBytes(r.nextInt(0, 70)));
    }

    private static boolean b(Rng r) {
        return r.nextBoolean();
    }

    static Pdu pdu(Rng r) {
        Opcode o = r.pick(List.of(Opcode.values()));
        switch (o) {
            case NOP_OUT:
                return new NopOutPdu(b(r), lun(r), i(r), i(r), i(r), i(r), data(r));
            case SCSI_COMMAND: {
                ByteBuffer cdb = ByteBuffer.wrap(r.nextBytes(b(r) ? 16 : r.nextInt(17, 64)));
                OptionalInt bidi = b(r) ? OptionalInt.of(i(r)) : OptionalInt.empty();
                return new ScsiCommandPdu(b(r), b(r), b(r), b(r), bits(r, 3), lun(r), i(r), i(r), i(r), i(r), cdb,
                        bidi, data(r));
            }
            case TASK_MANAGEMENT_REQUEST:
                return new TaskManagementRequestPdu(b(r), bits(r, 7), lun(r), i(r), i(r), i(r), i(r), i(r), i(r));
            case LOGIN_REQUEST:
                return new LoginRequestPdu(b(r), b(r), bits(r, 2), bits(r, 2), bits(r, 8), bits(r, 8),
                        r.nextLong(0, (1L << 48) - 1), bits(r, 16), i(r), bits(r, 16), i(r), i(r), data(r));
            case TEXT_REQUEST:
                return new TextRequestPdu(b(r), b(r), b(r), lun(r), i(r), i(r), i(r), i(r), data(r));
            case DATA_OUT:
                return new DataOutPdu(b(r), lun(r), i(r), i(r), i(r), i(r), i(r), data(r));
            case LOGOUT_REQUEST:
                return new LogoutRequestPdu(b(r), bits(r, 7), i(r), bits(r, 16), i(r), i(r));
            case SNACK_REQUEST:
                return new SnackRequestPdu(bits(r, 4), lun(r), i(r), i(r), i(r), i(r), i(r));
            case NOP_IN:
                return new NopInPdu(lun(r), i(r), i(r), i(r), i(r), i(r), data(r));
            case SCSI_RESPONSE:
                return new ScsiResponsePdu(b(r), b(r), b(r), b(r), bits(r, 8), bits(r, 8), i(r), i(r), i(r), i(r),
                        i(r), i(r), i(r), i(r), data(r));
            case TASK_MANAGEMENT_RESPONSE:
                return new TaskManagementResponsePdu(bits(r, 8), i(r), i(r), i(r), i(r));
            case LOGIN_RESPONSE:
                return new LoginResponsePdu(b(r), b(r), bits(r, 2), bits(r, 2), bits(r, 8), bits(r, 8),
                        r.nextLong(0, (1L << 48) - 1), bits(r, 16), i(r), i(r), i(r), i(r), bits(r, 8), bits(r, 8),
                        data(r));
            case TEXT_RESPONSE:
                return new TextResponsePdu(b(r), b(r), lun(r), i(r), i(r), i(r), i(r), i(r), data(r));
            case DATA_IN:
                return new DataInPdu(b(r), b(r), b(r), b(r), b(r), bits(r, 8), lun(r), i(r), i(r), i(r), i(r), i(r),
                        i(r), i(r), i(r), data(r));
            case LOGOUT_RESPONSE:
                return new LogoutResponsePdu(bits(r, 8), i(r), i(r), i(r), i(r), bits(r, 16), bits(r, 16));
            case READY_TO_TRANSFER:
                return new ReadyToTransferPdu(lun(r), i(r), i(r), i(r), i(r), i(r), i(r), i(r), i(r));
            case ASYNC_MESSAGE:
                return new AsyncMessagePdu(lun(r), i(r), i(r), i(r), bits(r, 8), bits(r, 8), bits(r, 16),
                        bits(r, 16), bits(r, 16), data(r));
            case REJECT:
            default:
                return new RejectPdu(r.pick(List.of(RejectReason.values())), i(r), i(r), i(r), i(r), data(r));
        }
    }
}
