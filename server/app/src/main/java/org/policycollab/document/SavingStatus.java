package org.policycollab.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import org.policycollab.json.Json;

/**
 * Tells a document's readers that their edits are waiting for the store: a presence from the server on
 * the channel {@code status.<docId>} (id {@code store}), {@code {"saving": true, "unsaved": n, "since":
 * ms}} while a write is slow or failing, repeated on every try so that newcomers learn it too, then
 * {@code {"saving": false}} once it is written. The stock ShareDB client sees it only when it subscribes
 * to that channel; the web client does, to say why "saving" lasts.
 */
final class SavingStatus {
  /** Readers' channel for a document's saving status. */
  static final String CHANNEL_PREFIX = "status.";

  private final String channel;
  private final Fanout fanout;
  private final Supplier<Long> clock;
  private long since;
  /** The number of the last announcement; clients ignore one numbered lower. */
  private long lastNumber;

  SavingStatus(String docId, Fanout fanout, Supplier<Long> clock) {
    this.channel = CHANNEL_PREFIX + docId;
    this.fanout = fanout;
    this.clock = clock;
  }

  /** {@code unsaved} edits of this document are waiting for the store. */
  void saving(int unsaved) {
    if (since == 0) {
      since = clock.get();
    }
    announce(Json.object().put("saving", true).put("unsaved", unsaved).put("since", since));
  }

  /** Everything is written; said only after {@link #saving}. */
  void saved() {
    if (since == 0) {
      return;
    }
    since = 0;
    announce(Json.object().put("saving", false));
  }

  private void announce(ObjectNode status) {
    // Numbered by the clock, not from 1: clients ignore a number lower than the last they saw, and the
    // next announcement may come from a new owner (after a restart, or from another node).
    lastNumber = Math.max(lastNumber + 1, clock.get());
    ObjectNode presence = Json.object().put("a", "p").put("ch", channel).put("id", "store").put("pv", lastNumber)
        .put("src", "server");
    presence.set("p", status);
    fanout.presence(channel, Json.write(presence), "server", "p");
  }
}
