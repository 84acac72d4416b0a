package org.policycollab.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signed session tokens (JWT, HS256, {@link #DEFAULT_LIFETIME_SECONDS} unless configured). The key is the configured secret, or
 * one generated on first start and kept in the data directory ({@code session.key}, readable by the
 * server's user only), so that sessions survive a restart. Every node of a cluster needs the same key:
 * give it in the configuration there.
 */
public final class SessionTokens {
  public static final int DEFAULT_LIFETIME_SECONDS = 12 * 3600;
  private static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A valid token's user, its id, and when it was issued and stops being valid (ms since the epoch). */
  public record Verified(String username, String tokenId, long issuedAtMs, long expiresAtMs) {}

  private final JWTAuth jwt;
  private final int lifetimeSeconds;

  private SessionTokens(JWTAuth jwt, int lifetimeSeconds) {
    this.jwt = jwt;
    this.lifetimeSeconds = lifetimeSeconds;
  }

  /**
   * Blocking (it may create the key file): call at start-up, off the event loop. Without a key and a
   * data directory (a server that keeps nothing), the key lives as long as the process.
   */
  public static SessionTokens open(Vertx vertx, String configuredKey, Path dataDir, int lifetimeSeconds) {
    String key = configuredKey != null && !configuredKey.isBlank()
        ? configuredKey
        : dataDir == null ? randomKey() : keptKey(dataDir);
    JWTAuthOptions options =
        new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(key)));
    return new SessionTokens(JWTAuth.create(vertx, options), lifetimeSeconds);
  }

  private static String keptKey(Path dataDir) {
    Path file = dataDir.resolve("session.key");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      Files.createDirectories(dataDir);
      String key = randomKey();
      Files.writeString(file, key, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // A file system without POSIX permissions: the directory's protection is all there is.
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the session key in " + file, e);
    }
  }

  private static String randomKey() {
    byte[] bytes = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  public int lifetimeSeconds() {
    return lifetimeSeconds;
  }

  /** A token naming {@code username}. */
  public String issue(String username) {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    // iat in milliseconds too: a password changed in the same second as a sign-in must still end it.
    JsonObject claims = new JsonObject()
        .put("sub", username)
        .put("jti", Base64.getUrlEncoder().withoutPadding().encodeToString(id))
        .put("iatMs", System.currentTimeMillis());
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(lifetimeSeconds));
  }

  /** The username a valid, unexpired token names, and its expiry; fails for anything else. */
  public Future<Verified> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).map(user -> new Verified(
        user.principal().getString("sub"),
        user.principal().getString("jti", ""),
        user.principal().getLong("iatMs", 0L),
        expiry(user.attributes(), user.principal()) * 1000));
  }

  /** The token's {@code exp}: vertx-auth-jwt keeps the claims among the user's attributes. */
  private static long expiry(JsonObject attributes, JsonObject principal) {
    for (JsonObject claims : new JsonObject[] {attributes, attributes.getJsonObject("accessToken", new JsonObject()), principal}) {
      Object exp = claims.getValue("exp");
      if (exp instanceof Number number) {
        return number.longValue();
      }
    }
    throw new IllegalStateException("a verified token without an expiry");
  }
}
