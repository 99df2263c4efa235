package io.github.scsiemu.spc.alua;

import static io.github.scsiemu.spc.alua.AluaFixture.cdb;
import static io.github.scsiemu.spc.alua.AluaFixture.send;
import static io.github.scsiemu.spc.alua.AluaFixture.sendOut;

import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the Linux multipath stack does with an ALUA logical unit, as pr-alua.md 2.7 and 2.8 describe it: the
 * decisions of {@code scsi_dh_alua} (RTPG with the extended header first, falling back to the length-only format on
 * ILLEGAL REQUEST, re-issuing with RETURN DATA LENGTH + 4 bytes when 128 are too few; STPG only with explicit support
 * and a group that is not active/optimized) and of multipath-tools (the TUR checker's path states, {@code detect_alua}
 * and the {@code alua} prioritizer). Parses with its own code, never the emulator's encoders.
 */
final class LinuxAluaClient {

    /** multipath-tools' path states as the TUR checker reports them. */
    enum PathState { UP, GHOST, PENDING, DOWN }

    /** One descriptor as the client reads it. */
    record Group(int id, int state, boolean preferred, int statusCode) {
    }

    /** What an RTPG returned: the groups and the transition timeout the client will use. */
    record Rtpg(Map<Integer, Group> groups, int transitionTimeoutSeconds, boolean extended) {
    }

    private LinuxAluaClient() {
    }

    /** Standard INQUIRY byte 5 bits 5-4. */
    static int tpgs(LogicalUnit lu, Nexus n) {
        return (send(lu, n, AluaFixture.inquiry()).dataInBytes()[5] >> 4) & 0b11;
    }

    /** {@code scsi_vpd_tpg_id()}: bytes 2-3 of the type 5 designator and of the type 4 one, or empty without them. */
    static Optional<int[]> groupAndPort(LogicalUnit lu, Nexus n) {
        byte[] page = send(lu, n, AluaFixture.inquiryVpd(0x83)).dataInBytes();
        int group = -1;
        int port = -1;
        int groups = 0;
        for (int at = 4; at + 4 <= page.length; at += 4 + (page[at + 3] & 0xFF)) {
            int type = page[at + 1] & 0x0F;
            int value = ((page[at + 6] & 0xFF) << 8) | (page[at + 7] & 0xFF);
            if (type == 5) {
                group = value;
                groups++;
            } else if (type == 4) {
                port = value;
            }
        }
        return group < 0 || port < 0 || groups != 1 ? Optional.empty() : Optional.of(new int[] {group, port});
    }

    /** {@code alua_rtpg()}: extended header first with 128 bytes, length-only on ILLEGAL REQUEST, grow as told. */
    static Rtpg scsiDhAluaRtpg(LogicalUnit lu, Nexus n) {
        int format = 1;
        int bufferLength = 128;
        while (true) {
            ScsiResponse r = send(lu, n, AluaFixture.rtpg(format, bufferLength), bufferLength);
            if (r.status() == Status.CHECK_CONDITION) {
                int key = r.sense().orElseThrow().senseKey().code();
                if (key == 0x06) {
                    continue; // a unit attention: retried
                }
                if (key == 0x05 && format == 1) {
                    format = 0;
                    continue;
                }
                throw new AssertionError("RTPG failed: " + r.sense().orElseThrow().describe());
            }
            byte[] d = r.dataInBytes();
            int length = returnDataLength(d) + 4;
            if (length > bufferLength) {
                bufferLength = length;
                continue;
            }
            boolean extended = (d[4] & 0x70) == 0x10;
            int timeout = extended ? (d[5] & 0xFF) : 60;
            return new Rtpg(parse(d, extended ? 8 : 4, length), timeout, extended);
        }
    }

    /** multipath-tools' RTPG: length-only format into a 4096-byte buffer. */
    static Rtpg multipathRtpg(LogicalUnit lu, Nexus n) {
        ScsiResponse r = send(lu, n, AluaFixture.rtpg(0, 4096));
        for (int retry = 0; retry < 5 && r.status() == Status.CHECK_CONDITION
                && r.sense().orElseThrow().senseKey().code() == 0x06; retry++) {
            r = send(lu, n, AluaFixture.rtpg(0, 4096));
        }
        if (r.status() != Status.GOOD) {
            throw new AssertionError("RTPG failed: " + r.sense().map(s -> s.describe()).orElse(r.status().name()));
        }
        byte[] d = r.dataInBytes();
        int length = returnDataLength(d) + 4;
        return new Rtpg(parse(d, 4, Math.min(length, d.length)), 60, false);
    }

    private static int returnDataLength(byte[] d) {
        return ((d[0] & 0xFF) << 24) | ((d[1] & 0xFF) << 16) | ((d[2] & 0xFF) << 8) | (d[3] & 0xFF);
    }

    private static Map<Integer, Group> parse(byte[] d, int from, int to) {
        Map<Integer, Group> groups = new LinkedHashMap<>();
        for (int at = from; at + 8 <= to; at += 8 + 4 * (d[at + 7] & 0xFF)) {
            int id = ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
            groups.put(id, new Group(id, d[at] & 0x0F, (d[at] & 0x80) != 0, d[at + 5] & 0xFF));
        }
        return groups;
    }

    /**
     * {@code alua_activate()}: with explicit support, a path whose group is standby, unavailable, transitioning or
     * active/non-optimized is activated with an eight-byte STPG naming its own group active/optimized.
     *
     * @return the STPG response, or empty if none was sent
     */
    static Optional<ScsiResponse> scsiDhAluaActivate(LogicalUnit lu, Nexus n) {
        if ((tpgs(lu, n) & 0b10) == 0) {
            return Optional.empty();
        }
        int own = groupAndPort(lu, n).orElseThrow()[0];
        int state = scsiDhAluaRtpg(lu, n).groups().get(own).state();
        if (state == 0x0) {
            return Optional.empty();
        }
        byte[] list = cdb(0, 0, 0, 0, 0x00, 0x00, own >> 8, own & 0xFF);
        return Optional.of(sendOut(lu, n, AluaFixture.stpg(list.length), list));
    }

    /** {@code alua_prep_fn}: whether Linux sends I/O down the path at all (AO, AN, LBD or transitioning). */
    static boolean scsiDhAluaSendsIo(int state) {
        return state == 0x0 || state == 0x1 || state == 0x4 || state == 0xF;
    }

    /** {@code checkers/tur.c}: UA retried up to five times; 2/04/0B ghost; 2/04/0A pending; RC up. */
    static PathState turChecker(LogicalUnit lu, Nexus n) {
        for (int attempt = 0; attempt < 5; attempt++) {
            ScsiResponse r = send(lu, n, AluaFixture.testUnitReady());
            if (r.status() == Status.GOOD || r.status() == Status.RESERVATION_CONFLICT) {
                return PathState.UP;
            }
            if (r.status() != Status.CHECK_CONDITION) {
                return PathState.DOWN;
            }
            var s = r.sense().orElseThrow();
            int key = s.senseKey().code();
            int asc = s.additionalSense().asc();
            int ascq = s.additionalSense().ascq();
            if (key == 0x06) {
                continue;
            }
            if (key == 0x02 && asc == 0x04 && ascq == 0x0B) {
                return PathState.GHOST;
            }
            if (key == 0x02 && asc == 0x04 && ascq == 0x0A) {
                return PathState.PENDING;
            }
            return PathState.DOWN;
        }
        return PathState.DOWN;
    }

    /** {@code detect_alua}: TPGS non-zero, exactly one TPG designator, and RTPG data that contains that group. */
    static boolean detectAlua(LogicalUnit lu, Nexus n) {
        if (tpgs(lu, n) == 0) {
            return false;
        }
        Optional<int[]> ids = groupAndPort(lu, n);
        return ids.isPresent() && multipathRtpg(lu, n).groups().containsKey(ids.get()[0]);
    }

    /** The {@code alua} prioritizer without {@code exclusive_pref_bit}: AO 50, AN 10, LBD 5, S 1, else 0; +80 PREF. */
    static int aluaPriority(LogicalUnit lu, Nexus n) {
        int own = groupAndPort(lu, n).orElseThrow()[0];
        Group g = multipathRtpg(lu, n).groups().get(own);
        int prio = switch (g.state()) {
            case 0x0 -> 50;
            case 0x1 -> 10;
            case 0x4 -> 5;
            case 0x2 -> 1;
            default -> 0;
        };
        return g.preferred() && g.state() != 0x0 ? prio + 80 : prio;
    }
}
