package org.policycollab.load;

import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The server under load: where it listens, and the session token every connection presents. */
record Target(String host, int port, boolean ssl, String token) {

  /** The server named by {@code url} ({@code http://host:port} or https), not yet signed in. */
  static Target of(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new Options.UsageException("--url is not a URL: " + url);
    }
    String scheme = uri.getScheme();
    if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
      throw new Options.UsageException("--url must be http://host:port or https://host:port, not " + url);
    }
    boolean ssl = "https".equals(scheme);
    int port = uri.getPort() >= 0 ? uri.getPort() : ssl ? 443 : 80;
    return new Target(uri.getHost(), port, ssl, null);
  }

  Target signedIn(String sessionToken) {
    return new Target(host, port, ssl, sessionToken);
  }

  String baseUrl() {
    return (ssl ? "https://" : "http://") + host + ":" + port;
  }

  WebSocketConnectOptions webSocket() {
    return new WebSocketConnectOptions()
        .setHost(host)
        .setPort(port)
        .setSsl(ssl)
        .setURI("/ws?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }
}
