package io.kcplab.scenarios.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario map read strictly: every key read is remembered, and {@link #finish()} reports the keys nobody read
 * as unknown, naming the accepted ones.
 */
public final class MapNode {

    private final Node node;
    private final Map<?, ?> map;
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> rejected = new LinkedHashSet<>();

    MapNode(Node node, Map<?, ?> map) {
        this.node = node;
        this.map = map;
    }

    public Node node() {
        return node;
    }

    public String path() {
        return node.path();
    }

    /** The value under {@code key} (absent = a node whose value is null); marks the key as known. */
    public Node get(String key) {
        known.add(key);
        return new Node(Node.join(node.path(), key), map.get(key), node.problems());
    }

    /** Marks keys as accepted without reading them (read elsewhere). */
    public void accept(String... keys) {
        known.addAll(List.of(keys));
    }

    /** Reports {@code key}, if present, with {@code message} rather than as unknown (nor listed as accepted). */
    public void reject(String key, String message) {
        if (map.containsKey(key)) {
            rejected.add(key);
            node.problems().add(Node.join(node.path(), key), message);
        }
    }

    public boolean has(String key) {
        return map.get(key) != null;
    }

    /** A required key: records "missing" when absent. */
    public Node require(String key, String expected) {
        Node n = get(key);
        if (!n.present()) {
            node.problems().add(Node.join(node.path(), key), "missing; expected " + expected);
        }
        return n;
    }

    /** Keys present in the map, in file order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Object k : map.keySet()) {
            keys.add(String.valueOf(k));
        }
        return keys;
    }

    /** Reports every key not read as unknown. */
    public void finish() {
        for (Object k : map.keySet()) {
            String key = String.valueOf(k);
            if (!known.contains(key) && !rejected.contains(key)) {
                node.problems().add(Node.join(node.path(), key), "unknown key; accepted keys"
                        + (node.path().isEmpty() ? "" : " of " + node.path()) + ": " + String.join(", ", known));
            }
        }
    }
}
