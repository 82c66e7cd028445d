package io.vigil.gateway.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.SiteSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reasons the recorder, the RTSP client, the server and the export verifier write as
 * codes (gaps, camera failures, an export's problems) are worded by these bundles: every key
 * their code names exists in both languages. The modules are read from their sources, since
 * the gateway does not depend on ingest or the server.
 */
class ReasonKeysTest {
    private static final Pattern REASON_KEY = Pattern.compile("Reason\\.of\\(\"((?:gap\\.reason|rtsp\\.failure|rtsp\\.publish|export\\.verify|export\\.footage)\\.[A-Za-z0-9]+)\"");
    private static final Pattern RTSP_FAILURE = Pattern.compile("RtspFailure\\.of\\(\"([A-Za-z0-9]+)\"");

    @Test
    void everyReasonTheModulesWriteHasWordsInBothLanguages() throws IOException {
        List<String> named = new ArrayList<>();
        for (String module : List.of("../ingest/src/main/java", "../server/src/main/java", "src/main/java")) {
            try (Stream<Path> files = Files.walk(Path.of(module))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String src = Files.readString(f, StandardCharsets.UTF_8);
                    Matcher m = REASON_KEY.matcher(src);
                    while (m.find()) named.add(m.group(1));
                    m = RTSP_FAILURE.matcher(src);
                    while (m.find()) named.add("rtsp.failure." + m.group(1));
                }
            }
        }
        assertTrue(named.size() > 40, "found the modules' reasons: " + named);
        List<String> missing = new ArrayList<>();
        for (String key : named) {
            for (String lang : SiteSettings.LANGUAGES) {
                if (!Messages.get().has(key) || !Messages.get().bundle(lang).containsKey(key)) missing.add(lang + ": " + key);
            }
        }
        assertEquals(List.of(), missing);
    }
}
