package io.vigil.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The {@code subjectRequests:} section: the kiosk's networks must be real, narrow networks
 * (a kiosk "anywhere" is no kiosk); how long a kiosk viewing lasts. Its former {@code viewingPlace} and
 * {@code privacyOfficer} are the policy's facts now ({@link DeprecatedKeys}).
 */
final class SubjectRequestReading {
    private SubjectRequestReading() {}

    static SubjectRequestConfig read(YamlMap m) {
        m.rejectUnknown(ConfigReading.ordered("kioskNetworks", "kioskViewingLength", DeprecatedKeys.VIEWING_PLACE,
                DeprecatedKeys.PRIVACY_OFFICER));
        List<NetworkRange> kiosk = new ArrayList<>();
        List<String> items = m.stringList("kioskNetworks");
        List<Node> nodes = m.list("kioskNetworks", false);
        for (int i = 0; i < items.size(); i++) {
            Node at = i < nodes.size() ? nodes.get(i) : null;
            String field = m.field("kioskNetworks") + "[" + i + "]";
            try {
                NetworkRange n = NetworkRange.parse(items.get(i));
                if (n.prefixLength() == 0) {
                    m.problem(at, field, "config.kioskEverywhere", "value", n);
                } else {
                    kiosk.add(n);
                }
            } catch (IllegalArgumentException e) {
                m.problem(at, field, e);
            }
        }
        return new SubjectRequestConfig(kiosk, kioskViewingLength(m));
    }

    /** {@code subjectRequests.kioskViewingLength}: how long a kiosk viewing may last, 15m..8h. */
    private static Duration kioskViewingLength(YamlMap m) {
        Duration d = m.value("kioskViewingLength", false, SubjectRequestConfig.DEFAULT_KIOSK_VIEWING_LENGTH, ValueParsers::duration);
        if (d.compareTo(SubjectRequestConfig.MIN_KIOSK_VIEWING_LENGTH) < 0 || d.compareTo(SubjectRequestConfig.MAX_KIOSK_VIEWING_LENGTH) > 0) {
            m.problem(m.node("kioskViewingLength"), m.field("kioskViewingLength"), "config.kioskViewingLength", "seconds", d.toSeconds());
            return SubjectRequestConfig.DEFAULT_KIOSK_VIEWING_LENGTH;
        }
        return d;
    }
}
