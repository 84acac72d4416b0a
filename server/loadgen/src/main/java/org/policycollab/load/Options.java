package org.policycollab.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: {@code --name value} (or {@code --name=value}) flags and one workload name. Each
 * workload reads the flags it knows; {@link #rejectUnread} then refuses the rest, so that a mistyped
 * flag fails loudly instead of running with its default.
 */
final class Options {
  /** A command line that cannot run; the message says why. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  private final Map<String, String> flags;
  private final List<String> positional;
  private final Set<String> read = new HashSet<>();

  private Options(Map<String, String> flags, List<String> positional) {
    this.flags = flags;
    this.positional = positional;
  }

  static Options parse(String... args) {
    Map<String, String> flags = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (name.equals("help")) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("--" + name + " needs a value");
      }
      if (flags.put(name, value) != null) {
        throw new UsageException("--" + name + " given twice");
      }
    }
    return new Options(flags, positional);
  }

  List<String> positional() {
    return positional;
  }

  boolean has(String name) {
    read.add(name);
    return flags.containsKey(name);
  }

  String text(String name, String fallback) {
    read.add(name);
    return flags.getOrDefault(name, fallback);
  }

  String requiredText(String name) {
    String value = text(name, null);
    if (value == null || value.isEmpty()) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }

  long number(String name, long fallback, long min) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, not '" + value + "'");
    }
    if (parsed < min) {
      throw new UsageException("--" + name + " must be at least " + min);
    }
    return parsed;
  }

  int count(String name, int fallback, int min) {
    long value = number(name, fallback, min);
    if (value > Integer.MAX_VALUE) {
      throw new UsageException("--" + name + " is too large");
    }
    return (int) value;
  }

  double decimal(String name, double fallback, double minExclusive) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    double parsed;
    try {
      parsed = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, not '" + value + "'");
    }
    if (!(parsed > minExclusive) || Double.isInfinite(parsed)) {
      throw new UsageException("--" + name + " must be above " + minExclusive);
    }
    return parsed;
  }

  /** Refuses flags no one read: a typo, or a flag of another workload. */
  void rejectUnread() {
    for (String name : flags.keySet()) {
      if (!read.contains(name)) {
        throw new UsageException("unknown option --" + name + " for this workload");
      }
    }
  }
}
