package org.policycollab.ot.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.policycollab.ot.Delta;
import org.policycollab.ot.DeltaJson;
import org.policycollab.ot.JsonValues;
import org.policycollab.ot.OtException;
import org.policycollab.ot.RichText;

/**
 * Replays the {@code apply} cases of the quill-delta parity fixtures (recorded from the JavaScript
 * implementation) on a {@link RichTextDocument}: once with the default chunk size and once with tiny
 * chunks, so that the same cases also cross chunk boundaries.
 */
class RichTextDocumentParityTest {
  private static final String FIXTURES = "/parity/ot-parity.jsonl.gz";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void appliesEveryRecordedCaseExactlyAsQuillDelta() throws IOException {
    int checked = 0;
    int refused = 0;
    List<String> failures = new ArrayList<>();
    for (JsonNode fixture : applyCases()) {
      Delta snapshot = DeltaJson.read(fixture.get("snapshot"));
      Delta op = DeltaJson.read(fixture.get("op"));
      try {
        RichText.requireFits(op, snapshot.length());
      } catch (OtException e) {
        refused++;
        continue;
      }
      JsonNode expected = JsonValues.normalize(fixture.get("expected"));
      for (int maxChunk : new int[] {RichTextDocument.DEFAULT_MAX_CHUNK, 3}) {
        RichTextDocument document = RichTextDocument.of(snapshot, maxChunk);
        document.apply(op);
        JsonNode actual = DeltaJson.write(document.toDelta());
        if (!actual.equals(expected) && failures.size() < 10) {
          failures.add("chunk " + maxChunk + ": " + fixture + "\n    gave " + actual);
        }
      }
      checked++;
    }
    assertThat(failures).isEmpty();
    assertThat(refused).as("cases whose op does not fit the snapshot").isZero();
    assertThat(checked).isGreaterThanOrEqualTo(3_000);
  }

  private static List<JsonNode> applyCases() throws IOException {
    List<JsonNode> cases = new ArrayList<>();
    InputStream raw = RichTextDocumentParityTest.class.getResourceAsStream(FIXTURES);
    assertThat(raw).as(FIXTURES).isNotNull();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode fixture = MAPPER.readTree(line);
        if ("apply".equals(fixture.path("kind").asText())) {
          cases.add(fixture);
        }
      }
    }
    return cases;
  }
}
