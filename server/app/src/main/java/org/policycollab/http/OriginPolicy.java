package org.policycollab.http;

import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open the ShareDB WebSocket: a browser sends its page's {@code Origin}, and a page
 * of another site must not reach the documents with the user's cookies (cross-site WebSocket
 * hijacking). Allowed: no {@code Origin} at all (not a browser: scripts, the stock client in Node), a
 * page from this very host ({@code Origin} names the same host and port as {@code Host}), or an origin
 * listed with {@code --allowed-origins} (a page served elsewhere, or by another node of a cluster).
 */
final class OriginPolicy {
  private final Set<String> allowed;

  OriginPolicy(List<String> allowedOrigins) {
    this.allowed = allowedOrigins.stream().map(OriginPolicy::normalise).collect(Collectors.toUnmodifiableSet());
  }

  boolean allows(HttpServerRequest request) {
    String origin = request.getHeader("origin");
    if (origin == null) {
      return true;
    }
    String normalised = normalise(origin);
    if (allowed.contains(normalised)) {
      return true;
    }
    String host = request.authority() == null ? request.getHeader("host") : request.authority().toString();
    if (host == null) {
      return false;
    }
    try {
      URI page = URI.create(normalised);
      if (page.getHost() == null) {
        return false;
      }
      String pageAuthority = page.getPort() < 0 ? page.getHost() : page.getHost() + ":" + page.getPort();
      return pageAuthority.equalsIgnoreCase(withoutDefaultPort(host, page.getScheme()))
          || withoutDefaultPort(pageAuthority, page.getScheme()).equalsIgnoreCase(withoutDefaultPort(host, page.getScheme()));
    } catch (IllegalArgumentException e) {
      return false; // "null" (a sandboxed page) or garbage: not a page of ours
    }
  }

  private static String withoutDefaultPort(String authority, String scheme) {
    String port = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
    return authority.endsWith(port) ? authority.substring(0, authority.length() - port.length()) : authority;
  }

  private static String normalise(String origin) {
    String trimmed = origin.trim().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
