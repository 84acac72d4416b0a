package org.policycollab.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.policycollab.ot.Attributes;
import org.policycollab.ot.Delete;
import org.policycollab.ot.Delta;
import org.policycollab.ot.Insert;
import org.policycollab.ot.Op;
import org.policycollab.ot.Retain;
import org.policycollab.ot.document.RichTextDocument;

/**
 * What an op may do with suggestions, checked against the current document after the op has been
 * transformed to it (so concurrent edits cannot smuggle anything past the check).
 *
 * <p>Everyone: a suggestion mark an op writes names its author as the sender, and is well formed; nobody
 * poses as someone else.
 *
 * <p>A reviewer ({@code suggestOnly}) may only: insert text marked as their own suggested insertion;
 * mark existing text as their own suggested deletion (text that is nobody's suggestion, or already
 * theirs); take back their own deletion marks; delete their own suggested insertions (withdraw). No
 * other change of text or formatting.
 */
public final class SuggestionRules {
  private static final Set<String> MARKS = Set.of(SuggestionMark.INSERT, SuggestionMark.DELETE);

  private SuggestionRules() {}

  /** Checks {@code op} by {@code author}; throws {@link SuggestionException} naming the first broken rule. */
  public static void check(RichTextDocument document, Delta op, String author, boolean suggestOnly) {
    int index = 0;
    for (Op component : op.ops()) {
      if (component instanceof Insert insert) {
        checkInsert(insert.attributes(), author, suggestOnly);
      } else if (component instanceof Retain retain) {
        if (!retain.attributes().isEmpty()) {
          checkFormat(document.slice(index, index + retain.length()), retain.attributes(), author, suggestOnly);
        }
        index += retain.length();
      } else if (component instanceof Delete delete) {
        if (suggestOnly) {
          for (Op piece : document.slice(index, index + delete.length()).ops()) {
            SuggestionMark inserted = SuggestionMark.read(piece.attributes().get(SuggestionMark.INSERT));
            if (inserted == null || !inserted.author().equals(author)) {
              throw new SuggestionException("reviewers delete only their own suggested insertions; mark other text as a suggested deletion");
            }
          }
        }
        index += delete.length();
      }
    }
  }

  private static void checkInsert(Attributes attributes, String author, boolean suggestOnly) {
    if (attributes.has(SuggestionMark.DELETE)) {
      throw new SuggestionException("new text cannot be marked as a suggested deletion");
    }
    JsonNode value = attributes.get(SuggestionMark.INSERT);
    if (value == null) {
      if (suggestOnly) {
        throw new SuggestionException("reviewers insert text only as their own suggestion (suggestInsert)");
      }
      return;
    }
    requireOwn(value, author);
  }

  private static void checkFormat(Delta covered, Attributes attributes, String author, boolean suggestOnly) {
    for (String name : attributes.names()) {
      if (suggestOnly && !name.equals(SuggestionMark.DELETE)) {
        throw new SuggestionException("reviewers do not change formatting; they suggest insertions and deletions");
      }
      if (!MARKS.contains(name)) {
        continue;
      }
      JsonNode value = attributes.get(name);
      boolean marking = !value.isNull();
      if (marking) {
        requireOwn(value, author);
      }
      if (!suggestOnly) {
        continue; // editors may also decide (remove) anyone's marks: accepting and rejecting
      }
      for (Op piece : covered.ops()) {
        SuggestionMark inserted = SuggestionMark.read(piece.attributes().get(SuggestionMark.INSERT));
        SuggestionMark deleted = SuggestionMark.read(piece.attributes().get(SuggestionMark.DELETE));
        if (marking && inserted != null) {
          throw new SuggestionException(inserted.author().equals(author)
              ? "delete your own suggested insertion instead of marking it"
              : "this text is another person's suggestion");
        }
        if (marking && deleted != null && !deleted.author().equals(author)) {
          throw new SuggestionException("this text is another person's suggested deletion");
        }
        if (!marking && (deleted == null || !deleted.author().equals(author))) {
          throw new SuggestionException("reviewers take back only their own suggested deletions");
        }
      }
    }
  }

  private static void requireOwn(JsonNode value, String author) {
    SuggestionMark mark = SuggestionMark.read(value);
    if (mark == null) {
      throw new SuggestionException("a suggestion is {id, author, name, at} with an id of 1 to " + SuggestionMark.MAX_ID + " characters");
    }
    if (!mark.author().equals(author)) {
      throw new SuggestionException("a suggestion names its author: you cannot suggest as " + mark.author());
    }
  }
}
