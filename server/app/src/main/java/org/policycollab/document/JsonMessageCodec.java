package org.policycollab.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import org.policycollab.json.Json;

/**
 * Carries the requests and replies between agents and owners as JSON objects. Within one node the
 * object itself is handed over, not a copy: each side builds a message, sends it and never touches it
 * again, so sharing is safe and saves a serialise-and-parse on every edit. Between cluster nodes it
 * travels as length-prefixed JSON bytes.
 */
public final class JsonMessageCodec implements MessageCodec<ObjectNode, ObjectNode> {
  static final String NAME = "collab-json";

  /** Makes this the codec of every {@link ObjectNode} sent on {@code bus}; once per Vert.x instance is enough. */
  public static void register(EventBus bus) {
    try {
      bus.registerDefaultCodec(ObjectNode.class, new JsonMessageCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // Another hub or agent of this Vert.x instance got here first: the same codec is in place.
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, ObjectNode message) {
    Buffer json = Json.toBuffer(message);
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public ObjectNode decodeFromWire(int position, Buffer buffer) {
    int length = buffer.getInt(position);
    return Json.fromBuffer(buffer.slice(position + 4, position + 4 + length));
  }

  @Override
  public ObjectNode transform(ObjectNode message) {
    return message;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
