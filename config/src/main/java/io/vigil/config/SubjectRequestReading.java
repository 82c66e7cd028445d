package io.vigil.config;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The {@code subjectRequests:} section: the kiosk's networks must be real, narrow networks
 * (a kiosk "anywhere" is no kiosk). Its former {@code viewingPlace} and
 * {@code privacyOfficer} are the policy's facts now ({@link DeprecatedKeys}).
 */
final class SubjectRequestReading {
    private SubjectRequestReading() {}

    static SubjectRequestConfig read(YamlMap m) {
        m.rejectUnknown(ConfigReading.ordered("kioskNetworks", DeprecatedKeys.VIEWING_PLACE, DeprecatedKeys.PRIVACY_OFFICER));
        List<NetworkRange> kiosk = new ArrayList<>();
        List<String> items = m.stringList("kioskNetworks");
        List<Node> nodes = m.list("kioskNetworks", false);
        for (int i = 0; i < items.size(); i++) {
            Node at = i < nodes.size() ? nodes.get(i) : null;
            String field = m.field("kioskNetworks") + "[" + i + "]";
            try {
                NetworkRange n = NetworkRange.parse(items.get(i));
                if (n.prefixLength() == 0) {
                    m.problem(at, field, "'" + n + "' is every address: viewings are opened only at the kiosk in the hospital"
                            + " (video policy Art. 5); name the kiosk's network, e.g. 10.20.9.0/28");
                } else {
                    kiosk.add(n);
                }
            } catch (IllegalArgumentException e) {
                m.problem(at, field, e.getMessage());
            }
        }
        return new SubjectRequestConfig(kiosk);
    }
}
