package io.github.scsiemu.spc.reservation;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stateful model-based test (pr-alua.md section 4): random sequences of PERSISTENT RESERVE OUT/IN, reads, writes,
 * TEST UNIT READY, RESERVE/RELEASE(6), logical unit resets and I_T nexus losses from five nexuses on two target
 * ports, run against the emulator and {@link ReservationModel}; after every step the status and sense must agree
 * and the invariants of section 4.5 hold.
 */
class ReservationModelPropertyTest {

    static final long[] KEYS = {0, 0xAAL, 0xBBL, 0xCCL};
    static final int[] TYPES = {1, 2, 3, 5, 6, 7, 8};

    enum Kind { REGISTER, REGISTER_AND_IGNORE, RESERVE, RELEASE, CLEAR, PREEMPT, PREEMPT_AND_ABORT, READ_KEYS,
        READ_RESERVATION, READ, WRITE, TEST_UNIT_READY, LU_RESET, NEXUS_LOSS, RESERVE6, RELEASE6 }

    /** One step: a kind from a nexus with a reservation key, service action key and type drawn from small pools. */
    record Action(Kind kind, int nexus, int rk, int sark, int type) {
        @Override
        public String toString() {
            return kind + "(n" + nexus + ", rk=" + Long.toHexString(KEYS[rk]) + ", sark="
                    + Long.toHexString(KEYS[sark]) + ", type=" + TYPES[type] + ")";
        }
    }

    static Gen<Action> actions() {
        List<Weighted<Kind>> kinds = new ArrayList<>();
        int[] weights = {5, 8, 6, 4, 2, 4, 2, 2, 2, 3, 3, 2, 1, 1, 2, 2};
        for (Kind k : Kind.values()) {
            kinds.add(new Weighted<>(weights[k.ordinal()], Gens.constant(k)));
        }
        Gen<Kind> kind = Gens.frequency(kinds);
        Gen<Integer> key = Gens.integers(0, KEYS.length - 1);
        return kind.flatMap(k -> Gens.integers(0, 4).flatMap(n -> key.flatMap(rk -> key.flatMap(
                sark -> Gens.integers(0, TYPES.length - 1).map(t -> new Action(k, n, rk, sark, t))))));
    }

    @Test
    void emulatorAgreesWithTheReferenceModelAndKeepsTheInvariants() {
        Property.forAll("emulatorAgreesWithReservationModel", Gens.lists(actions(), 1, 40)).tries(300)
                .check(ReservationModelPropertyTest::run);
    }

    static void run(List<Action> actions) {
        PersistentReservations pr = new PersistentReservations();
        DeviceServer lu = PrFixture.device(pr);
        List<Session> sessions = PrFixture.ALL.stream().map(n -> PrFixture.session(lu, n)).toList();
        ReservationModel model = new ReservationModel(sessions.size());
        int step = 0;
        for (Action a : actions) {
            step++;
            int previousGeneration = pr.state().generation();
            String expected = expect(model, a);
            String actual = execute(sessions.get(a.nexus()), a, model);
            assertThat(actual).as("step %d %s", step, a).isEqualTo(expected);
            checkInvariants(pr.state(), model, previousGeneration, a, step);
        }
    }

    /** Runs the step in the model: the unit attention check, the gate, then the command. */
    static String expect(ReservationModel m, Action a) {
        int n = a.nexus();
        long rk = KEYS[a.rk()];
        long sark = KEYS[a.sark()];
        int type = TYPES[a.type()];
        if (a.kind() == Kind.LU_RESET) {
            m.logicalUnitReset();
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
            case TEST_UNIT_READY -> "ALWAYS";
            case RESERVE6, RELEASE6 -> "SPC2";
            default -> "PROUT";
        };
        if (m.conflicts(n, cls, saOf(a.kind()), a.kind() == Kind.RELEASE6)) {
            return ReservationModel.RC;
        }
        return switch (a.kind()) {
            case REGISTER -> m.register(n, rk, sark, false);
            case REGISTER_AND_IGNORE -> m.register(n, rk, sark, true);
            case RESERVE -> m.reserve(n, rk, type);
            case RELEASE -> m.release(n, rk, type);
            case CLEAR -> m.clear(n, rk);
            case PREEMPT, PREEMPT_AND_ABORT -> m.preempt(n, rk, sark, type);
            case RESERVE6 -> m.reserve6(n);
            case RELEASE6 -> m.release6(n);
            case READ_KEYS -> "keys " + sortedKeys(m) + " gen " + m.generation;
            case READ_RESERVATION -> m.type == null ? "none gen " + m.generation
                    : "key " + (ReservationModel.allRegistrants(m.type) ? 0 : m.regs.get(m.holder)) + " type "
                            + m.type + " gen " + m.generation;
            default -> ReservationModel.GOOD;
        };
    }

    static String sortedKeys(ReservationModel m) {
        return Arrays.toString(m.regs.values().stream().mapToLong(Long::longValue).sorted().toArray());
    }

    static int saOf(Kind k) {
        return switch (k) {
            case REGISTER -> 0;
            case RESERVE -> 1;
            case RELEASE -> 2;
            case CLEAR -> 3;
            case PREEMPT -> 4;
            case PREEMPT_AND_ABORT -> 5;
            case REGISTER_AND_IGNORE -> 6;
            default -> -1;
        };
    }

    /** Runs the step on the emulator and renders the result like the model does. */
    static String execute(Session s, Action a, ReservationModel m) {
        long rk = KEYS[a.rk()];
        long sark = KEYS[a.sark()];
        int type = TYPES[a.type()];
        ScsiResponse r = switch (a.kind()) {
            case REGISTER -> s.register(rk, sark);
            case REGISTER_AND_IGNORE -> s.prOut(6, 0, 0, Session.params(rk, sark));
            case RESERVE -> s.reserve(rk, type);
            case RELEASE -> s.release(rk, type);
            case CLEAR -> s.clear(rk);
            case PREEMPT -> s.preempt(rk, sark, type);
            case PREEMPT_AND_ABORT -> s.preemptAndAbort(rk, sark, type);
            case READ_KEYS -> s.prIn(0, 1024);
            case READ_RESERVATION -> s.prIn(1, 1024);
            case READ -> s.read();
            case WRITE -> s.write();
            case TEST_UNIT_READY -> s.tur();
            case RESERVE6 -> s.reserve6();
            case RELEASE6 -> s.release6();
            case LU_RESET -> {
                s.logicalUnitReset();
                yield null;
            }
            case NEXUS_LOSS -> {
                s.nexusLoss();
                yield null;
            }
        };
        if (r == null) {
            return "-";
        }
        if (r.status() == Status.RESERVATION_CONFLICT) {
            return ReservationModel.RC;
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
            assertThat(b.remaining()).isEqualTo(8 + 8 * keys.length);
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
        return ReservationModel.GOOD;
    }

    /** pr-alua.md 4.5: I-one-PR, I-holder-registered, I-readkeys (as state), I-gen, I-reset. */
    static void checkInvariants(ReservationState s, ReservationModel m, int previousGeneration, Action a, int step) {
        String where = "after step " + step + " " + a;
        assertThat(s.reservation().isPresent()).as("I-one-PR " + where).isEqualTo(m.type != null);
        s.reservation().ifPresent(r -> {
            assertThat(r.type().code()).as(where).isEqualTo(m.type);
            r.holder().ifPresent(h -> assertThat(s.registrations()).as("I-holder-registered " + where)
                    .anyMatch(reg -> reg.registrant().equals(h)));
            if (r.type().allRegistrants()) {
                assertThat(s.registrations()).as("I-holder-registered " + where).isNotEmpty();
            } else {
                assertThat(h(s)).as("holder " + where).isEqualTo(PrFixture.ALL.get(m.holder));
            }
        });
        assertThat(Arrays.toString(s.registrations().stream().mapToLong(Registration::key).sorted().toArray()))
                .as("I-readkeys " + where).isEqualTo(sortedKeys(m));
        for (int i = 0; i < PrFixture.ALL.size(); i++) {
            assertThat(s.registrationOf(PrFixture.ALL.get(i)).map(Registration::key).orElse(null))
                    .as("registration of n" + i + " " + where).isEqualTo(m.regs.get(i));
        }
        assertThat(s.generation()).as("I-gen " + where).isEqualTo(m.generation);
        assertThat(s.generation() - previousGeneration).as("I-gen monotonic " + where).isBetween(0, 1);
    }

    private static io.github.scsiemu.api.Nexus h(ReservationState s) {
        Registrant holder = s.reservation().get().holder().get();
        return new io.github.scsiemu.api.Nexus(holder.initiator(), holder.targetPort().get());
    }
}
