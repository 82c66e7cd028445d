package io.vigil.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** The {@code cameras:} list: ids unique and valid, a pull camera's url and credentials, a push camera's publish password. */
final class CameraReading {
    private final YamlMap top;
    private final BaseDir base;

    CameraReading(YamlMap top, BaseDir base) {
        this.top = top;
        this.base = base;
    }

    /** @param listen a push camera needs {@code listen.rtsp} to publish to */
    List<CameraConfig> read(ListenConfig listen) {
        List<Node> nodes = top.list("cameras", true);
        if (top.has("cameras") && nodes.isEmpty()) {
            top.problem(top.node("cameras"), "cameras", "config.noCameras");
        }
        List<CameraConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = "cameras[" + i + "]";
            if (!(nodes.get(i) instanceof MappingNode)) {
                top.problem(nodes.get(i), path, "config.cameraNotMapping");
                continue;
            }
            out.add(camera(top.child(path, nodes.get(i)), ids));
        }
        if (out.stream().anyMatch(c -> c.source() == CameraConfig.Source.PUSH) && listen.rtsp() == null) {
            top.problem(top.node("listen"), "listen.rtsp", "config.pushNeedsRtsp");
        }
        return List.copyOf(out);
    }

    private CameraConfig camera(YamlMap c, Set<String> ids) {
        c.rejectUnknown(ConfigReading.ordered("id", "name", "location", "range", "source", "url", "liveUrl", "transport", "username",
                "password", "publishPassword"));
        String id = c.string("id", true);
        if (id != null && !CameraId.isValid(id)) {
            c.problem(c.node("id"), c.field("id"), "config.cameraIdInvalid", "value", id);
        } else if (id != null && !ids.add(id)) {
            c.problem(c.node("id"), c.field("id"), "config.cameraIdTaken", "value", id);
        }
        String name = Optional.ofNullable(c.string("name", false)).orElse(id);
        String location = c.string("location", true);
        String range = PolicyReading.text(c, "range");
        CameraConfig.Source source = c.value("source", false, CameraConfig.Source.PULL, s -> ValueParsers.enumValue(CameraConfig.Source.class, s));
        Transport transport = c.value("transport", false, Transport.TCP, s -> ValueParsers.enumValue(Transport.class, s));
        String username = c.string("username", false);
        SecretRef password = c.value("password", false, null, base::secret);
        SecretRef publish = c.value("publishPassword", false, null, base::secret);
        URI url = null;
        URI liveUrl = null;
        if (source == CameraConfig.Source.PULL) {
            url = c.value("url", true, null, ValueParsers::rtspUrl);
            liveUrl = c.value("liveUrl", false, null, ValueParsers::rtspUrl);
            pullRules(c, url, liveUrl, password, username);
        } else {
            pushRules(c, id, publish);
        }
        // An invalid id is already a problem above: the loader refuses the file, so no camera keeps the null.
        CameraId cameraId = CameraId.isValid(id) ? new CameraId(id) : null;
        return new CameraConfig(cameraId, name, location, source, url, transport, username, password, publish, liveUrl, range);
    }

    private static void pullRules(YamlMap c, URI url, URI liveUrl, SecretRef password, String username) {
        if (liveUrl != null && liveUrl.equals(url)) {
            c.problem(c.node("liveUrl"), c.field("liveUrl"), "config.liveUrlSame");
        }
        if (password != null && username == null) {
            c.problem(c.node("password"), c.field("password"), "config.passwordNeedsUser");
        }
        if (c.has("publishPassword")) {
            c.problem(c.node("publishPassword"), c.field("publishPassword"), "config.onlyPush");
        }
    }

    private static void pushRules(YamlMap c, String id, SecretRef publish) {
        if (c.has("url")) c.problem(c.node("url"), c.field("url"), "config.pushHasNoUrl", "id", id);
        if (c.has("liveUrl")) {
            c.problem(c.node("liveUrl"), c.field("liveUrl"), "config.onlyPull");
        }
        if (publish == null && c.problems().stream().noneMatch(p -> p.field().equals(c.field("publishPassword")))) {
            c.problem(null, c.field("publishPassword"), "config.pushNeedsPassword");
        }
    }
}
