package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.sense.AdditionalSense;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The reference model of pr-alua.md 4.2/4.4 for per-port registrations, written from the standard's tables without
 * the emulator's code, pinned to the emulator's documented choices (deviation rows 1-6, 10, 11). Nexuses are
 * numbered; expected results are "GOOD", "RC" or "CC k/asc/ascq".
 */
final class ReservationModel {

    static final String GOOD = "GOOD";
    static final String RC = "RC";

    final Map<Integer, Long> regs = new LinkedHashMap<>();
    Integer type; // null: no reservation
    Integer holder; // null for all-registrants types
    int generation;
    Integer legacy;
    final List<LinkedHashSet<AdditionalSense>> ua = new ArrayList<>();

    ReservationModel(int nexuses) {
        for (int i = 0; i < nexuses; i++) {
            ua.add(new LinkedHashSet<>());
        }
    }

    static boolean valid(int t) {
        return t == 1 || t == 3 || t == 5 || t == 6 || t == 7 || t == 8;
    }

    static boolean allRegistrants(int t) {
        return t == 7 || t == 8;
    }

    boolean registered(int n) {
        return regs.containsKey(n);
    }

    boolean isHolder(int n) {
        return type != null && (allRegistrants(type) ? registered(n) : holder == n);
    }

    /** The unit attention a command (other than INQUIRY, REPORT LUNS, REQUEST SENSE) reports first, consumed. */
    String unitAttention(int n) {
        if (ua.get(n).isEmpty()) {
            return null;
        }
        AdditionalSense first = ua.get(n).iterator().next();
        ua.get(n).remove(first);
        return String.format("CC 6/%02X/%02X", first.asc(), first.ascq());
    }

    /** The gate; {@code cls} is one of ALWAYS, READ, WRITE, PROUT, SPC2, PRIN; {@code sa} for PROUT. */
    boolean conflicts(int n, String cls, int sa, boolean release) {
        if (legacy != null) {
            if (cls.equals("PROUT") || cls.equals("PRIN")) {
                return true;
            }
            if (legacy == n) {
                return false;
            }
            return !(cls.equals("SPC2") && release);
        }
        if (cls.equals("SPC2")) {
            return !regs.isEmpty() && !isHolder(n)
                    && !(registered(n) && type != null && type != 1 && type != 3);
        }
        if (type == null || isHolder(n) || cls.equals("ALWAYS") || cls.equals("PRIN")) {
            return false;
        }
        if (cls.equals("PROUT")) {
            // table 66: REGISTER, R&I always; CLEAR, PREEMPT(+ABORT), RELEASE if registered; RESERVE, MOVE never
            return switch (sa) {
                case 0, 6 -> false;
                case 2, 3, 4, 5 -> !registered(n);
                default -> true;
            };
        }
        boolean exclusive = type == 3 || type == 6 || type == 8;
        if (type != 1 && type != 3 && registered(n)) {
            return false;
        }
        return !(cls.equals("READ") && !exclusive);
    }

    private void notify(int n, AdditionalSense condition) {
        ua.get(n).add(condition);
    }

    private void unregister(int n) {
        regs.remove(n);
        if (type == null) {
            return;
        }
        if (allRegistrants(type)) {
            if (regs.isEmpty()) {
                type = null;
            }
        } else if (holder == n) {
            boolean ro = type == 5 || type == 6;
            type = null;
            holder = null;
            if (ro) {
                regs.keySet().forEach(o -> notify(o, AdditionalSense.RESERVATIONS_RELEASED));
            }
        }
    }

    String register(int n, long rk, long sark, boolean ignore) {
        if (!registered(n)) {
            if (!ignore && rk != 0) {
                return RC;
            }
            if (sark != 0) {
                regs.put(n, sark);
                generation++;
            }
            return GOOD;
        }
        if (!ignore && rk != regs.get(n)) {
            return RC;
        }
        if (sark == 0) {
            unregister(n);
        } else {
            regs.put(n, sark);
        }
        generation++;
        return GOOD;
    }

    String reserve(int n, long rk, int t) {
        if (!valid(t)) {
            return "CC 5/24/00";
        }
        if (!registered(n) || regs.get(n) != rk) {
            return RC;
        }
        if (type == null) {
            type = t;
            holder = allRegistrants(t) ? null : n;
            return GOOD;
        }
        return isHolder(n) && type == t ? GOOD : RC;
    }

    String release(int n, long rk, int t) {
        if (!registered(n) || regs.get(n) != rk) {
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
            regs.keySet().stream().filter(o -> o != n).forEach(o -> notify(o, AdditionalSense.RESERVATIONS_RELEASED));
        }
        return GOOD;
    }

    String clear(int n, long rk) {
        if (!registered(n) || regs.get(n) != rk) {
            return RC;
        }
        regs.keySet().stream().filter(o -> o != n).forEach(o -> notify(o, AdditionalSense.RESERVATIONS_PREEMPTED));
        regs.clear();
        type = null;
        holder = null;
        generation++;
        return GOOD;
    }

    String preempt(int n, long rk, long sark, int t) {
        if (!registered(n) || regs.get(n) != rk) {
            return RC;
        }
        if (type != null && (allRegistrants(type) ? sark == 0 : sark == regs.get(holder))) {
            if (!valid(t)) {
                return "CC 5/24/00";
            }
            List<Integer> removed = new ArrayList<>();
            regs.forEach((o, k) -> {
                if (o != n && (sark == 0 || k == sark)) {
                    removed.add(o);
                }
            });
            removed.forEach(regs::remove);
            removed.forEach(o -> notify(o, AdditionalSense.REGISTRATIONS_PREEMPTED));
            if (t != type) {
                regs.keySet().stream().filter(o -> o != n)
                        .forEach(o -> notify(o, AdditionalSense.RESERVATIONS_RELEASED));
            }
            type = t;
            holder = allRegistrants(t) ? null : n;
            generation++;
            return GOOD;
        }
        if (type != null && !allRegistrants(type) && sark == 0) {
            return "CC 5/26/00";
        }
        if (sark == 0) {
            return RC;
        }
        List<Integer> removed = new ArrayList<>();
        regs.forEach((o, k) -> {
            if (k == sark) {
                removed.add(o);
            }
        });
        if (removed.isEmpty()) {
            return RC;
        }
        removed.forEach(regs::remove);
        removed.stream().filter(o -> o != n).forEach(o -> notify(o, AdditionalSense.REGISTRATIONS_PREEMPTED));
        if (type != null && allRegistrants(type) && regs.isEmpty()) {
            type = null;
        }
        generation++;
        return GOOD;
    }

    void logicalUnitReset() {
        legacy = null;
        ua.forEach(q -> {
            q.clear();
            q.add(AdditionalSense.BUS_DEVICE_RESET_FUNCTION_OCCURRED);
        });
    }

    void nexusLoss(int n) {
        if (legacy != null && legacy == n) {
            legacy = null;
        }
        ua.get(n).clear();
        ua.get(n).add(AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
    }

    String reserve6(int n) {
        if (regs.isEmpty()) {
            legacy = n; // the gate already refused another holder's nexus
        }
        return GOOD;
    }

    String release6(int n) {
        if (legacy != null && legacy == n) {
            legacy = null;
        }
        return GOOD;
    }
}
