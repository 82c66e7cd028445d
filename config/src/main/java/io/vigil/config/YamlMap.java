package io.vigil.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one YAML mapping while remembering where each value came from, so every
 * problem can be reported with its line and dotted field path. Problems are collected,
 * not thrown, so that {@code vigil config check} reports all of them at once.
 */
final class YamlMap {
    private final String file;
    private final String path;
    private final Node node;
    private final Map<String, Node> entries = new LinkedHashMap<>();
    private final Map<String, Node> keyNodes = new LinkedHashMap<>();
    private final List<ConfigProblem> problems;
    private final List<ConfigProblem> warnings;

    /**
     * @param problems where errors go (the file is refused when any is found)
     * @param warnings where notes go that do not stop Vigil (a deprecated key still read)
     */
    YamlMap(String file, String path, Node node, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
        this.warnings = warnings;
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    if (entries.containsKey(k.getValue())) {
                        problem(k, field(k.getValue()), "config.duplicateKey", "firstLine", line(keyNodes.get(k.getValue())));
                    }
                    entries.put(k.getValue(), t.getValueNode());
                    keyNodes.put(k.getValue(), k);
                } else {
                    problem(t.getKeyNode(), path, "config.keyNotPlain");
                }
            }
        }
    }

    static int line(Node n) {
        return n == null ? 0 : n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A problem at {@code at} (this mapping when null): a key of the config bundles and its name/value arguments. */
    void problem(Node at, String field, String key, Object... nameValuePairs) {
        problems.add(ConfigProblem.of(file, line(at == null ? node : at), field, key, nameValuePairs));
    }

    /** A parser's refusal as a problem: its key and arguments, or its words for a refusal from elsewhere. */
    void problem(Node at, String field, RuntimeException refused) {
        if (refused instanceof ConfigValueException v) {
            problems.add(new ConfigProblem(file, line(at == null ? node : at), field, v.key(), v.args()));
        } else {
            problem(at, field, "config.invalid", "detail", String.valueOf(refused.getMessage()));
        }
    }

    /** Something the operator should change, but that does not stop Vigil (printed by config check, logged at start). */
    void warning(Node at, String field, String key, Object... nameValuePairs) {
        warnings.add(ConfigProblem.of(file, line(at == null ? node : at), field, key, nameValuePairs));
    }

    /** A mapping inside this file (a list element), reporting to the same problems and warnings. */
    YamlMap child(String childPath, Node childNode) {
        return new YamlMap(file, childPath, childNode, problems, warnings);
    }

    boolean has(String key) {
        return entries.containsKey(key) && !isNull(entries.get(key));
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null"))
                && s.getTag().getValue().endsWith(":null");
    }

    Node node(String key) {
        return entries.get(key);
    }

    /** A scalar value; null (and a problem when required) if absent or not a scalar. */
    String string(String key, boolean required) {
        Node n = entries.get(key);
        if (n == null || isNull(n)) {
            if (required) problem(null, field(key), "config.required");
            return null;
        }
        if (!(n instanceof ScalarNode s)) {
            problem(n, field(key), "config.notScalar");
            return null;
        }
        return s.getValue();
    }

    /** A scalar converted by {@code parse}; parse errors become problems with the parser's message. */
    <T> T value(String key, boolean required, T dflt, Function<String, T> parse) {
        String s = string(key, required);
        if (s == null) return dflt;
        try {
            return parse.apply(s);
        } catch (RuntimeException e) {
            problem(entries.get(key), field(key), e);
            return dflt;
        }
    }

    int integer(String key, int dflt, int min, int max) {
        Integer v = value(key, false, dflt, s -> {
            int i;
            try {
                i = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new ConfigValueException("config.notWholeNumber", "value", s);
            }
            if (i < min || i > max) {
                throw new ConfigValueException("config.outOfRange", "value", i, "min", min, "max", max);
            }
            return i;
        });
        return v == null ? dflt : v;
    }

    YamlMap map(String key, boolean required) {
        Node n = entries.get(key);
        if (n == null || isNull(n)) {
            if (required) problem(null, field(key), "config.required");
            return new YamlMap(file, field(key), null, problems, warnings);
        }
        if (!(n instanceof MappingNode)) {
            problem(n, field(key), "config.notMapping");
            return new YamlMap(file, field(key), null, problems, warnings);
        }
        return new YamlMap(file, field(key), n, problems, warnings);
    }

    /** Elements of a sequence (empty when absent); non-sequences are a problem. */
    List<Node> list(String key, boolean required) {
        Node n = entries.get(key);
        if (n == null || isNull(n)) {
            if (required) problem(null, field(key), "config.required");
            return List.of();
        }
        if (n instanceof SequenceNode s) return s.getValue();
        problem(n, field(key), "config.notList");
        return List.of();
    }

    List<String> stringList(String key) {
        List<String> out = new ArrayList<>();
        List<Node> items = list(key, false);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof ScalarNode s) out.add(s.getValue());
            else problem(items.get(i), field(key) + "[" + i + "]", "config.notScalarItem");
        }
        return out;
    }

    Set<String> keys() {
        return entries.keySet();
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    String file() {
        return file;
    }

    /** The line of a key's value, 0 when absent (to point from one setting to another). */
    int lineOf(String key) {
        return line(entries.get(key));
    }

    /** Reports keys not in {@code allowed}, naming the valid ones (typos are common). */
    void rejectUnknown(Set<String> allowed) {
        for (String k : entries.keySet()) {
            if (!allowed.contains(k)) {
                problem(keyNodes.get(k), field(k), "config.unknownSetting", "valid", String.join(", ", allowed));
            }
        }
    }
}
