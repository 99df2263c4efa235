package io.github.scsiemu.sbc.fault;

import io.github.scsiemu.sbc.MediumFaults;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.Gate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for one disk: a test facility, not a standard feature, that makes the disk fail the way a real
 * one does, deterministically. Reach it with {@code disk.faults()}. Every method installs a fault and returns an
 * {@link InjectedFault} handle that removes it; {@link #clear()} removes all. Faults are thread-safe and apply from
 * the next command on.
 *
 * <p>Medium faults apply to logical blocks, whichever command touches them (READ, WRITE, VERIFY, WRITE SAME, UNMAP,
 * COMPARE AND WRITE, FORMAT UNIT, SANITIZE, ...), because the disk's {@link io.github.scsiemu.sbc.Medium} consults
 * this object before each transfer:
 * <ul>
 * <li>{@link #failReads}: a read that touches the range ends with MEDIUM ERROR, UNRECOVERED READ ERROR (11h/00h)
 * and the INFORMATION field set to the lowest LBA of the transfer inside the range (SBC-4 4.18.2); no data is
 * returned.</li>
 * <li>{@link #failWrites}: a write, deallocation or anchoring that touches the range ends with MEDIUM ERROR, WRITE
 * ERROR (0Ch/00h) and the INFORMATION field set to the lowest LBA of the transfer inside the range; no block of
 * the transfer is changed. WRITE ERROR rather than PERIPHERAL DEVICE WRITE FAULT (03h/00h) because the fault is
 * tied to logical blocks, not to the device as a whole. A FORMAT UNIT or SANITIZE that meets it fails (FORMAT
 * COMMAND FAILED, or SANITIZE COMMAND FAILED and the sanitize failure mode): this is how a test makes them
 * fail.</li>
 * <li>{@link #recoverReads}: a READ (any CDB size) or VERIFY (any BYTCHK; for 01b and 11b only if the comparison
 * succeeds) that touches the range transfers all its data normally, then ends with CHECK CONDITION, RECOVERED
 * ERROR, RECOVERED DATA WITH RETRIES (17h/01h), the INFORMATION field set to the lowest LBA of the transfer inside
 * the range, and the sense-key specific ACTUAL RETRY COUNT set to {@value #RECOVERED_READ_RETRY_COUNT} (SPC-4
 * 4.5.2.4.3, 4.5.6). It models a device that reports recovered errors (PER set in the Read-Write Error Recovery
 * mode page, SBC-4 6.5.8) whatever the page says. Other commands that read blocks (COMPARE AND WRITE, ORWRITE,
 * WRITE AND VERIFY, EXTENDED COPY) see a clean read. An unrecovered fault ({@link #failReads}) touching the same
 * transfer takes priority: the command ends with MEDIUM ERROR and no data.</li>
 * <li>{@link #delay}: a transfer that touches the range is held for the given time before it runs (slow or
 * retrying sectors, for timeout and abort tests).</li>
 * </ul>
 *
 * <p>Command faults apply to operation codes, in the last stage of the pre-execution gate (after unit attentions,
 * reservations, readiness and write protection): {@link #failNext} ends the next {@code count} commands with the
 * operation code with CHECK CONDITION and the given sense data, before they do anything.
 */
public final class DiskFaults implements MediumFaults, Gate {

    /** The ACTUAL RETRY COUNT reported with a {@link #recoverReads} fault: one retry recovered the data. */
    public static final int RECOVERED_READ_RETRY_COUNT = 1;

    private enum Kind { READ, WRITE, RECOVERED_READ, LATENCY }

    private record LbaRule(Kind kind, LbaRange range, Duration delay) {
    }

    private record CommandRule(int operationCode, AtomicInteger remaining, SenseData sense) {
    }

    private final List<LbaRule> lbaRules = new CopyOnWriteArrayList<>();
    private final List<CommandRule> commandRules = new CopyOnWriteArrayList<>();

    /**
     * Makes reads of the given blocks fail with MEDIUM ERROR, UNRECOVERED READ ERROR.
     *
     * @param firstLba the first failing block
     * @param blocks   how many blocks fail, at least one
     * @return the handle that removes the fault
     */
    public InjectedFault failReads(long firstLba, long blocks) {
        return add(new LbaRule(Kind.READ, new LbaRange(firstLba, blocks), Duration.ZERO));
    }

    /**
     * Makes reads of the given blocks succeed only after retries: READ and VERIFY transfer (or verify) the data,
     * then end with CHECK CONDITION, RECOVERED ERROR, RECOVERED DATA WITH RETRIES (see the class description).
     *
     * @param firstLba the first block read with recovery
     * @param blocks   how many blocks, at least one
     * @return the handle that removes the fault
     */
    public InjectedFault recoverReads(long firstLba, long blocks) {
        return add(new LbaRule(Kind.RECOVERED_READ, new LbaRange(firstLba, blocks), Duration.ZERO));
    }

    /**
     * Makes writes (and deallocations) of the given blocks fail with MEDIUM ERROR, WRITE ERROR.
     *
     * @param firstLba the first failing block
     * @param blocks   how many blocks fail, at least one
     * @return the handle that removes the fault
     */
    public InjectedFault failWrites(long firstLba, long blocks) {
        return add(new LbaRule(Kind.WRITE, new LbaRange(firstLba, blocks), Duration.ZERO));
    }

    /**
     * Holds every transfer touching the given blocks for {@code latency} before it runs.
     *
     * @param firstLba the first slow block
     * @param blocks   how many blocks are slow, at least one
     * @param latency  the added time, not negative
     * @return the handle that removes the fault
     */
    public InjectedFault delay(long firstLba, long blocks, Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency");
        }
        return add(new LbaRule(Kind.LATENCY, new LbaRange(firstLba, blocks), latency));
    }

    /**
     * Ends the next {@code count} commands with the operation code {@code operationCode} (every service action)
     * with CHECK CONDITION and {@code sense}. The fault removes itself once used up.
     *
     * @param operationCode the OPERATION CODE, 00h-FFh
     * @param count         how many commands fail, at least one
     * @param sense         the sense data they end with
     * @return the handle that removes the fault early
     */
    public InjectedFault failNext(int operationCode, int count, SenseData sense) {
        if (operationCode < 0 || operationCode > 0xFF || count < 1) {
            throw new IllegalArgumentException("operation code 00h-FFh and a count of at least one");
        }
        CommandRule rule = new CommandRule(operationCode, new AtomicInteger(count), Objects.requireNonNull(sense));
        commandRules.add(rule);
        return () -> commandRules.remove(rule);
    }

    /** Removes every fault. */
    public void clear() {
        lbaRules.clear();
        commandRules.clear();
    }

    private InjectedFault add(LbaRule rule) {
        lbaRules.add(rule);
        return () -> lbaRules.remove(rule);
    }

    @Override
    public void beforeRead(long lba, long blocks) {
        apply(Kind.READ, lba, blocks, AdditionalSense.UNRECOVERED_READ_ERROR);
    }

    /** A {@link #recoverReads} fault: RECOVERED DATA WITH RETRIES at the lowest recovered LBA of the read. */
    @Override
    public Optional<SenseData> afterRead(long lba, long blocks) {
        OptionalLong first = firstHit(Kind.RECOVERED_READ, lba, blocks);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SenseData.of(SenseKey.RECOVERED_ERROR, AdditionalSense.RECOVERED_DATA_WITH_RETRIES)
                .withInformation(first.getAsLong())
                .withSenseKeySpecific(new SenseKeySpecific.ActualRetryCount(RECOVERED_READ_RETRY_COUNT)));
    }

    @Override
    public void beforeWrite(long lba, long blocks) {
        apply(Kind.WRITE, lba, blocks, AdditionalSense.WRITE_ERROR);
    }

    private void apply(Kind failing, long lba, long blocks, AdditionalSense failure) {
        for (LbaRule rule : lbaRules) {
            if (rule.kind() == Kind.LATENCY && rule.range().firstOverlap(lba, blocks).isPresent()) {
                sleep(rule.delay());
            }
        }
        OptionalLong first = firstHit(failing, lba, blocks);
        if (first.isPresent()) {
            throw new CheckConditionException(SenseData.of(SenseKey.MEDIUM_ERROR, failure)
                    .withInformation(first.getAsLong()));
        }
    }

    /** The lowest LBA of the transfer inside a range of a {@code kind} fault, or empty if none is touched. */
    private OptionalLong firstHit(Kind kind, long lba, long blocks) {
        return lbaRules.stream()
                .filter(rule -> rule.kind() == kind)
                .map(rule -> rule.range().firstOverlap(lba, blocks))
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The FAULT_INJECTION stage of the gate: applies {@link #failNext} faults. */
    @Override
    public Optional<CommandResult> admit(CommandContext context) {
        int opcode = context.descriptor().operationCode();
        for (CommandRule rule : commandRules) {
            if (rule.operationCode() != opcode) {
                continue;
            }
            int left = rule.remaining().decrementAndGet();
            if (left <= 0) {
                commandRules.remove(rule);
            }
            if (left >= 0) {
                return Optional.of(CommandResult.checkCondition(rule.sense()));
            }
        }
        return Optional.empty();
    }
}
