package dev.tollgate.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class YamlTreeTest {

    @TempDir
    Path dir;

    private YamlTree read(String yaml) throws IOException {
        return YamlTree.read(Files.writeString(dir.resolve("t.yaml"), yaml));
    }

    @Test
    void recordsKeysValuesAndItemsOneBased() throws IOException {
        YamlTree tree = read("""
                models:
                  groq/llama-3.3-70b:
                    quality: 0.62
                aliases: [auto, tollgate/auto]
                """);

        SourcePositions positions = tree.positions();
        assertThat(positions.key(SourcePositions.pointer("models", "groq/llama-3.3-70b", "quality")))
                .isEqualTo(new SourcePosition(tree.file(), 3, 5));
        assertThat(positions.value(SourcePositions.pointer("models", "groq/llama-3.3-70b", "quality")))
                .isEqualTo(new SourcePosition(tree.file(), 3, 14));
        assertThat(positions.value(SourcePositions.pointer("aliases").appendIndex(1)))
                .isEqualTo(new SourcePosition(tree.file(), 4, 17));
    }

    @Test
    void fallsBackToTheNearestRecordedAncestor() throws IOException {
        YamlTree tree = read("gateway:\n  port: 4000\n");

        assertThat(tree.positions().value(SourcePositions.pointer("gateway", "ledger")))
                .isEqualTo(new SourcePosition(tree.file(), 2, 3));
    }

    @Test
    void typesScalarsByTheYaml12CoreSchema() throws IOException {
        JsonNode root = read("""
                price: 0.10
                window: 0x20
                free: True
                quoted: "42"
                yes-is-text: yes
                nothing: ~
                """).root();

        assertThat(root.get("price").decimalValue()).isEqualTo(new BigDecimal("0.10"));
        assertThat(root.get("window").intValue()).isEqualTo(32);
        assertThat(root.get("free").booleanValue()).isTrue();
        assertThat(root.get("quoted").isTextual()).isTrue();
        assertThat(root.get("yes-is-text").textValue()).isEqualTo("yes");
        assertThat(root.get("nothing").isNull()).isTrue();
    }

    @Test
    void givesNoDocumentForAFileOfComments() throws IOException {
        YamlTree tree = read("# nothing yet\n");

        assertThat(tree.root().isMissingNode()).isTrue();
        assertThat(tree.problems()).isEmpty();
    }

    @Test
    void rejectsARecursiveAlias() throws IOException {
        YamlTree tree = read("a: &loop [1, *loop]\n");

        assertThat(tree.problems()).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("an alias may not refer to the collection that contains it");
    }
}
