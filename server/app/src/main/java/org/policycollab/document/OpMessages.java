package org.policycollab.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.policycollab.json.Json;
import org.policycollab.ot.Delta;
import org.policycollab.ot.DeltaJson;
import org.policycollab.store.Snapshot;
import org.policycollab.store.StoredOp;

/** The wire form of committed ops and snapshots, as the stock ShareDB client reads them. */
public final class OpMessages {
  private OpMessages() {}

  /**
   * {@code {"a":"op","c","d","v","src","seq", op | create | del}}. The op goes out as a plain array:
   * every client reads both forms, and application code listening to {@code doc.on('op')} often
   * iterates it, as it can with what the stock server sends for untransformed ops.
   */
  static String wire(String collection, StoredOp op) {
    ObjectNode message = Json.object();
    message.put("a", "op");
    message.put("c", collection);
    message.put("d", op.docId());
    message.put("v", op.version());
    message.put("src", op.src());
    message.put("seq", op.seq());
    if (op.isEdit()) {
      message.set("op", op.op().isArray() ? op.op() : op.op().get("ops"));
    } else if (op.isCreate()) {
      ObjectNode create = message.putObject("create");
      create.put("type", op.createType());
      if (op.createData() != null && !op.createData().isNull()) {
        create.set("data", op.createData()); // absent when its creator gave none, as ShareDB sends it
      }
    } else {
      message.put("del", true);
    }
    return Json.write(message);
  }

  /**
   * {@code {"v","type","data"}}; a missing or deleted document has {@code "type": null} written out,
   * since an absent type means json0 to the client.
   */
  public static ObjectNode snapshot(long version, String type, Delta data) {
    ObjectNode snapshot = Json.object();
    snapshot.put("v", version);
    if (type == null) {
      snapshot.set("type", NullNode.getInstance());
    } else {
      snapshot.put("type", type);
      snapshot.set("data", DeltaJson.write(data));
    }
    return snapshot;
  }

  /** The wire snapshot of a stored one. */
  public static ObjectNode snapshot(Snapshot stored) {
    ObjectNode snapshot = Json.object();
    snapshot.put("v", stored.version());
    if (stored.exists()) {
      snapshot.put("type", stored.type());
      JsonNode data = stored.data();
      snapshot.set("data", data == null ? DeltaJson.write(Delta.EMPTY) : data);
    } else {
      snapshot.set("type", NullNode.getInstance());
    }
    return snapshot;
  }
}
