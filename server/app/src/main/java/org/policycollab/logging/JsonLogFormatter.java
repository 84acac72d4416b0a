package org.policycollab.logging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import org.policycollab.json.Json;

/**
 * {@code --log-format json}: one JSON object a line, {@code {ts, level, logger, msg}}, plus {@code doc}
 * and {@code user} when the message starts with a {@link DocumentLog} tag, and {@code error} with the
 * stack trace when there is one.
 */
public final class JsonLogFormatter extends Formatter {
  @Override
  public String format(LogRecord record) {
    ObjectNode line = Json.object()
        .put("ts", Instant.ofEpochMilli(record.getMillis()).toString())
        .put("level", record.getLevel().getName())
        .put("logger", record.getLoggerName());
    String message = formatMessage(record);
    if (message.startsWith("{\"doc\":")) {
      try (JsonParser parser = Json.parser(message)) {
        JsonNode tag = parser.readValueAsTree();
        int end = (int) parser.currentLocation().getCharOffset();
        tag.fields().forEachRemaining(field -> line.set(field.getKey(), field.getValue()));
        message = message.substring(Math.min(end, message.length())).strip();
      } catch (IOException | RuntimeException notATag) {
        // Not a tag after all: the message goes out as it is.
      }
    }
    line.put("msg", message);
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.put("error", trace.toString());
    }
    return Json.write(line) + System.lineSeparator();
  }
}
