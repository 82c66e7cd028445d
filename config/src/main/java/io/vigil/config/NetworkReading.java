package io.vigil.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Lists of client networks ({@code access.allowedNetworks}, {@code monitoringNetworks}, the kiosk's), each element's line kept. */
final class NetworkReading {
    private NetworkReading() {}

    /** {@code access.allowedNetworks}: a list per role, keyed by the role's config name. */
    static Map<Role, List<NetworkRange>> allowedNetworks(YamlMap m) {
        Map<Role, List<NetworkRange>> out = new EnumMap<>(Role.class);
        for (String roleName : m.keys()) {
            Role role;
            try {
                role = Role.fromConfigName(roleName);
            } catch (IllegalArgumentException e) {
                m.problem(m.node(roleName), m.field(roleName), e);
                continue;
            }
            out.put(role, networks(m, roleName));
        }
        return out;
    }

    static List<NetworkRange> networks(YamlMap m, String key) {
        List<NetworkRange> out = new ArrayList<>();
        List<String> items = m.stringList(key);
        List<Node> nodes = m.list(key, false);
        for (int i = 0; i < items.size(); i++) {
            try {
                out.add(NetworkRange.parse(items.get(i)));
            } catch (IllegalArgumentException e) {
                m.problem(i < nodes.size() ? nodes.get(i) : null, m.field(key) + "[" + i + "]", e);
            }
        }
        return List.copyOf(out);
    }
}
