package io.vigil.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns a file into a YAML node tree that keeps every value's line, or refuses it with one
 * problem naming the file (and the line, when the YAML itself is broken). Nothing here
 * knows a setting: that is {@link ConfigReading}'s job.
 */
final class YamlSource {
    static final int MAX_FILE_BYTES = 1 << 20;

    private YamlSource() {}

    /** The file's text as UTF-8; a missing, huge or unreadable file is a problem naming it. */
    static String read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) throw refused(file.toString(), 0, "config.fileTooLarge");
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw refused(file.toString(), 0, "config.fileMissing");
        } catch (IOException e) {
            throw refused(file.toString(), 0, "config.fileUnreadable", "detail", e.getMessage());
        }
    }

    /**
     * The top mapping of the text. Duplicate keys are refused and aliases are limited, so a
     * crafted file cannot blow up into a huge tree.
     */
    static Node compose(String fileName, String text) {
        Node root;
        try (Reader r = new StringReader(text)) {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(fileName)
                    .setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(10)
                    .setCodePointLimit(MAX_FILE_BYTES)
                    .build();
            Optional<Node> n = new Compose(settings).composeReader(r);
            if (n.isEmpty()) throw refused(fileName, 0, "config.fileEmpty");
            root = n.get();
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw refused(fileName, line, "config.notYaml", "detail", e.getProblem());
        } catch (YamlEngineException e) {
            throw refused(fileName, 0, "config.notYaml", "detail", firstLine(e.getMessage()));
        } catch (IOException e) {
            throw refused(fileName, 0, "config.fileUnreadable", "detail", e.getMessage());
        }
        if (!(root instanceof MappingNode)) {
            throw refused(fileName, YamlMap.line(root), "config.topNotMapping");
        }
        return root;
    }

    private static ConfigException refused(String file, int line, String key, Object... nameValuePairs) {
        return new ConfigException(List.of(ConfigProblem.of(file, line, "", key, nameValuePairs)));
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
