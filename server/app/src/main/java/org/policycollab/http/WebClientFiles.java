package org.policycollab.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;

/**
 * The browser editor's files: from the jar ({@code webroot/}, put there by the Maven build from {@code
 * web-client/dist}), or from a directory given with {@code --web-root} (for working on the client).
 * Vite names every asset after its content, so those may be cached for good; the page itself never is,
 * so a new release reaches browsers on their next load.
 */
final class WebClientFiles {
  static final String PACKED = "webroot";
  private static final int A_YEAR = 365 * 24 * 3600;

  private WebClientFiles() {}

  /** Whether this jar carries the web client (a build with {@code -Dweb.skip} does not). */
  static boolean packed() {
    return WebClientFiles.class.getClassLoader().getResource(PACKED + "/index.html") != null;
  }

  static void mount(Router router, Path directory) {
    router.route("/assets/*").handler(files(directory).setCachingEnabled(true).setMaxAgeSeconds(A_YEAR));
    router.route("/*").handler(files(directory).setCachingEnabled(false));
  }

  private static StaticHandler files(Path directory) {
    StaticHandler handler = directory == null
        ? StaticHandler.create(FileSystemAccess.RELATIVE, PACKED)
        : StaticHandler.create(FileSystemAccess.ROOT, directory.toAbsolutePath().toString());
    return handler.setIndexPage("index.html").setDirectoryListing(false).setIncludeHidden(false);
  }
}
