package org.policycollab.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.policycollab.accounts.SessionTokens;
import org.policycollab.cluster.ClusterOptions;
import org.policycollab.document.Limits;

/**
 * The server's settings, read once from command-line flags and their environment equivalents (a flag
 * wins over the environment). Validated here so that nothing later has to.
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    boolean inMemory,
    String mongoUri,
    int eventLoops,
    ClusterOptions cluster,
    Path webRoot,
    List<String> allowedOrigins,
    AccountSettings accounts,
    boolean jsonLogs,
    Limits limits) {

  public ServerConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /** A single node with the default number of event loops. */
  public ServerConfig(String host, int port, Path dataDir, boolean inMemory, String mongoUri) {
    this(host, port, dataDir, inMemory, mongoUri, defaultEventLoops(), ClusterOptions.NONE, null, List.of(), AccountSettings.DEFAULT, false, Limits.DEFAULT);
  }

  /** A single node. */
  public ServerConfig(String host, int port, Path dataDir, boolean inMemory, String mongoUri, int eventLoops) {
    this(host, port, dataDir, inMemory, mongoUri, eventLoops, ClusterOptions.NONE, null, List.of(), AccountSettings.DEFAULT, false, Limits.DEFAULT);
  }

  /** The same settings with other account settings (tests give an admin password or short sessions). */
  public ServerConfig withAccounts(AccountSettings settings) {
    return new ServerConfig(host, port, dataDir, inMemory, mongoUri, eventLoops, cluster, webRoot, allowedOrigins, settings, jsonLogs, limits);
  }

  /**
   * One event loop per two cores, at least one. The documents' hub shares the first loop with the
   * WebSocket edge, so on a small machine an edit from socket to store and back stays on one thread,
   * and the other cores are left to the store driver, the garbage collector and the JIT.
   */
  public static int defaultEventLoops() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /** Flags, their environment variables and help text; one table so that --help cannot drift. */
  private enum Flag {
    PORT("--port", "COLLAB_PORT", "port to listen on (default 8080)"),
    HOST("--host", "COLLAB_HOST", "address to listen on (default 0.0.0.0)"),
    DATA_DIR("--data-dir", "COLLAB_DATA_DIR", "directory of the embedded store (default ./data)"),
    IN_MEMORY("--in-memory", "COLLAB_IN_MEMORY", "keep nothing: an in-memory store, for trials and tests", true),
    MONGO_URI(
        "--mongo-uri",
        "COLLAB_MONGO_URI",
        "an external MongoDB (database from the URI, 'collab' when none); else the embedded store"),
    EVENT_LOOPS(
        "--event-loops",
        "COLLAB_EVENT_LOOPS",
        "threads serving WebSockets and documents (default: one per two cores, at least one)"),
    ALLOWED_ORIGINS(
        "--allowed-origins",
        "COLLAB_ALLOWED_ORIGINS",
        "other pages that may open the WebSocket: https://a.example,https://b.example (own host always may)"),
    MAX_UNSAVED_OPS(
        "--max-unsaved-ops",
        "COLLAB_MAX_UNSAVED_OPS",
        "edits this node holds while the store is unreachable, before refusing new ones (default "
            + Limits.DEFAULT_MAX_UNSAVED_OPS + ")"),
    LOG_FORMAT("--log-format", "COLLAB_LOG_FORMAT", "text (default) or json: one JSON object a line, with doc and user fields"),
    SESSION_LIFETIME(
        "--session-lifetime",
        "COLLAB_SESSION_LIFETIME",
        "seconds a sign-in lasts before the user signs in again (default 43200, 12 hours)"),
    WEB_ROOT(
        "--web-root",
        "COLLAB_WEB_ROOT",
        "serve the web client from this directory (e.g. web-client/dist) instead of the jar's copy"),
    CLUSTER(
        "--cluster",
        "COLLAB_CLUSTER",
        "join a cluster of nodes sharing one MongoDB (--mongo-uri); any node serves any document",
        true),
    CLUSTER_MEMBERS(
        "--cluster-members",
        "COLLAB_CLUSTER_MEMBERS",
        "other members to find, host:port,host:port (TCP/IP; multicast stays off)"),
    CLUSTER_PORT("--cluster-port", "COLLAB_CLUSTER_PORT", "Hazelcast port of this member (default 5701)"),
    CLUSTER_HOST(
        "--cluster-host",
        "COLLAB_CLUSTER_HOST",
        "address the other members reach this one at (default: chosen by Hazelcast)"),
    CLUSTER_CONFIG(
        "--cluster-config",
        "COLLAB_CLUSTER_CONFIG",
        "a Hazelcast XML or YAML file that replaces the cluster settings above");

    final String flag;
    final String env;
    final String help;
    /** A switch: given alone it means true, and it takes a value only as --flag=value. */
    final boolean isSwitch;

    Flag(String flag, String env, String help) {
      this(flag, env, help, false);
    }

    Flag(String flag, String env, String help, boolean isSwitch) {
      this.flag = flag;
      this.env = env;
      this.help = help;
      this.isSwitch = isSwitch;
    }
  }

  /** Thrown for bad flags; the message is for the person at the terminal. */
  public static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
      super(message);
    }
  }

  public static String help() {
    StringBuilder help =
        new StringBuilder("Usage: java -jar collab-server.jar [options]\n\nOptions:\n");
    for (Flag flag : Flag.values()) {
      help.append(String.format("  %-18s %-24s %s%n", flag.flag, "(" + flag.env + ")", flag.help));
    }
    help.append(String.format("  %-18s %-24s %s%n", "--help", "", "show this help"));
    help.append("\nSecrets, from the environment only (flags show in process lists):\n");
    help.append(String.format("  %-43s %s%n", "COLLAB_ADMIN_PASSWORD",
        "password of the administrator 'admin' created on first start (else generated and logged once)"));
    help.append(String.format("  %-43s %s%n", "COLLAB_SESSION_KEY",
        "secret that signs session tokens; the same on every cluster node (else kept in the data dir)"));
    return help.toString();
  }

  /** Whether the arguments ask for help. */
  public static boolean wantsHelp(String[] args) {
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  public static ServerConfig parse(String[] args, Map<String, String> env) {
    Map<Flag, String> values = new java.util.EnumMap<>(Flag.class);
    for (Flag flag : Flag.values()) {
      String value = env.get(flag.env);
      if (value != null && !value.isBlank()) {
        values.put(flag, value.trim());
      }
    }
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      Flag flag = flagNamed(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
      if (flag.isSwitch) {
        values.put(flag, arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "true");
      } else if (arg.contains("=")) {
        values.put(flag, arg.substring(arg.indexOf('=') + 1));
      } else if (rest.isEmpty()) {
        throw new ConfigException(arg + " needs a value");
      } else {
        values.put(flag, rest.remove(0));
      }
    }
    boolean inMemory = parseBoolean("--in-memory", values.getOrDefault(Flag.IN_MEMORY, "false"));
    String mongoUri = values.get(Flag.MONGO_URI);
    if (inMemory && mongoUri != null) {
      throw new ConfigException("--in-memory and --mongo-uri exclude each other");
    }
    if (mongoUri != null && !mongoUri.startsWith("mongodb://") && !mongoUri.startsWith("mongodb+srv://")) {
      throw new ConfigException("--mongo-uri must start with mongodb:// or mongodb+srv://");
    }
    return new ServerConfig(
        values.getOrDefault(Flag.HOST, "0.0.0.0"),
        parseNumber("--port", values.getOrDefault(Flag.PORT, "8080"), 0, 65535),
        Path.of(values.getOrDefault(Flag.DATA_DIR, "data")).toAbsolutePath().normalize(),
        inMemory,
        mongoUri,
        values.containsKey(Flag.EVENT_LOOPS)
            ? parseNumber("--event-loops", values.get(Flag.EVENT_LOOPS), 1, 256)
            : defaultEventLoops(),
        cluster(values, mongoUri),
        webRoot(values.get(Flag.WEB_ROOT)),
        origins(values.getOrDefault(Flag.ALLOWED_ORIGINS, "")),
        new AccountSettings(
            blankToNull(env.get("COLLAB_ADMIN_PASSWORD")),
            blankToNull(env.get("COLLAB_SESSION_KEY")),
            parseNumber("--session-lifetime",
                values.getOrDefault(Flag.SESSION_LIFETIME, Integer.toString(SessionTokens.DEFAULT_LIFETIME_SECONDS)), 1, 30 * 24 * 3600)),
        logFormat(values.getOrDefault(Flag.LOG_FORMAT, "text")),
        Limits.DEFAULT.withMaxUnsavedOps(parseNumber("--max-unsaved-ops",
            values.getOrDefault(Flag.MAX_UNSAVED_OPS, Integer.toString(Limits.DEFAULT_MAX_UNSAVED_OPS)), 1, 10_000_000)));
  }

  /** Whether the log is JSON lines. */
  private static boolean logFormat(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "text" -> false;
      case "json" -> true;
      default -> throw new ConfigException("--log-format takes text or json, got " + value);
    };
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Origins as browsers send them: scheme://host[:port], nothing after. */
  private static List<String> origins(String value) {
    return commaList("--allowed-origins", value, "https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?/?", "scheme://host[:port],...");
  }

  /** A comma-separated list, blanks ignored, each item matching {@code pattern} or a message saying {@code form}. */
  private static List<String> commaList(String flag, String value, String pattern, String form) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      String trimmed = item.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!trimmed.matches(pattern)) {
        throw new ConfigException(flag + " takes " + form + "; got " + trimmed);
      }
      items.add(trimmed);
    }
    return items;
  }

  private static Path webRoot(String value) {
    if (value == null) {
      return null;
    }
    Path directory = Path.of(value).toAbsolutePath().normalize();
    if (!java.nio.file.Files.isRegularFile(directory.resolve("index.html"))) {
      throw new ConfigException("--web-root: no index.html in " + directory + " (build it: cd web-client && npm run build)");
    }
    return directory;
  }

  private static ClusterOptions cluster(Map<Flag, String> values, String mongoUri) {
    boolean enabled = parseBoolean("--cluster", values.getOrDefault(Flag.CLUSTER, "false"));
    if (!enabled) {
      for (Flag flag : List.of(Flag.CLUSTER_MEMBERS, Flag.CLUSTER_PORT, Flag.CLUSTER_HOST, Flag.CLUSTER_CONFIG)) {
        if (values.containsKey(flag)) {
          throw new ConfigException(flag.flag + " needs --cluster");
        }
      }
      return ClusterOptions.NONE;
    }
    if (mongoUri == null) {
      // Each node's embedded store would hold its own copy of every document, and they would part ways.
      throw new ConfigException("--cluster needs a MongoDB all nodes share: give --mongo-uri");
    }
    List<String> members = commaList("--cluster-members", values.getOrDefault(Flag.CLUSTER_MEMBERS, ""),
        "[A-Za-z0-9._\\-]+(:\\d{1,5})?", "host:port,host:port");
    int port = parseNumber(
        "--cluster-port", values.getOrDefault(Flag.CLUSTER_PORT, Integer.toString(ClusterOptions.DEFAULT_PORT)), 1, 65535);
    String host = values.get(Flag.CLUSTER_HOST);
    Path configFile = null;
    if (values.containsKey(Flag.CLUSTER_CONFIG)) {
      configFile = Path.of(values.get(Flag.CLUSTER_CONFIG)).toAbsolutePath().normalize();
      String name = configFile.getFileName().toString();
      if (!java.nio.file.Files.isReadable(configFile)) {
        throw new ConfigException("--cluster-config: cannot read " + configFile);
      }
      if (!name.matches(".*\\.(xml|yaml|yml)")) {
        throw new ConfigException("--cluster-config must be a .xml, .yaml or .yml file; got " + name);
      }
    }
    return new ClusterOptions(true, members, port, host, configFile);
  }

  private static Flag flagNamed(String name) {
    for (Flag flag : Flag.values()) {
      if (flag.flag.equals(name)) {
        return flag;
      }
    }
    throw new ConfigException("unknown option " + name + " (see --help)");
  }

  /** A whole number from {@code min} to {@code max}, or a message naming the flag. */
  private static int parseNumber(String flag, String value, int min, int max) {
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new ConfigException(flag + " must be a number from " + min + " to " + max + ", got " + value);
  }

  private static boolean parseBoolean(String flag, String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new ConfigException(flag + " takes true or false, got " + value);
    };
  }
}
