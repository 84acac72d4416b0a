package org.policycollab.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A sequential editing trace from the josephg/editing-traces collection (CC BY 4.0; the authors are
 * credited in the module's README): gzipped JSON whose transactions hold patches
 * {@code [pos, delCount, insertText]}, applied one after another to {@code startContent}.
 *
 * <p>Read with Jackson's streaming parser: the largest trace has 260,000 patches, and a tree of them
 * would cost far more memory than the patches themselves.
 */
final class Trace {
  /** Replace {@code deleted} characters at {@code position} with {@code inserted}. */
  record Patch(int position, int deleted, String inserted) {}

  private final String startContent;
  private final String endContent;
  private final List<Patch> patches;

  private Trace(String startContent, String endContent, List<Patch> patches) {
    this.startContent = startContent;
    this.endContent = endContent;
    this.patches = List.copyOf(patches);
  }

  static Trace read(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
        JsonParser parser = new JsonFactory().createParser(in)) {
      String start = "";
      String end = null;
      List<Patch> patches = new ArrayList<>();
      expect(parser.nextToken(), JsonToken.START_OBJECT, file);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "startContent" -> start = parser.getValueAsString("");
          case "endContent" -> end = parser.getValueAsString();
          case "txns" -> readTransactions(parser, patches, file);
          case "kind" -> {
            if ("concurrent".equals(parser.getValueAsString())) {
              throw new IOException(file + " is a concurrent trace; use a sequential one");
            }
          }
          default -> parser.skipChildren();
        }
      }
      if (!patches.isEmpty() || end != null) {
        return new Trace(start, end, patches);
      }
      throw new IOException(file + " holds no patches: is it a sequential trace?");
    }
  }

  private static void readTransactions(JsonParser parser, List<Patch> patches, Path file) throws IOException {
    expect(parser.currentToken(), JsonToken.START_ARRAY, file);
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("parents") && parser.currentToken() == JsonToken.START_ARRAY
            && parser.nextToken() != JsonToken.END_ARRAY) {
          // A causal graph would need the concurrent replay; this tool replays one author in order.
          throw new IOException(file + " is a concurrent trace; use a sequential one");
        } else if (field.equals("patches")) {
          readPatches(parser, patches, file);
        } else {
          parser.skipChildren();
        }
      }
    }
  }

  private static void readPatches(JsonParser parser, List<Patch> patches, Path file) throws IOException {
    expect(parser.currentToken(), JsonToken.START_ARRAY, file);
    while (parser.nextToken() == JsonToken.START_ARRAY) {
      parser.nextToken();
      int position = parser.getIntValue();
      parser.nextToken();
      int deleted = parser.getIntValue();
      parser.nextToken();
      String inserted = parser.getValueAsString("");
      expect(parser.nextToken(), JsonToken.END_ARRAY, file);
      patches.add(new Patch(position, deleted, inserted));
    }
  }

  private static void expect(JsonToken actual, JsonToken wanted, Path file) throws IOException {
    if (actual != wanted) {
      throw new IOException(file + ": expected " + wanted + " but found " + actual);
    }
  }

  String startContent() {
    return startContent;
  }

  /** The trace's final text, or null when the file does not say. */
  String endContent() {
    return endContent;
  }

  List<Patch> patches() {
    return patches;
  }

  /** The text after the first {@code count} patches, applied here, without the server. */
  String textAfter(int count) {
    StringBuilder text = new StringBuilder(startContent);
    for (Patch patch : patches.subList(0, count)) {
      text.replace(patch.position(), patch.position() + patch.deleted(), patch.inserted());
    }
    return text.toString();
  }
}
