package io.github.scsiemu.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * One table of the TOML configuration as the reader walks it: typed access to its fields, each failure a
 * {@link ConfigException} naming the line of the field (or of the table's header when the field is missing) and
 * the section, and a check that no unknown field hides a typo.
 */
final class Section {

    private final TomlTable table;
    private final String source;
    private final int line;
    private final String name;

    Section(TomlTable table, String source, int line, String name) {
        this.table = table;
        this.source = source;
        this.line = line;
        this.name = name;
    }

    /** The same table under another name, once its identifying field is known (e.g. {@code lun 3}). */
    Section named(String value) {
        return new Section(table, source, line, value);
    }

    String name() {
        return name;
    }

    Origin origin() {
        return new Origin(source, line);
    }

    boolean has(String key) {
        return table.contains(List.of(key));
    }

    /** The line of a field, or of the header when the field is absent. */
    int lineOf(String key) {
        TomlPosition p = has(key) ? table.inputPositionOf(List.of(key)) : null;
        return p == null ? line : p.line();
    }

    ConfigException error(String key, String problem) {
        return new ConfigException(source, lineOf(key), name, problem);
    }

    ConfigException error(String problem) {
        return new ConfigException(source, line, name, problem);
    }

    /** Refuses any field not in {@code known}. */
    void allowOnly(String... known) throws ConfigException {
        Set<String> allowed = Set.of(known);
        for (String key : table.keySet()) {
            if (!allowed.contains(key)) {
                throw error(key, "unknown field \"" + key + "\" (known: " + String.join(", ", new TreeSet<>(allowed))
                        + ")");
            }
        }
    }

    /** The raw value of a field: a String, Long, Double, Boolean, TomlArray, TomlTable or a date-time. */
    Optional<Object> value(String key) {
        return has(key) ? Optional.ofNullable(table.get(List.of(key))) : Optional.empty();
    }

    Optional<String> string(String key) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        Object v = table.get(List.of(key));
        if (!(v instanceof String s)) {
            throw error(key, key + " must be a string");
        }
        return Optional.of(s);
    }

    String requiredString(String key) throws ConfigException {
        return string(key).orElseThrow(() -> error(key, "missing field \"" + key + "\""));
    }

    Optional<Long> integer(String key) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        Object v = table.get(List.of(key));
        if (!(v instanceof Long l)) {
            throw error(key, key + " must be an integer");
        }
        return Optional.of(l);
    }

    /** An integer field within {@code [min, max]}, or {@code fallback} when absent. */
    long integer(String key, long min, long max, long fallback) throws ConfigException {
        Optional<Long> v = integer(key);
        if (v.isPresent() && (v.get() < min || v.get() > max)) {
            throw error(key, key + " must be between " + min + " and " + max + ", not " + v.get());
        }
        return v.orElse(fallback);
    }

    boolean bool(String key, boolean fallback) throws ConfigException {
        if (!has(key)) {
            return fallback;
        }
        Object v = table.get(List.of(key));
        if (!(v instanceof Boolean b)) {
            throw error(key, key + " must be true or false");
        }
        return b;
    }

    /** A list of strings, also accepted as one string of comma-separated items. */
    Optional<List<String>> strings(String key) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        Object v = table.get(List.of(key));
        List<String> out = new ArrayList<>();
        if (v instanceof String s) {
            for (String part : s.split(",")) {
                out.add(part.trim());
            }
        } else if (v instanceof TomlArray a) {
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof String s)) {
                    throw error(key, key + " must be a list of strings");
                }
                out.add(s);
            }
        } else {
            throw error(key, key + " must be a list of strings");
        }
        return Optional.of(out);
    }

    /** A sub-table ({@code [x.key]}), if present. */
    Optional<Section> table(String key, String sectionName) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        Object v = table.get(List.of(key));
        if (!(v instanceof TomlTable t)) {
            throw error(key, key + " must be a table ([" + key + "])");
        }
        return Optional.of(new Section(t, source, lineOf(key), sectionName));
    }

    /** An array of tables ({@code [[key]]}), each named {@code sectionName #n} until it knows better. */
    List<Section> tables(String key, String sectionName) throws ConfigException {
        if (!has(key)) {
            return List.of();
        }
        Object v = table.get(List.of(key));
        if (!(v instanceof TomlArray a) || (!a.isEmpty() && !(a.get(0) instanceof TomlTable))) {
            throw error(key, key + " must be an array of tables ([[" + key + "]])");
        }
        List<Section> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            TomlPosition p = a.inputPositionOf(i);
            out.add(new Section(a.getTable(i), source, p == null ? lineOf(key) : p.line(),
                    sectionName + " #" + (i + 1)));
        }
        return out;
    }
}
