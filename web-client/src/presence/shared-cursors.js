/**
 * Doc presence between this editor and the others in the document (ShareDB doc presence, which
 * transforms every range through concurrent edits on both ends):
 * - ours: `{index, length, name, color}` on every selection move we make, re-sent every 25 s (the
 *   server forgets a presence not heard of for 90 s) and after each reconnect; kept when the editor
 *   loses focus, so we stay "in the document" while reading or typing the title;
 * - theirs: a quill-cursors caret and selection with their name, in a colour distinct from everyone
 *   else's here (people.js), and the people list.
 */
import { buildPresenceValue, clampRange, readPresenceValue } from './presence-value.js';
import { peopleHere } from './people.js';

export const PRESENCE_HEARTBEAT_MS = 25_000;
/** Selection moves closer together than this are sent once, with the latest range. */
const SEND_COALESCE_MS = 60;
/**
 * A remote cursor that moves shows its name flag; quill-cursors then fades it out after its
 * hideDelayMs. Releasing the flag a moment later (not in the same frame) is what starts that delay.
 */
const FLAG_RELEASE_MS = 100;

export function shareCursors({ connection, doc, quill, cursors, getUser, onPeople = () => {},
  onError = () => {}, heartbeatMs = PRESENCE_HEARTBEAT_MS }) {
  const presence = connection.getDocPresence(doc.collection, doc.id);
  const local = presence.create(randomPresenceId());
  const others = new Map(); // presence id -> {index, length, name}
  const drawn = new Map(); // presence id -> {name, color} of its quill-cursors cursor
  const flagTimers = new Map(); // presence id -> timer that lets its name flag fade
  let pendingSend = null;

  /** Where we are: the live selection while the editor has focus, else our last (transformed) one. */
  function currentRange() {
    return quill.getSelection() ?? local.value ?? { index: 0, length: 0 };
  }

  function announce() {
    clearTimeout(pendingSend);
    pendingSend = null;
    if (!doc.type) return; // being reloaded: announced again on 'load'
    local.submit(buildPresenceValue(currentRange(), getUser()), (err) => { if (err) onError(err); });
  }

  function announceSoon() {
    if (pendingSend === null) pendingSend = setTimeout(announce, SEND_COALESCE_MS);
  }

  // Only moves the user makes: remote edits shift our range too, but both ends transform it already.
  function onSelectionChange(range, _oldRange, source) {
    if (range && source === 'user') announceSoon();
  }

  function onTextChange(_delta, _oldContents, source) {
    if (source === 'user') announceSoon();
  }

  function showFlagBriefly(id) {
    cursors.toggleFlag(id, true);
    clearTimeout(flagTimers.get(id));
    flagTimers.set(id, setTimeout(() => { flagTimers.delete(id); cursors.toggleFlag(id, false); }, FLAG_RELEASE_MS));
  }

  function forget(id) {
    clearTimeout(flagTimers.get(id));
    flagTimers.delete(id);
    others.delete(id);
    drawn.delete(id);
    cursors.removeCursor(id);
  }

  /** Lists the people and (re)creates every cursor whose name or colour changed. */
  function redraw() {
    const people = peopleHere({ me: getUser(), others: others.values() });
    const colorOf = new Map(people.map((person) => [person.name, person.color]));
    for (const [id, person] of others) {
      const color = colorOf.get(person.name);
      const shown = drawn.get(id);
      if (shown?.name === person.name && shown.color === color) continue;
      cursors.removeCursor(id); // createCursor keeps an existing cursor's name and colour
      cursors.createCursor(id, person.name, color);
      cursors.moveCursor(id, clampRange(person, quill.getLength()));
      drawn.set(id, { name: person.name, color });
    }
    onPeople(people);
  }

  function onReceive(id, value) {
    // While we are cut off, the stock client still moves its stale copies of the others through our
    // own edits and reports them; they re-announce themselves once we are back.
    if (connection.state !== 'connected') return;
    const person = readPresenceValue(value);
    const known = others.get(id);
    if (!person) {
      if (known) { forget(id); redraw(); }
      return;
    }
    others.set(id, person);
    if (known?.name !== person.name) redraw();
    cursors.moveCursor(id, clampRange(person, quill.getLength()));
    if (known?.index !== person.index || known?.length !== person.length) showFlagBriefly(id);
  }

  function onConnectionState(state) {
    if (state === 'connected') {
      announce(); // the server dropped our presence with the old socket
      return;
    }
    // Whoever left while we are cut off would stay forever: forget everyone, they re-announce when
    // we resubscribe.
    for (const id of [...others.keys()]) forget(id);
    redraw();
  }

  quill.on('selection-change', onSelectionChange);
  quill.on('text-change', onTextChange);
  presence.on('receive', onReceive);
  presence.on('error', onError);
  connection.on('state', onConnectionState);
  doc.on('load', announce);
  const heartbeat = setInterval(announce, heartbeatMs);

  presence.subscribe((err) => { if (err) onError(err); });
  announce();
  redraw();

  return {
    /** Sends our presence now, e.g. after the user changed their name (which may change colours). */
    announce() {
      announce();
      redraw();
    },
    destroy() {
      clearInterval(heartbeat);
      clearTimeout(pendingSend);
      for (const timer of flagTimers.values()) clearTimeout(timer);
      quill.off('selection-change', onSelectionChange);
      quill.off('text-change', onTextChange);
      presence.off('receive', onReceive);
      connection.off('state', onConnectionState);
      doc.off('load', announce);
      cursors.clearCursors();
      // Unsubscribes and sends our leave (a null presence); errors on the way out do not matter.
      presence.destroy(() => presence.off('error', onError));
    },
  };
}

/** Unguessable enough to keep two tabs apart; crypto.randomUUID needs a secure context, this does not. */
function randomPresenceId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
