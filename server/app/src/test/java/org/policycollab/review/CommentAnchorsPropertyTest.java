package org.policycollab.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.policycollab.ot.Attributes;
import org.policycollab.ot.Delta;
import org.policycollab.ot.Op;
import org.policycollab.ot.TextInsert;
import org.policycollab.ot.document.RichTextDocument;

/**
 * The property behind anchored comments: whatever concurrent edits do (typing inside and around the
 * passage, deleting parts of it, formatting across it), the text carrying a thread's anchor is exactly
 * the passage's original text that survives, in its order. Each original character of the passage is
 * unique, so survival is visible; edits are made concurrently at one version and transformed as the
 * server does.
 */
class CommentAnchorsPropertyTest {
  private static final String ANCHOR = CommentThread.anchorAttribute("t1");
  private static final int ROUNDS = 300;
  private static final int AUTHORS = 3;

  @Test
  @DisplayName("an anchor always covers exactly the surviving original text of its passage")
  void anchorCoversTheSurvivingPassage() {
    for (long seed = 1; seed <= 40; seed++) {
      run(new Random(seed), seed);
    }
  }

  private static void run(Random random, long seed) {
    StringBuilder passage = new StringBuilder();
    for (int i = 0; i < 12 + random.nextInt(20); i++) {
      passage.append((char) (0x4E00 + i)); // unique, and never typed by the edits below
    }
    RichTextDocument document = RichTextDocument.of(Delta.builder()
        .insert("before the passage ")
        .insert(passage.toString(), Attributes.of(ANCHOR, true))
        .insert(" after it\n")
        .build());
    for (int round = 0; round < ROUNDS && document.length() > 1; round++) {
      // Several authors edit the same version; the server applies them in turn, each transformed over
      // those applied before it (committed ops win ties).
      List<Delta> concurrent = new ArrayList<>();
      for (int a = 0; a < AUTHORS; a++) {
        concurrent.add(randomEdit(random, document.length()));
      }
      List<Delta> applied = new ArrayList<>();
      for (Delta op : concurrent) {
        Delta transformed = op;
        for (Delta earlier : applied) {
          transformed = earlier.transform(transformed, true);
        }
        document.apply(transformed);
        applied.add(transformed);
      }
      String anchored = anchoredText(document);
      String surviving = survivingPassage(document, passage.toString());
      assertThat(anchored).as("seed %d round %d", seed, round).isEqualTo(surviving);
      assertThat(isSubsequence(surviving, passage.toString())).as("order kept, seed %d", seed).isTrue();
    }
  }

  /** Inserts (plain or formatted, never the anchor), deletes and format changes at random places. */
  private static Delta randomEdit(Random random, int length) {
    int last = length - 1; // keep the final newline
    Delta.Builder op = Delta.builder();
    int at = random.nextInt(last + 1);
    op.retain(at);
    switch (random.nextInt(4)) {
      case 0 -> op.insert(randomText(random), random.nextBoolean() ? Attributes.NONE : Attributes.of("bold", true));
      case 1 -> op.delete(Math.min(1 + random.nextInt(6), last - at));
      case 2 -> op.retain(Math.min(1 + random.nextInt(8), last - at), Attributes.of("italic", random.nextBoolean() ? true : null));
      default -> {
        op.insert(randomText(random));
        op.delete(Math.min(random.nextInt(4), last - at));
      }
    }
    return op.build();
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1 + random.nextInt(4); i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  private static String anchoredText(RichTextDocument document) {
    StringBuilder text = new StringBuilder();
    for (Op op : document.toDelta().ops()) {
      if (op.attributes().has(ANCHOR) && op instanceof TextInsert insert) {
        text.append(insert.text());
      }
    }
    return text.toString();
  }

  private static String survivingPassage(RichTextDocument document, String passage) {
    StringBuilder text = new StringBuilder();
    for (Op op : document.toDelta().ops()) {
      if (op instanceof TextInsert insert) {
        insert.text().chars().filter(c -> passage.indexOf(c) >= 0).forEach(c -> text.append((char) c));
      }
    }
    return text.toString();
  }

  private static boolean isSubsequence(String part, String whole) {
    int i = 0;
    for (int j = 0; j < whole.length() && i < part.length(); j++) {
      if (part.charAt(i) == whole.charAt(j)) {
        i++;
      }
    }
    return i == part.length();
  }
}
