package org.policycollab.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every HTTP response carries, so that a browser runs only this server's own code on its pages
 * and never shows them inside another site's frame.
 *
 * <p>The content security policy allows scripts, styles and images from this server only (the web
 * client bundles everything), inline style attributes (Quill and its cursors position elements with
 * them), and WebSocket connections to any host, for clients that rotate through a cluster's nodes.
 */
final class SecurityHeaders {
  static final String CONTENT_SECURITY_POLICY =
      String.join("; ",
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          "font-src 'self' data:",
          "connect-src 'self' ws: wss:",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'");

  private SecurityHeaders() {}

  static void add(RoutingContext context) {
    MultiMap headers = context.response().headers();
    headers.set("content-security-policy", CONTENT_SECURITY_POLICY);
    headers.set("x-content-type-options", "nosniff");
    headers.set("x-frame-options", "DENY");
    headers.set("referrer-policy", "no-referrer");
    headers.set("cross-origin-opener-policy", "same-origin");
    context.next();
  }
}
