package org.policycollab.logging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.policycollab.json.Json;

/**
 * The tag that starts every log line about a document: {@code {"doc":"<id>","user":"<username>"}}, a
 * JSON object, so that {@link JsonLogFormatter} lifts it into fields of its own and plain-text logs still
 * read well. Ids and usernames only: never document content, never tokens.
 */
public final class DocumentLog {
  private DocumentLog() {}

  /** The tag for {@code docId}, and {@code user} when one person's request is the subject (else null). */
  public static String tag(String docId, String user) {
    ObjectNode tag = Json.object().put("doc", docId);
    if (user != null) {
      tag.put("user", user);
    }
    return Json.write(tag);
  }
}
