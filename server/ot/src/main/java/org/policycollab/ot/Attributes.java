package org.policycollab.ot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The formatting of an op: attribute names to JSON values, where a JSON {@code null} value means "remove
 * this attribute" and must survive composition with retains and every JSON round trip. Immutable; values
 * are normalized by {@link JsonValues#normalize} so that equality is quill-delta's deep equality.
 *
 * <p>The static functions are quill-delta 4.2.2's {@code AttributeMap}, line for line in behaviour.
 */
public final class Attributes {
  public static final Attributes NONE = new Attributes(Map.of());

  private final Map<String, JsonNode> values;

  private Attributes(Map<String, JsonNode> values) {
    this.values = values;
  }

  /** Attributes from already normalized values; the map is copied. */
  private static Attributes trusted(Map<String, JsonNode> values) {
    return values.isEmpty()
        ? NONE
        : new Attributes(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
  }

  /** Attributes with the given values (a Java {@code null} or {@link NullNode} value means "remove"). */
  public static Attributes of(Map<String, ? extends JsonNode> values) {
    Map<String, JsonNode> normalized = new LinkedHashMap<>();
    values.forEach(
        (name, value) ->
            normalized.put(
                requireName(name),
                value == null ? NullNode.getInstance() : JsonValues.normalize(value)));
    return trusted(normalized);
  }

  /**
   * One attribute; {@code value} may be a {@link JsonNode}, {@link String}, {@link Boolean}, {@link
   * Number} or {@code null} (remove).
   */
  public static Attributes of(String name, Object value) {
    return of(Map.of(requireName(name), toJson(value)));
  }

  /** Two attributes, as {@link #of(String, Object)}. */
  public static Attributes of(String name1, Object value1, String name2, Object value2) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    values.put(requireName(name1), toJson(value1));
    values.put(requireName(name2), toJson(value2));
    return of(values);
  }

  private static String requireName(String name) {
    if (name == null) {
      throw new OtException("attribute names must be strings");
    }
    return name;
  }

  private static JsonNode toJson(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    } else if (value instanceof JsonNode node) {
      return node;
    } else if (value instanceof String text) {
      return JsonValues.NODES.textNode(text);
    } else if (value instanceof Boolean flag) {
      return JsonValues.NODES.booleanNode(flag);
    } else if (value instanceof Long || value instanceof Integer) {
      return JsonValues.NODES.numberNode(((Number) value).longValue());
    } else if (value instanceof Number number) {
      return JsonValues.NODES.numberNode(number.doubleValue());
    }
    throw new OtException("unsupported attribute value type: " + value.getClass().getSimpleName());
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public int size() {
    return values.size();
  }

  public Set<String> names() {
    return values.keySet();
  }

  /** Whether the attribute is present, even with a {@code null} ("remove") value. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The value, {@link NullNode} for "remove", Java {@code null} when absent. Read-only copy. */
  public JsonNode get(String name) {
    JsonNode value = values.get(name);
    return value == null ? null : JsonValues.readOnlyView(value);
  }

  /** A read-only view, for codecs; container values must not be modified. */
  public Map<String, JsonNode> asMap() {
    return values;
  }

  /**
   * The attributes of {@code b} applied over {@code a}. {@code keepNull} keeps {@code b}'s removals
   * (composing two retains); over an insert they are dropped, since there is nothing left to remove.
   */
  public static Attributes compose(Attributes a, Attributes b, boolean keepNull) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    b.values.forEach(
        (name, value) -> {
          if (keepNull || !value.isNull()) {
            result.put(name, value);
          }
        });
    a.values.forEach(
        (name, value) -> {
          if (!b.values.containsKey(name)) {
            result.put(name, value);
          }
        });
    return trusted(result);
  }

  /** What turns {@code a} into {@code b}: changed values, and {@code null} for names {@code b} lacks. */
  public static Attributes diff(Attributes a, Attributes b) {
    Set<String> names = new LinkedHashSet<>(a.values.keySet());
    names.addAll(b.values.keySet());
    Map<String, JsonNode> result = new LinkedHashMap<>();
    for (String name : names) {
      JsonNode before = a.values.get(name);
      JsonNode after = b.values.get(name);
      if (before == null ? after != null : !before.equals(after)) {
        result.put(name, after == null ? NullNode.getInstance() : after);
      }
    }
    return trusted(result);
  }

  /**
   * What undoes {@code attr} applied over {@code base}. Like quill-delta this compares values with
   * JavaScript's {@code ===}, so object values always count as changed and are restored.
   */
  public static Attributes invert(Attributes attr, Attributes base) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    base.values.forEach(
        (name, value) -> {
          JsonNode changed = attr.values.get(name);
          if (changed != null && !JsonValues.strictEquals(value, changed)) {
            result.put(name, value);
          }
        });
    attr.values.forEach(
        (name, value) -> {
          if (!base.values.containsKey(name)) {
            result.put(name, NullNode.getInstance());
          }
        });
    return trusted(result);
  }

  /**
   * {@code b}'s attributes rebased over {@code a}'s, both applied to the same text. With {@code
   * priority} ({@code a} came first) {@code a}'s names win, a {@code null} in {@code a} included;
   * without it {@code b} simply overwrites.
   */
  public static Attributes transform(Attributes a, Attributes b, boolean priority) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return NONE;
    }
    if (!priority) {
      return b;
    }
    Map<String, JsonNode> result = new LinkedHashMap<>();
    b.values.forEach(
        (name, value) -> {
          if (!a.values.containsKey(name)) {
            result.put(name, value);
          }
        });
    return trusted(result);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof Attributes that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
