package io.vigil.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code listen:} and {@code tls:} sections: where Vigil listens and with which certificate. */
final class ListenReading {
    private ListenReading() {}

    static ListenConfig listen(YamlMap l) {
        l.rejectUnknown(ConfigReading.ordered("https", "httpRedirect", "rtsp"));
        InetSocketAddress https = l.value("https", false, ConfigDefaults.HTTPS, ValueParsers::hostPort);
        InetSocketAddress redirect = l.value("httpRedirect", false, null, ValueParsers::hostPort);
        InetSocketAddress rtsp = l.value("rtsp", false, null, ValueParsers::hostPort);
        Set<String> seen = new HashSet<>();
        for (var e : Map.of("https", Optional.ofNullable(https), "httpRedirect", Optional.ofNullable(redirect),
                "rtsp", Optional.ofNullable(rtsp)).entrySet()) {
            InetSocketAddress a = e.getValue().orElse(null);
            if (a != null && a.getPort() != 0 && !seen.add(a.getHostString() + ":" + a.getPort())) {
                l.problem(l.node(e.getKey()), l.field(e.getKey()), "config.listenerClash");
            }
        }
        return new ListenConfig(https, redirect, rtsp);
    }

    static TlsConfig tls(YamlMap t, BaseDir base) {
        t.rejectUnknown(ConfigReading.ordered("certificateChain", "privateKey"));
        Path cert = t.value("certificateChain", false, null, base::path);
        Path key = t.value("privateKey", false, null, base::path);
        if ((cert == null) != (key == null) && t.problems().stream().noneMatch(p -> p.field().startsWith("tls."))) {
            t.problem(null, "tls", "config.tlsPair");
        }
        return new TlsConfig(cert, key);
    }
}
