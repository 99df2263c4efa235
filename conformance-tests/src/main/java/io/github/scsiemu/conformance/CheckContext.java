package io.github.scsiemu.conformance;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.conformance.catalog.CommandCatalog;
import io.github.scsiemu.conformance.scsi.Commands;
import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Property;
import io.github.scsiemu.proptest.PropertyResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a running {@link Check} works with: the target under test, the run settings, sessions it opens (all closed
 * when the check ends), property runs seeded from the settings, and notes for the report. One per check run; not
 * shared between threads.
 */
public final class CheckContext {
    private final TargetUnderTest target;
    private final RunSettings settings;
    private final List<Session> sessions = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<Lun, CommandCatalog> catalogs = new HashMap<>();

    CheckContext(TargetUnderTest target, RunSettings settings) {
        this.target = Objects.requireNonNull(target, "target");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The target under test. */
    public TargetUnderTest target() {
        return target;
    }

    /** Seed and tries of this run. */
    public RunSettings settings() {
        return settings;
    }

    /** The logical units to test. */
    public List<Lun> luns() {
        return target.luns();
    }

    /** Opens a session as a new I_T nexus; it is closed when the check ends. */
    public Session openSession() {
        return track(target.openSession());
    }

    /**
     * Opens a session as a new I_T nexus from the named initiator; it is closed when the check ends.
     *
     * @param initiatorName the initiator device name
     * @return the session
     */
    public Session openSession(String initiatorName) {
        return track(target.openSession(initiatorName));
    }

    /**
     * Opens a session and clears the unit attention conditions pending for it on {@code lun} (SAM-5 5.14), so that
     * commands sent next see no unit attention.
     *
     * @param lun the logical unit the session will address
     * @return the session
     */
    public Session readySession(Lun lun) {
        Session session = openSession();
        Commands.clearUnitAttentions(session, lun);
        return session;
    }

    /**
     * What the logical unit claims to support, read once per check through REPORT SUPPORTED OPERATION CODES.
     *
     * @param session a session without pending unit attention
     * @param lun     the logical unit
     * @return the catalog
     * @throws UnsupportedFeature if the logical unit does not support REPORT SUPPORTED OPERATION CODES
     */
    public CommandCatalog catalog(Session session, Lun lun) {
        CommandCatalog known = catalogs.get(lun);
        if (known == null) {
            known = CommandCatalog.read(session, lun);
            catalogs.put(lun, known);
        }
        return known;
    }

    /**
     * Checks a law over generated values with this run's seed; a counterexample is shrunk and fails the check with
     * the seed that replays it.
     *
     * @param <T>          the generated type
     * @param law          the law's name
     * @param gen          the generator
     * @param defaultTries tries unless the run settings override them
     * @param body         throws {@link ConformanceViolation} for a value that breaks the law
     */
    public <T> void forAll(String law, Gen<T> gen, int defaultTries, Consumer<? super T> body) {
        PropertyResult<T> result = Property.forAll(law, gen).seed(settings.seed())
                .tries(settings.tries().orElse(defaultTries)).run(body);
        if (result instanceof PropertyResult.Failed<T> failed) {
            if (failed.cause() instanceof UnsupportedFeature unsupported) {
                throw unsupported;
            }
            throw new PropertyViolation(failed);
        }
    }

    /**
     * Adds a line to the report of this check (what was observed or deliberately skipped).
     *
     * @param note the line
     */
    public void note(String note) {
        notes.add(note);
    }

    List<String> notes() {
        return notes;
    }

    private Session track(Session session) {
        sessions.add(session);
        return session;
    }

    void closeSessions() {
        for (Session s : sessions) {
            try {
                s.close();
            } catch (RuntimeException e) {
                // a session that cannot close cleanly must not hide the check's verdict
            }
        }
        sessions.clear();
    }
}
