/**
 * Whether the server is waiting for its store to take one document's edits. The server announces it
 * on the presence channel `status.<docId>`: presence id `store`, value {saving: true, unsaved, since}
 * while a write is slow or failing (repeated on every try, so that a late subscriber learns it too),
 * then {saving: false} once everything is written. This client only subscribes: the server refuses
 * anything published there, and only the document's readers may subscribe.
 */
export const STATUS_CHANNEL_PREFIX = 'status.';
const STORE_PRESENCE_ID = 'store';

/** `onChange(saving)` with true or false whenever that changes; `stop()` ends with false. */
export function followSavingStatus({ connection, docId, onChange }) {
  const presence = connection.getPresence(STATUS_CHANNEL_PREFIX + docId);
  let saving = false;

  function set(next) {
    if (next === saving) return;
    saving = next;
    onChange(saving);
  }

  function onReceive(id, value) {
    if (id === STORE_PRESENCE_ID) set(value?.saving === true);
  }

  function onState(state) {
    // Cut off, the "saved" announcement may be missed. The stock client subscribes again on
    // reconnect, and a save still waiting is announced again within its next try.
    if (state !== 'connected') set(false);
  }

  function onPresenceError() {
    // A refused subscription (access gone, or checking it needed the store) leaves the plain
    // connection state, which is still true; the next reconnect subscribes again.
  }

  presence.on('receive', onReceive);
  presence.on('error', onPresenceError);
  connection.on('state', onState);
  presence.subscribe((err) => { if (err) onPresenceError(err); });

  return {
    get saving() { return saving; },
    stop() {
      presence.off('receive', onReceive);
      connection.off('state', onState);
      presence.destroy(() => presence.off('error', onPresenceError));
      set(false);
    },
  };
}
