package io.kcplab.scenarios.spec;

import io.kcplab.scenarios.ScenarioException;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads YAML into plain maps, lists and scalars with SnakeYAML's SafeConstructor (no object construction from
 * tags). Deviation from YAML 1.1 on purpose: only {@code true}/{@code false} are booleans, so {@code crypt: off} or
 * {@code mode: no} stay strings instead of silently becoming {@code false}; and dates stay strings. Duplicate keys
 * are errors.
 */
public final class YamlText {

    private YamlText() {
    }

    /** The document as maps/lists/scalars; a syntax error becomes a {@link ScenarioException} with line and column. */
    public static Object load(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(4 * 1024 * 1024);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new StrictResolver());
        try {
            return yaml.load(text);
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1)
                    + ", column " + (e.getProblemMark().getColumn() + 1);
            String what = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new ScenarioException(source, List.of("not valid YAML" + where + ": " + what + context));
        } catch (YAMLException e) {
            throw new ScenarioException(source, List.of("not valid YAML: " + e.getMessage()));
        }
    }

    /** Only true/false as booleans, no timestamps; the rest as SnakeYAML's default resolver. */
    static final class StrictResolver extends Resolver {
        private static final java.util.regex.Pattern STRICT_BOOL =
                java.util.regex.Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, STRICT_BOOL, "tTfF", 10);
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
            addImplicitResolver(Tag.YAML, YAML, "!&*", 10);
        }
    }
}
