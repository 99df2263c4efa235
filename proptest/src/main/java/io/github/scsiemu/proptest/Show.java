package io.github.scsiemu.proptest;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Renders counterexamples readably for failure reports: byte arrays as hex ({@code hex[00 1f a0]}), other arrays,
 * collections and maps element by element, and records whose own {@code toString} would print an array's identity
 * hash component by component. Very long arrays and collections are truncated.
 */
public final class Show {
    /** Most elements rendered per array or collection before the rest is elided. */
    public static final int MAX_ELEMENTS = 256;

    private static final Pattern ARRAY_IDENTITY = Pattern.compile("\\[+[BSIJCZFDL][\\w.$;]*@\\p{XDigit}+");

    private Show() {
    }

    /**
     * Renders a value.
     *
     * @param value any value, may be null
     * @return its readable rendering
     */
    public static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[] bytes) {
            return hex(bytes);
        }
        if (value.getClass().isArray()) {
            return array(value);
        }
        if (value instanceof Collection<?> collection) {
            return elements(collection, "[", "]");
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            map.forEach((k, v) -> out.add(show(k) + "=" + show(v)));
            return out.toString();
        }
        if (value instanceof CharSequence text) {
            return "\"" + text + "\"";
        }
        String plain = String.valueOf(value);
        if (value instanceof Record record && ARRAY_IDENTITY.matcher(plain).find()) {
            return components(record, plain);
        }
        return plain;
    }

    /**
     * Renders bytes as space-separated lower-case hex pairs.
     *
     * @param bytes the bytes
     * @return for example {@code hex[00 1f a0]}
     */
    public static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder("hex[");
        int shown = Math.min(bytes.length, MAX_ELEMENTS);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(Character.forDigit((bytes[i] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        if (shown < bytes.length) {
            out.append(" ... (").append(bytes.length).append(" bytes)");
        }
        return out.append(']').toString();
    }

    private static String array(Object array) {
        int length = Array.getLength(array);
        StringJoiner out = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < Math.min(length, MAX_ELEMENTS); i++) {
            out.add(show(Array.get(array, i)));
        }
        if (length > MAX_ELEMENTS) {
            out.add("... (" + length + " elements)");
        }
        return out.toString();
    }

    private static String elements(Collection<?> collection, String open, String close) {
        StringJoiner out = new StringJoiner(", ", open, close);
        int i = 0;
        for (Object element : collection) {
            if (i++ == MAX_ELEMENTS) {
                out.add("... (" + collection.size() + " elements)");
                break;
            }
            out.add(show(element));
        }
        return out.toString();
    }

    private static String components(Record record, String fallback) {
        StringJoiner out = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        try {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                out.add(component.getName() + "=" + show(accessor.invoke(record)));
            }
            return out.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return fallback;
        }
    }
}
