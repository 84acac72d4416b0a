package org.policycollab.review;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.policycollab.ot.Attributes;
import org.policycollab.ot.Delta;
import org.policycollab.ot.Insert;
import org.policycollab.ot.Op;
import org.policycollab.ot.TextInsert;
import org.policycollab.ot.document.RichTextDocument;

/**
 * The suggestions in a document, and the op that decides some of them: accepting an insertion keeps
 * its text and drops the mark, rejecting it deletes the text; accepting a deletion deletes the text,
 * rejecting it drops the mark. A decision is a normal op, so it is transformed, kept in history and
 * reaches every client like any edit.
 */
public final class Suggestions {
  private static final char EMBED = '\uFFFC';

  private Suggestions() {}

  /**
   * Every suggestion in document order. A run of text with one mark id is one suggestion; a mark id
   * split by other text (an edit landed in the middle) gives one entry per run.
   */
  public static List<Suggestion> in(RichTextDocument document) {
    List<Suggestion> found = new ArrayList<>();
    int index = 0;
    for (Op op : document.toDelta().ops()) {
      Insert insert = (Insert) op;
      String text = insert instanceof TextInsert t ? t.text() : String.valueOf(EMBED);
      add(found, Suggestion.Kind.INSERT, SuggestionMark.read(insert.attributes().get(SuggestionMark.INSERT)), index, text);
      add(found, Suggestion.Kind.DELETE, SuggestionMark.read(insert.attributes().get(SuggestionMark.DELETE)), index, text);
      index += insert.length();
    }
    return found;
  }

  private static void add(List<Suggestion> found, Suggestion.Kind kind, SuggestionMark mark, int index, String text) {
    if (mark == null) {
      return;
    }
    for (int i = found.size() - 1; i >= 0; i--) {
      Suggestion last = found.get(i);
      if (last.kind() == kind && last.id().equals(mark.id()) && last.index() + last.length() == index) {
        found.set(i, new Suggestion(last.id(), kind, last.author(), last.name(), last.at(), last.index(),
            last.length() + text.length(), last.text() + text));
        return;
      }
      if (last.index() + last.length() < index) {
        break;
      }
    }
    found.add(new Suggestion(mark.id(), kind, mark.author(), mark.name(), mark.at(), index, text.length(), text));
  }

  /** The op that accepts ({@code accept}) or rejects the suggestions {@code chosen} picks; empty when none. */
  public static Delta decide(RichTextDocument document, Predicate<Suggestion> chosen, boolean accept) {
    List<Suggestion> picked = in(document).stream().filter(chosen).toList();
    // Text marked both ways (someone's deletion of someone's insertion) is decided once, insertion first.
    Delta.Builder op = Delta.builder();
    int at = 0;
    for (Suggestion suggestion : picked) {
      if (suggestion.index() < at) {
        continue;
      }
      op.retain(suggestion.index() - at);
      boolean removeText = accept == (suggestion.kind() == Suggestion.Kind.DELETE);
      if (removeText) {
        op.delete(suggestion.length());
      } else {
        String mark = suggestion.kind() == Suggestion.Kind.INSERT ? SuggestionMark.INSERT : SuggestionMark.DELETE;
        op.retain(suggestion.length(), Attributes.of(mark, null));
      }
      at = suggestion.index() + suggestion.length();
    }
    return op.build();
  }
}
