package org.policycollab.ot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays cases computed by the real quill-delta 4.2.2 and rich-text 4.1.0 (see
 * {@code web-client/scripts/generate-ot-parity-fixtures.mjs}) and requires the Java result to be the same
 * JSON, case by case.
 */
class QuillDeltaParityTest {
  private static final String FIXTURES = "/parity/ot-parity.jsonl.gz";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, List<JsonNode>> CASES = loadCases();

  private static final Map<String, Function<JsonNode, JsonNode>> KINDS =
      Map.of(
          "compose", c -> json(delta(c, "a").compose(delta(c, "b"))),
          "apply", c -> json(RichText.apply(delta(c, "snapshot"), delta(c, "op"))),
          "transform",
              c -> json(delta(c, "a").transform(delta(c, "b"), c.get("priority").booleanValue())),
          "richTextTransform",
              c ->
                  json(
                      RichText.transform(
                          delta(c, "op1"),
                          delta(c, "op2"),
                          RichText.Side.valueOf(c.get("side").textValue().toUpperCase(java.util.Locale.ROOT)))),
          "transformPosition",
              c ->
                  IntNode.valueOf(
                      delta(c, "delta")
                          .transformPosition(
                              c.get("index").intValue(), c.get("priority").booleanValue())),
          "invert", c -> json(delta(c, "op").invert(delta(c, "base"))),
          "transformPresence",
              c -> {
                JsonNode moved =
                    RichText.transformPresence(
                        c.get("range"), delta(c, "op"), c.get("own").booleanValue());
                return moved == null ? NullNode.getInstance() : moved;
              },
          "slice",
              c -> json(delta(c, "delta").slice(c.get("start").intValue(), c.get("end").intValue())),
          "concat", c -> json(delta(c, "a").concat(delta(c, "b"))),
          "length",
              c -> {
                Delta delta = delta(c, "delta");
                return MAPPER
                    .createObjectNode()
                    .put("expected", delta.length())
                    .put("changeLength", delta.changeLength());
              });

  @Test
  @DisplayName("the fixtures hold at least 20,000 cases of every kind quill-delta has")
  void fixturesAreComplete() {
    int total = CASES.values().stream().mapToInt(List::size).sum();
    assertThat(total).isGreaterThanOrEqualTo(20_000);
    assertThat(CASES.keySet()).containsExactlyInAnyOrderElementsOf(KINDS.keySet());
  }

  @TestFactory
  @DisplayName("every case gives what quill-delta gives")
  Stream<DynamicTest> everyCaseMatches() {
    return KINDS.entrySet().stream()
        .map(kind -> DynamicTest.dynamicTest(kind.getKey(), () -> check(kind.getKey(), kind.getValue())));
  }

  private static void check(String kind, Function<JsonNode, JsonNode> run) {
    List<JsonNode> cases = CASES.getOrDefault(kind, List.of());
    List<String> mismatches = new ArrayList<>();
    for (JsonNode c : cases) {
      JsonNode expected = expected(kind, c);
      JsonNode actual;
      try {
        actual = JsonValues.normalize(run.apply(c));
      } catch (RuntimeException e) {
        mismatches.add(c + "\n  threw " + e);
        continue;
      }
      if (!actual.equals(expected)) {
        mismatches.add(c + "\n  got " + actual);
      }
    }
    assertThat(cases).as(kind + " cases").isNotEmpty();
    assertThat(mismatches)
        .as("%d of %d %s cases differ from quill-delta; first ones:%n%s",
            mismatches.size(), cases.size(), kind,
            String.join("\n", mismatches.subList(0, Math.min(5, mismatches.size()))))
        .isEmpty();
  }

  private static JsonNode expected(String kind, JsonNode c) {
    if (kind.equals("length")) {
      return JsonValues.normalize(
          MAPPER.createObjectNode().put("expected", c.get("expected").intValue())
              .put("changeLength", c.get("changeLength").intValue()));
    }
    return JsonValues.normalize(c.get("expected"));
  }

  /** Inputs as given, like {@code new Delta(ops)}: a trailing plain retain stays. */
  private static Delta delta(JsonNode c, String field) {
    return DeltaJson.readPiece(c.get(field));
  }

  private static JsonNode json(Delta delta) {
    return DeltaJson.write(delta);
  }

  private static Map<String, List<JsonNode>> loadCases() {
    Map<String, List<JsonNode>> cases = new LinkedHashMap<>();
    try (InputStream raw = QuillDeltaParityTest.class.getResourceAsStream(FIXTURES);
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        JsonNode c = MAPPER.readTree(line);
        cases.computeIfAbsent(c.get("kind").textValue(), k -> new ArrayList<>()).add(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }
}
