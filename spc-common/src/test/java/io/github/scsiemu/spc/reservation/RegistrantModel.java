package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.sense.AdditionalSense;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reference model of pr-alua.md 4.2/4.4 with registrations per registrant (an initiator port through one target
 * port, or through all of them with ALL_TG_PT), SPEC_I_PT, REGISTER AND MOVE, APTPL and power cycles, written from
 * SPC-4 5.13 and tables 66-72 without the emulator's code and pinned to its documented choices (deviation rows 1-6,
 * 9). The fixture topology is {@link PrFixture}'s: nexus 0 = A·P1, 1 = A·P2, 2 = A'·P1, 3 = B·P1, 4 = B·P2;
 * initiators 0 = A, 1 = A', 2 = B; ports 1 and 2. Results are "GOOD", "RC" or "CC k/asc/ascq".
 */
final class RegistrantModel {

    static final String GOOD = "GOOD";
    static final String RC = "RC";
    static final int ALL_PORTS = -1;
    static final int[] INITIATOR = {0, 0, 1, 2, 2};
    static final int[] PORT = {1, 2, 1, 1, 2};

    /** A registrant: an initiator through one port, or {@link #ALL_PORTS}. */
    record Reg(int initiator, int port) {
        boolean covers(int n) {
            return initiator == INITIATOR[n] && (port == ALL_PORTS || port == PORT[n]);
        }

        boolean overlaps(Reg o) {
            return initiator == o.initiator && (port == ALL_PORTS || o.port == ALL_PORTS || port == o.port);
        }
    }

    final Map<Reg, Long> regs = new LinkedHashMap<>();
    Integer type; // null: no reservation
    Reg holder; // null for all-registrants types
    int generation;
    boolean aptpl;
    final List<LinkedHashSet<AdditionalSense>> ua = new ArrayList<>();

    RegistrantModel() {
        for (int i = 0; i < INITIATOR.length; i++) {
            ua.add(new LinkedHashSet<>());
        }
    }

    static boolean valid(int t) {
        return t == 1 || t == 3 || t == 5 || t == 6 || t == 7 || t == 8;
    }

    static boolean allRegistrants(int t) {
        return t == 7 || t == 8;
    }

    Reg regOf(int n) {
        return regs.keySet().stream().filter(r -> r.covers(n)).findFirst().orElse(null);
    }

    boolean isHolder(int n) {
        return type != null && (allRegistrants(type) ? regOf(n) != null : holder.covers(n));
    }

    String unitAttention(int n) {
        if (ua.get(n).isEmpty()) {
            return null;
        }
        AdditionalSense first = ua.get(n).iterator().next();
        ua.get(n).remove(first);
        return String.format("CC 6/%02X/%02X", first.asc(), first.ascq());
    }

    /** SPC-4 5.13.1 tables 65/66 and SBC-4 table 13; {@code cls} READ, WRITE, PRIN or PROUT with {@code sa}. */
    boolean conflicts(int n, String cls, int sa) {
        if (type == null || isHolder(n) || cls.equals("PRIN")) {
            return false;
        }
        boolean registered = regOf(n) != null;
        if (cls.equals("PROUT")) {
            return switch (sa) {
                case 0, 6 -> false;
                case 2, 3, 4, 5, 8 -> !registered;
                default -> true;
            };
        }
        if (type != 1 && type != 3 && registered) {
            return false;
        }
        boolean exclusive = type == 3 || type == 6 || type == 8;
        return !(cls.equals("READ") && !exclusive);
    }

    /** Unit attention for every nexus of {@code to} except the issuing one. */
    private void notify(Reg to, int issuer, AdditionalSense condition) {
        for (int n = 0; n < INITIATOR.length; n++) {
            if (n != issuer && to.covers(n)) {
                ua.get(n).add(condition);
            }
        }
    }

    /** REGISTER / REGISTER AND IGNORE EXISTING KEY, optionally naming {@code specified} initiators (SPEC_I_PT). */
    String register(int n, long rk, long sark, boolean ignore, boolean allTgPt, boolean specIPt, boolean aptplBit,
            List<Integer> specified) {
        if (specIPt && ignore) {
            return "CC 5/26/00";
        }
        Reg g = regOf(n);
        if (g == null) {
            if (!ignore && rk != 0) {
                return RC;
            }
            if (sark == 0) {
                return GOOD;
            }
            Reg r = new Reg(INITIATOR[n], allTgPt ? ALL_PORTS : PORT[n]);
            Map<Reg, Long> next = new LinkedHashMap<>();
            Reg nextHolder = holder;
            for (Map.Entry<Reg, Long> e : regs.entrySet()) {
                if (!e.getKey().overlaps(r)) {
                    next.put(e.getKey(), e.getValue());
                } else if (!ignore) {
                    return RC;
                } else if (e.getKey().equals(holder)) {
                    nextHolder = r;
                }
            }
            next.put(r, sark);
            for (int i : specified) {
                Reg other = new Reg(i, allTgPt ? ALL_PORTS : PORT[n]);
                if (other.equals(r)) {
                    continue;
                }
                if (next.keySet().stream().anyMatch(o -> o.overlaps(other))) {
                    return "CC 5/26/00";
                }
                next.put(other, sark);
            }
            regs.clear();
            regs.putAll(next);
            holder = nextHolder;
            generation++;
            aptpl = aptplBit;
            return GOOD;
        }
        if (!ignore && rk != regs.get(g)) {
            return RC;
        }
        if (specIPt || allTgPt != (g.port() == ALL_PORTS)) {
            return "CC 5/26/00";
        }
        if (sark == 0) {
            regs.remove(g);
            if (type != null) {
                if (allRegistrants(type)) {
                    if (regs.isEmpty()) {
                        type = null;
                    }
                } else if (holder.equals(g)) {
                    boolean ro = type == 5 || type == 6;
                    type = null;
                    holder = null;
                    if (ro) {
                        regs.keySet().forEach(o -> notify(o, n, AdditionalSense.RESERVATIONS_RELEASED));
                    }
                }
            }
        } else {
            regs.put(g, sark);
        }
        generation++;
        aptpl = aptplBit;
        return GOOD;
    }

    String reserve(int n, long rk, int t) {
        if (!valid(t)) {
            return "CC 5/24/00";
        }
        Reg g = regOf(n);
        if (g == null || regs.get(g) != rk) {
            return RC;
        }
        if (type == null) {
            type = t;
            holder = allRegistrants(t) ? null : g;
            return GOOD;
        }
        return isHolder(n) && type == t ? GOOD : RC;
    }

    String release(int n, long rk, int t) {
        Reg g = regOf(n);
        if (g == null || regs.get(g) != rk) {
            return RC;
        }
        if (type == null || !isHolder(n)) {
            return GOOD;
        }
        if (type != t) {
            return "CC 5/26/04";
        }
        boolean notifies = type != 1 && type != 3;
        type = null;
        holder = null;
        if (notifies) {
            regs.keySet().forEach(o -> notify(o, n, AdditionalSense.RESERVATIONS_RELEASED));
        }
        return GOOD;
    }

    String clear(int n, long rk) {
        Reg g = regOf(n);
        if (g == null || regs.get(g) != rk) {
            return RC;
        }
        regs.keySet().forEach(o -> notify(o, n, AdditionalSense.RESERVATIONS_PREEMPTED));
        regs.clear();
        type = null;
        holder = null;
        generation++;
        return GOOD;
    }

    String preempt(int n, long rk, long sark, int t) {
        Reg g = regOf(n);
        if (g == null || regs.get(g) != rk) {
            return RC;
        }
        if (type != null && (allRegistrants(type) ? sark == 0 : sark == regs.get(holder))) {
            if (!valid(t)) {
                return "CC 5/24/00";
            }
            List<Reg> removed = regs.entrySet().stream()
                    .filter(e -> !e.getKey().equals(g) && (sark == 0 || e.getValue() == sark))
                    .map(Map.Entry::getKey).toList();
            removed.forEach(regs::remove);
            removed.forEach(o -> notify(o, n, AdditionalSense.REGISTRATIONS_PREEMPTED));
            if (t != type) {
                regs.keySet().forEach(o -> notify(o, n, AdditionalSense.RESERVATIONS_RELEASED));
            }
            type = t;
            holder = allRegistrants(t) ? null : g;
            generation++;
            return GOOD;
        }
        if (type != null && !allRegistrants(type) && sark == 0) {
            return "CC 5/26/00";
        }
        if (sark == 0) {
            return RC;
        }
        List<Reg> removed = regs.entrySet().stream().filter(e -> e.getValue() == sark).map(Map.Entry::getKey)
                .toList();
        if (removed.isEmpty()) {
            return RC;
        }
        removed.forEach(regs::remove);
        removed.forEach(o -> notify(o, n, AdditionalSense.REGISTRATIONS_PREEMPTED));
        if (type != null && (regs.isEmpty() || holder != null && removed.contains(holder))) {
            type = null;
            holder = null;
        }
        generation++;
        return GOOD;
    }

    /** REGISTER AND MOVE to initiator {@code dest} through port {@code rtpi} (1, 2 or an unknown one). */
    String registerAndMove(int n, long rk, long sark, boolean unreg, boolean aptplBit, int dest, int rtpi) {
        Reg g = regOf(n);
        if (g == null || regs.get(g) != rk) {
            return RC;
        }
        if (type == null) {
            return "CC 5/24/00";
        }
        if (allRegistrants(type) || !isHolder(n)) {
            return RC;
        }
        if (sark == 0 || dest == INITIATOR[n] || (rtpi != 1 && rtpi != 2)) {
            return "CC 5/26/00";
        }
        Reg target = new Reg(dest, rtpi);
        Reg existing = regs.keySet().stream().filter(o -> o.overlaps(target)).findFirst().orElse(null);
        if (existing == null) {
            regs.put(target, sark);
            holder = target;
        } else {
            regs.put(existing, sark);
            holder = existing;
        }
        if (unreg) {
            regs.remove(g);
        }
        generation++;
        aptpl = aptplBit;
        return GOOD;
    }

    void nexusLoss(int n) {
        ua.get(n).clear();
        ua.get(n).add(AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
    }

    /** Power cycle: what APTPL kept survives, PRgeneration is zero (the harness drains the power-on attentions). */
    void powerCycle() {
        if (!aptpl) {
            regs.clear();
            type = null;
            holder = null;
        }
        generation = 0;
        ua.forEach(LinkedHashSet::clear);
    }

    @Override
    public String toString() {
        return "regs " + regs + " type " + type + " holder " + Objects.toString(holder) + " gen " + generation
                + " aptpl " + aptpl;
    }
}
