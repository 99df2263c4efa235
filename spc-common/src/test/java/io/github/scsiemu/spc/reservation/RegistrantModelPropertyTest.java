package io.github.scsiemu.spc.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.proptest.Property;
import io.github.scsiemu.proptest.Weighted;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.spc.DeviceServer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stateful model-based test of the registrant-level rules (pr-alua.md section 4): random sequences of REGISTER and
 * REGISTER AND IGNORE EXISTING KEY with ALL_TG_PT, SPEC_I_PT and APTPL, RESERVE, RELEASE, CLEAR, PREEMPT (AND
 * ABORT), REGISTER AND MOVE, PERSISTENT RESERVE IN, reads, writes, I_T nexus losses and power cycles that restart the
 * logical unit from its reservation store, from five nexuses on two target ports, against {@link RegistrantModel}.
 * After every step the result (status, sense or rendered data) agrees and the invariants of section 4.5 hold:
 * I-one-PR, I-holder-registered, I-readkeys, I-gen (+1 at most, zero after power on), I-persist, I-access.
 */
class RegistrantModelPropertyTest {

    static final long[] KEYS = {0, 0xAAL, 0xBBL, 0xCCL};
    static final int[] TYPES = {1, 2, 3, 5, 6, 7, 8};
    static final InitiatorPort[] INITIATORS = {PrFixture.A, PrFixture.A_PRIME, PrFixture.B};

    enum Kind { REGISTER, REGISTER_AND_IGNORE, REGISTER_SPEC_I_PT, RESERVE, RELEASE, CLEAR, PREEMPT, PREEMPT_AND_ABORT,
        REGISTER_AND_MOVE, READ_KEYS, READ_RESERVATION, READ, WRITE, NEXUS_LOSS, POWER_CYCLE }

    /**
     * One step from nexus {@code nexus}: keys and type from small pools; {@code flags} bit 0 ALL_TG_PT, bit 1 APTPL,
     * bit 2 UNREG; {@code other} an initiator (SPEC_I_PT, REGISTER AND MOVE); {@code rtpi} 1, 2 or an unknown 3.
     */
    record Action(Kind kind, int nexus, int rk, int sark, int type, int flags, int other, int rtpi) {
        boolean allTgPt() {
            return (flags & 1) != 0;
        }

        boolean aptpl() {
            return (flags & 2) != 0;
        }

        boolean unreg() {
            return (flags & 4) != 0;
        }

        @Override
        public String toString() {
            return kind + "(n" + nexus + ", rk=" + Long.toHexString(KEYS[rk]) + ", sark=" + Long.toHexString(KEYS[sark])
                    + ", type=" + TYPES[type] + ", flags=" + flags + ", other=" + other + ", rtpi=" + rtpi + ")";
        }
    }

    static Gen<Action> actions() {
        int[] weights = {5, 8, 3, 6, 3, 1, 4, 2, 3, 2, 2, 3, 3, 1, 2};
        List<Weighted<Kind>> kinds = new ArrayList<>();
        for (Kind k : Kind.values()) {
            kinds.add(new Weighted<>(weights[k.ordinal()], Gens.constant(k)));
        }
        Gen<Integer> key = Gens.integers(0, KEYS.length - 1);
        return Gens.frequency(kinds).flatMap(k -> Gens.integers(0, 4).flatMap(n -> key.flatMap(rk -> key.flatMap(
                sark -> Gens.integers(0, TYPES.length - 1).flatMap(t -> Gens.integers(0, 7).flatMap(
                        f -> Gens.integers(0, 2).flatMap(o -> Gens.integers(1, 3).map(
                                p -> new Action(k, n, rk, sark, t, f, o, p)))))))));
    }

    @Test
    void emulatorAgreesWithTheRegistrantModelAcrossAllTargetPortsMovesAndPowerCycles() {
        Property.forAll("emulatorAgreesWithRegistrantModel", Gens.lists(actions(), 1, 40)).tries(300)
                .check(RegistrantModelPropertyTest::run);
    }

    /** The logical unit under test and a session per nexus; rebuilt from the same store by a power cycle. */
    static final class Rig {
        final ReservationStore store = new InMemoryReservationStore();
        PersistentReservations pr;
        List<Session> sessions;

        Rig() {
            powerOn();
        }

        void powerOn() {
            pr = new PersistentReservations(store, List.of(PrFixture.P1, PrFixture.P2));
            DeviceServer lu = PrFixture.device(pr);
            sessions = PrFixture.ALL.stream().map(n -> PrFixture.session(lu, n)).toList();
        }
    }

    static void run(List<Action> actions) {
        Rig rig = new Rig();
        RegistrantModel model = new RegistrantModel();
        int step = 0;
        for (Action a : actions) {
            step++;
            int previousGeneration = rig.pr.state().generation();
            ReservationState before = rig.pr.state();
            String expected = expect(model, a);
            String actual = execute(rig, a);
            assertThat(actual).as("step %d %s; model %s", step, a, model).isEqualTo(expected);
            checkInvariants(rig.pr.state(), model, previousGeneration, before, a, step);
        }
    }

    static String expect(RegistrantModel m, Action a) {
        int n = a.nexus();
        long rk = KEYS[a.rk()];
        long sark = KEYS[a.sark()];
        int type = TYPES[a.type()];
        if (a.kind() == Kind.POWER_CYCLE) {
            m.powerCycle();
            return "-";
        }
        if (a.kind() == Kind.NEXUS_LOSS) {
            m.nexusLoss(n);
            return "-";
        }
        String ua = m.unitAttention(n);
        if (ua != null) {
            return ua;
        }
        String cls = switch (a.kind()) {
            case READ_KEYS, READ_RESERVATION -> "PRIN";
            case READ -> "READ";
            case WRITE -> "WRITE";
            default -> "PROUT";
        };
        if (m.conflicts(n, cls, saOf(a.kind()))) {
            return RegistrantModel.RC;
        }
        List<Integer> specified = a.kind() == Kind.REGISTER_SPEC_I_PT ? List.of(a.other()) : List.of();
        return switch (a.kind()) {
            case REGISTER, REGISTER_SPEC_I_PT -> m.register(n, rk, sark, false, a.allTgPt(),
                    a.kind() == Kind.REGISTER_SPEC_I_PT, a.aptpl(), specified);
            case REGISTER_AND_IGNORE -> m.register(n, rk, sark, true, a.allTgPt(), false, a.aptpl(), specified);
            case RESERVE -> m.reserve(n, rk, type);
            case RELEASE -> m.release(n, rk, type);
            case CLEAR -> m.clear(n, rk);
            case PREEMPT, PREEMPT_AND_ABORT -> m.preempt(n, rk, sark, type);
            case REGISTER_AND_MOVE -> m.registerAndMove(n, rk, sark, a.unreg(), a.aptpl(), a.other(), a.rtpi());
            case READ_KEYS -> "keys " + Arrays.toString(m.regs.values().stream().mapToLong(Long::longValue).sorted()
                    .toArray()) + " gen " + m.generation;
            case READ_RESERVATION -> m.type == null ? "none gen " + m.generation
                    : "key " + (RegistrantModel.allRegistrants(m.type) ? 0 : m.regs.get(m.holder)) + " type "
                            + m.type + " gen " + m.generation;
            default -> RegistrantModel.GOOD;
        };
    }

    static int saOf(Kind k) {
        return switch (k) {
            case REGISTER, REGISTER_SPEC_I_PT -> 0;
            case RESERVE -> 1;
            case RELEASE -> 2;
            case CLEAR -> 3;
            case PREEMPT -> 4;
            case PREEMPT_AND_ABORT -> 5;
            case REGISTER_AND_IGNORE -> 6;
            case REGISTER_AND_MOVE -> 7;
            default -> -1;
        };
    }

    /** A basic parameter list with the flags of byte 20, followed by the TransportIDs of {@code ids}. */
    static byte[] params(long rk, long sark, boolean specIPt, boolean allTgPt, boolean aptpl, byte[]... ids) {
        int length = Arrays.stream(ids).mapToInt(id -> id.length).sum();
        ByteBuffer b = ByteBuffer.allocate(24 + (specIPt ? 4 + length : 0))
                .put(Session.params(rk, sark, specIPt, allTgPt, aptpl));
        if (specIPt) {
            b.putInt(length);
            Arrays.stream(ids).forEach(b::put);
        }
        return b.array();
    }

    static byte[] move(long rk, long sark, boolean unreg, boolean aptpl, int rtpi, byte[] id) {
        return ByteBuffer.allocate(24 + id.length).putLong(rk).putLong(sark)
                .put(17, (byte) ((unreg ? 2 : 0) | (aptpl ? 1 : 0))).putShort(18, (short) rtpi)
                .putInt(20, id.length).put(24, id).array();
    }

    static String execute(Rig rig, Action a) {
        if (a.kind() == Kind.POWER_CYCLE) {
            rig.powerOn();
            return "-";
        }
        Session s = rig.sessions.get(a.nexus());
        long rk = KEYS[a.rk()];
        long sark = KEYS[a.sark()];
        int type = TYPES[a.type()];
        byte[] other = INITIATORS[a.other()].transportId().encode();
        ScsiResponse r = switch (a.kind()) {
            case REGISTER -> s.prOut(0, 0, 0, params(rk, sark, false, a.allTgPt(), a.aptpl()));
            case REGISTER_SPEC_I_PT -> s.prOut(0, 0, 0, params(rk, sark, true, a.allTgPt(), a.aptpl(), other));
            case REGISTER_AND_IGNORE -> s.prOut(6, 0, 0, params(rk, sark, false, a.allTgPt(), a.aptpl()));
            case RESERVE -> s.reserve(rk, type);
            case RELEASE -> s.release(rk, type);
            case CLEAR -> s.clear(rk);
            case PREEMPT -> s.preempt(rk, sark, type);
            case PREEMPT_AND_ABORT -> s.preemptAndAbort(rk, sark, type);
            case REGISTER_AND_MOVE -> s.prOut(7, 0, 0, move(rk, sark, a.unreg(), a.aptpl(), a.rtpi(), other));
            case READ_KEYS -> s.prIn(0, 1024);
            case READ_RESERVATION -> s.prIn(1, 1024);
            case READ -> s.read();
            case WRITE -> s.write();
            case NEXUS_LOSS -> {
                s.nexusLoss();
                yield null;
            }
            case POWER_CYCLE -> throw new AssertionError("handled above");
        };
        if (r == null) {
            return "-";
        }
        if (r.status() == Status.RESERVATION_CONFLICT) {
            return RegistrantModel.RC;
        }
        if (r.status() == Status.CHECK_CONDITION) {
            SenseData d = r.sense().orElseThrow();
            return String.format("CC %X/%02X/%02X", d.senseKey().code(), d.additionalSense().asc(),
                    d.additionalSense().ascq());
        }
        assertThat(r.status()).isEqualTo(Status.GOOD);
        ByteBuffer b = ByteBuffer.wrap(r.dataInBytes());
        if (a.kind() == Kind.READ_KEYS) {
            long[] keys = new long[b.getInt(4) / 8];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = b.getLong(8 + 8 * i);
            }
            Arrays.sort(keys);
            return "keys " + Arrays.toString(keys) + " gen " + b.getInt(0);
        }
        if (a.kind() == Kind.READ_RESERVATION) {
            return b.getInt(4) == 0 ? "none gen " + b.getInt(0)
                    : "key " + b.getLong(8) + " type " + (b.get(21) & 0xF) + " gen " + b.getInt(0);
        }
        return RegistrantModel.GOOD;
    }

    /** The emulator's registrations in the model's terms. */
    static Map<RegistrantModel.Reg, Long> registrations(ReservationState s) {
        Map<RegistrantModel.Reg, Long> out = new HashMap<>();
        s.registrations().forEach(r -> out.put(reg(r.registrant()), r.key()));
        return out;
    }

    static RegistrantModel.Reg reg(Registrant r) {
        int initiator = -1;
        for (int i = 0; i < INITIATORS.length; i++) {
            if (INITIATORS[i].transportId().equals(r.initiator().transportId())) {
                initiator = i;
            }
        }
        return new RegistrantModel.Reg(initiator,
                r.targetPort().map(p -> p.relativeTargetPortId()).orElse(RegistrantModel.ALL_PORTS));
    }

    static void checkInvariants(ReservationState s, RegistrantModel m, int previousGeneration,
            ReservationState before, Action a, int step) {
        String where = "after step " + step + " " + a + "; model " + m;
        assertThat(registrations(s)).as("I-readkeys (per registrant) " + where).isEqualTo(m.regs);
        assertThat(s.reservation().isPresent()).as("I-one-PR " + where).isEqualTo(m.type != null);
        s.reservation().ifPresent(r -> {
            assertThat(r.type().code()).as(where).isEqualTo(m.type);
            if (r.type().allRegistrants()) {
                assertThat(s.registrations()).as("I-holder-registered " + where).isNotEmpty();
            } else {
                assertThat(s.registrations()).as("I-holder-registered " + where)
                        .anyMatch(reg -> reg.registrant().equals(r.holder().get()));
                assertThat(reg(r.holder().get())).as("holder " + where).isEqualTo(m.holder);
            }
        });
        assertThat(s.aptpl()).as("APTPL " + where).isEqualTo(m.aptpl);
        assertThat(s.generation()).as("I-gen " + where).isEqualTo(m.generation);
        if (a.kind() == Kind.POWER_CYCLE) {
            assertThat(s.generation()).as("I-persist: PRgeneration zero after power on " + where).isZero();
            if (before.aptpl()) {
                assertThat(s.registrations()).as("I-persist " + where).isEqualTo(before.registrations());
                assertThat(s.reservation()).as("I-persist " + where).isEqualTo(before.reservation());
            } else {
                assertThat(s.registrations()).as("I-persist " + where).isEmpty();
            }
        } else {
            assertThat(s.generation() - previousGeneration).as("I-gen monotonic " + where).isBetween(0, 1);
        }
        if (a.kind() == Kind.NEXUS_LOSS) {
            assertThat(s).as("I-reset: nexus loss changes no PR state " + where).isEqualTo(before);
        }
    }
}
