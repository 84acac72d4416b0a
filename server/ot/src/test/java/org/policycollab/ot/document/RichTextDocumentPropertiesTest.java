package org.policycollab.ot.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.policycollab.ot.Attributes;
import org.policycollab.ot.Delta;

/**
 * Random documents and random op sequences: after every op the document must equal what {@link
 * Delta#compose} gives. Ops are generated as plans (what to do, and a number picking how far) and turned
 * into an op valid for the document at hand, so every generated op applies and shrinks well.
 */
class RichTextDocumentPropertiesTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] TOKENS = {
    "a", "b", "word", " ", " ", "\n", "ä", "õ", "š", "ž", "ł", "å", "ø", "😀", "👍🏽", "🇪🇪"
  };

  enum Kind {
    INSERT,
    RETAIN,
    FORMAT,
    DELETE
  }

  /** One insert: text or, when {@code embed} is set, an embed. */
  record Piece(String text, ObjectNode embed, Attributes attributes) {
    Delta.Builder addTo(Delta.Builder delta) {
      return embed == null ? delta.insert(text, attributes) : delta.insertEmbed(embed, attributes);
    }

    @Override
    public String toString() {
      return (embed == null ? '"' + text + '"' : embed.toString()) + attributes;
    }
  }

  /** One component of an op; {@code amount} picks its length within what is left of the document. */
  record Step(Kind kind, int amount, Piece piece, Attributes attributes) {}

  @Property(tries = 400)
  void everyOpGivesWhatComposeGives(
      @ForAll("documents") Delta start,
      @ForAll("maxChunks") int maxChunk,
      @ForAll("opPlans") List<List<Step>> plans) {
    Statistics.label("document")
        .collect(start.length() > RichTextDocument.DEFAULT_MAX_CHUNK ? "several chunks" : "small");
    RichTextDocument document = RichTextDocument.of(start, maxChunk);
    Delta expected = start;
    for (List<Step> plan : plans) {
      Delta op = toOp(plan, expected.length());
      expected = expected.compose(op);
      document.apply(op);
      assertThat(document.length()).as("length after %s", op).isEqualTo(expected.length());
      assertThat(document.toDelta()).as("document after %s", op).isEqualTo(expected);
      RichTextDocumentTest.assertChunksWithinBounds(document, maxChunk);
    }
    Statistics.label("document")
        .coverage(coverage -> coverage.check("several chunks").percentage(p -> p >= 10));
  }

  @Property(tries = 200)
  void opsAppliedWithoutLookingGiveTheSameDocumentAndSlices(
      @ForAll("documents") Delta start,
      @ForAll("maxChunks") int maxChunk,
      @ForAll("opPlans") List<List<Step>> plans) {
    RichTextDocument document = RichTextDocument.of(start, maxChunk);
    Delta expected = start;
    for (List<Step> plan : plans) {
      Delta op = toOp(plan, expected.length());
      expected = expected.compose(op);
      document.apply(op);
    }
    assertThat(document.toDelta()).isEqualTo(expected);
    int length = expected.length();
    for (int from = 0; from <= length; from += 1 + length / 7) {
      for (int to = from; to <= length; to += 1 + length / 5) {
        assertThat(document.slice(from, to)).isEqualTo(expected.slice(from, to));
      }
    }
  }

  /** The op {@code plan} describes, made valid for a document of {@code length}. */
  static Delta toOp(List<Step> plan, int length) {
    Delta.Builder op = Delta.builder();
    int consumed = 0;
    for (Step step : plan) {
      int left = length - consumed;
      int count = left == 0 ? 0 : 1 + step.amount() % left;
      switch (step.kind()) {
        case INSERT -> step.piece().addTo(op);
        case RETAIN -> op.retain(count);
        case FORMAT -> op.retain(count, step.attributes());
        case DELETE -> op.delete(count);
      }
      if (step.kind() != Kind.INSERT) {
        consumed += count;
      }
    }
    return op.build();
  }

  @Provide
  Arbitrary<Integer> maxChunks() {
    return Arbitraries.of(2, 3, 8, 64, RichTextDocument.DEFAULT_MAX_CHUNK);
  }

  @Provide
  Arbitrary<Delta> documents() {
    // Mostly small documents; a quarter are thousands of units long, several default-size chunks.
    Arbitrary<List<Piece>> small = pieces(16).list().ofMaxSize(20);
    Arbitrary<List<Piece>> large = pieces(16).list().ofMinSize(200).ofMaxSize(500);
    return Arbitraries.frequencyOf(Tuple.of(3, small), Tuple.of(1, large))
        .map(
            pieces -> {
              Delta.Builder document = Delta.builder();
              pieces.forEach(piece -> piece.addTo(document));
              return document.build();
            });
  }

  @Provide
  Arbitrary<List<List<Step>>> opPlans() {
    Arbitrary<Integer> amounts =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 100_000));
    Arbitrary<Step> steps =
        Combinators.combine(Arbitraries.of(Kind.class), amounts, pieces(6), attributes())
            .as(Step::new);
    return steps.list().ofMinSize(1).ofMaxSize(5).list().ofMinSize(1).ofMaxSize(30);
  }

  private static Arbitrary<Piece> pieces(int maxTokens) {
    Arbitrary<String> texts =
        Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(maxTokens).map(t -> String.join("", t));
    Arbitrary<ObjectNode> embeds =
        Arbitraries.of(
            JSON.objectNode().put("image", "https://example.org/a.png"),
            JSON.objectNode().put("formula", "e=mc^2"));
    Arbitrary<Piece> text =
        Combinators.combine(texts, attributes()).as((value, attrs) -> new Piece(value, null, attrs));
    Arbitrary<Piece> embed =
        Combinators.combine(embeds, attributes()).as((value, attrs) -> new Piece(null, value, attrs));
    return Arbitraries.frequencyOf(Tuple.of(8, text), Tuple.of(1, embed));
  }

  /** Few names and values, so that neighbouring runs often end up with equal attributes and merge. */
  private static Arbitrary<Attributes> attributes() {
    ObjectNode suggestion = JSON.objectNode().put("id", "s1").put("author", "u2");
    ObjectNode link = JSON.objectNode().put("href", "https://example.org");
    link.putObject("meta").put("rank", 2).putArray("tags").add("a").add(1.5);
    Arbitrary<JsonNode> values =
        Arbitraries.of(
            JSON.booleanNode(true),
            JSON.textNode("#c33"),
            JSON.numberNode(1),
            JSON.numberNode(2.0),
            JSON.nullNode(),
            suggestion,
            link);
    Arbitrary<Attributes> some =
        Arbitraries.maps(Arbitraries.of("bold", "italic", "color", "link", "header"), values)
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(Attributes::of);
    return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(Attributes.NONE)), Tuple.of(3, some));
  }
}
