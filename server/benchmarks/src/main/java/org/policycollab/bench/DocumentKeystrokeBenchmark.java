package org.policycollab.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.policycollab.ot.Attributes;
import org.policycollab.ot.Delta;
import org.policycollab.ot.document.RichTextDocument;

/**
 * The server's cost per keystroke on a live document: one character typed at a random place and then
 * deleted again (so the document keeps its size), on a {@link RichTextDocument} and, for reference, on
 * an immutable {@link Delta} through {@code compose}, which copies the whole document each time. The
 * first should cost about the same at 10 KB and at 1 MB; the second grows with the document.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class DocumentKeystrokeBenchmark {
  private static final String[] WORDS = {
    "õigus", "müük", "šokolaad", "žürii", "ülevaade", "väärtus", "ettepanek", "kõik", "ühine",
    "poliitika", "soovitus", "łąka", "źródło", "ąžuolas", "šalis", "ėjimas", "blåbær", "søster",
    "ærlig", "rådgivning", "forslag", "höfundur", "þróun", "the", "of", "policy", "and", "to"
  };
  private static final String[] EMOJI = {"😀", "👍🏽", "🇪🇪"};
  private static final Attributes BOLD = Attributes.of("bold", true);
  private static final Attributes ITALIC = Attributes.of("italic", true);
  private static final Attributes BOLD_ITALIC = Attributes.of("bold", true, "italic", true);
  private static final Attributes[] HEADERS = {Attributes.of("header", 1), Attributes.of("header", 2)};
  /** Positions cycle through a power-of-two table, so the next one is a mask away. */
  private static final int POSITIONS = 4096;

  @Param({"10240", "1048576"})
  int documentSize;

  private RichTextDocument document;
  private Delta delta;
  private int[] positions;
  private int next;

  @Setup
  public void setUp() {
    Delta start = realisticDocument(documentSize, new Random(20_240_601));
    if (start.length() != documentSize) {
      throw new IllegalStateException("built " + start.length() + " units, wanted " + documentSize);
    }
    document = RichTextDocument.of(start);
    delta = start;
    positions = new Random(42).ints(POSITIONS, 0, documentSize).toArray();
  }

  // Each op is built where it is applied, as a server gets each op freshly parsed: a table of 2 x 4096
  // prebuilt ops would itself be ~1 MB of cold objects, measuring the harness's cache misses.

  @Benchmark
  public int richTextDocument() {
    int position = positions[next++ & (POSITIONS - 1)];
    document.apply(Delta.builder().retain(position).insert("x").build());
    document.apply(Delta.builder().retain(position).delete(1).build());
    return document.length();
  }

  @Benchmark
  public Delta deltaCompose() {
    int position = positions[next++ & (POSITIONS - 1)];
    delta = delta.compose(Delta.builder().retain(position).insert("x").build());
    delta = delta.compose(Delta.builder().retain(position).delete(1).build());
    return delta;
  }

  /**
   * Paragraphs of words with Baltic and Nordic letters and the odd emoji, a bold or italic span every
   * few dozen characters and a header on some lines: {@code size} UTF-16 units, ending in a newline.
   */
  static Delta realisticDocument(int size, Random random) {
    Delta.Builder document = Delta.builder();
    int left = size - 1; // the final newline
    while (left > 0) {
      int paragraph = 200 + random.nextInt(600);
      while (paragraph > 0 && left > 0) {
        String plain = words(20 + random.nextInt(50), random);
        String formatted = words(4 + random.nextInt(16), random);
        Attributes attributes = random.nextBoolean() ? BOLD : random.nextBoolean() ? ITALIC : BOLD_ITALIC;
        left -= append(document, plain, Attributes.NONE, left);
        left -= append(document, formatted, attributes, left);
        paragraph -= plain.length() + formatted.length();
      }
      if (left > 0) {
        Attributes line = random.nextInt(5) == 0 ? HEADERS[random.nextInt(2)] : Attributes.NONE;
        left -= append(document, "\n", line, left);
      }
    }
    return document.insert("\n").build();
  }

  /** Appends {@code text}, or as much of it as {@code left} allows; returns the units appended. */
  private static int append(Delta.Builder document, String text, Attributes attributes, int left) {
    if (text.length() > left) {
      text = "x".repeat(left); // a cut could split an emoji's surrogate pair
    }
    document.insert(text, attributes);
    return text.length();
  }

  /** About {@code units} units of words, with a leading space and now and then an emoji. */
  private static String words(int units, Random random) {
    StringBuilder text = new StringBuilder();
    while (text.length() < units) {
      text.append(' ');
      text.append(
          random.nextInt(40) == 0 ? EMOJI[random.nextInt(EMOJI.length)] : WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }
}
