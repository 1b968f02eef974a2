package dev.mailtrace.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Values by a string key (queue id, Message-ID) for {@link TraceLinker}: almost every key has one
 * value, so that value is stored as it is and only a second one makes a list. One hash lookup per
 * {@link #add} and {@link #remove}, and no list per key: the indexes are updated for every
 * transaction and are the linker's largest cost. Values are compared by identity.
 */
final class LinkIndex<T> {

    /** More than one value of a key. A type of its own: a value itself may be any object. */
    private static final class Values<T> extends ArrayList<T> {
        private static final long serialVersionUID = 1L;

        Values(Object first, T second) {
            super(2);
            @SuppressWarnings("unchecked")
            T f = (T) first;
            add(f);
            add(second);
        }
    }

    private final HashMap<String, Object> map = new HashMap<>();

    /** Adds {@code value} under {@code key}, after the values already there. */
    void add(String key, T value) {
        map.merge(key, value, LinkIndex::append);
    }

    @SuppressWarnings("unchecked")
    private static Object append(Object old, Object value) {
        if (old instanceof Values<?> v) {
            ((Values<Object>) v).add(value);
            return v;
        }
        return new Values<>(old, value);
    }

    /** Removes {@code value} (this very object) from {@code key}'s values, if it is there. */
    void remove(String key, T value) {
        map.computeIfPresent(key, (k, old) -> {
            if (old == value) {
                return null;
            }
            if (old instanceof Values<?> v) {
                for (int i = 0; i < v.size(); i++) {
                    if (v.get(i) == value) {
                        v.remove(i);
                        break;
                    }
                }
                return v.isEmpty() ? null : v.size() == 1 ? v.get(0) : v;
            }
            return old;
        });
    }

    /** The values of {@code key} in the order they were added (not to be modified), or null if none. */
    @SuppressWarnings("unchecked")
    List<T> get(String key) {
        Object v = map.get(key);
        return v == null ? null : v instanceof Values<?> list ? (List<T>) list : List.of((T) v);
    }

    /** Replaces the values of {@code key} (reading a saved state). */
    void put(String key, List<T> values) {
        if (values.isEmpty()) {
            map.remove(key);
        } else if (values.size() == 1) {
            map.put(key, values.get(0));
        } else {
            Values<T> v = new Values<>(values.get(0), values.get(1));
            v.addAll(values.subList(2, values.size()));
            map.put(key, v);
        }
    }

    Set<String> keys() {
        return map.keySet();
    }

    void forEachValue(Consumer<? super T> action) {
        for (String k : map.keySet()) {
            get(k).forEach(action);
        }
    }
}
