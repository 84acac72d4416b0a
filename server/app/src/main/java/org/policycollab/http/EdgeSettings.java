package org.policycollab.http;

import java.nio.file.Path;
import java.util.List;

/**
 * Where and how the HTTP edge listens.
 *
 * @param webRoot a directory to serve the web client from instead of the jar's copy; may be {@code null}
 * @param allowedOrigins pages of other origins that may open the WebSocket (see {@link OriginPolicy})
 */
public record EdgeSettings(String host, int port, Path webRoot, List<String> allowedOrigins) {
  public EdgeSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
  }
}
