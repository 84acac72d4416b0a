/**
 * Doc presence through the server, with the stock client's DocPresence: B sees the range A submits; A's
 * edits before and inside the range move and stretch B's view of it (rich-text transformPresence, applied
 * by B's client as the op arrives); a client that subscribes later gets A's current range (the server
 * forwards its `pr` request, A re-sends); when A's socket closes, B gets A's presence cleared (`null`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  TEST_TIMEOUT_MS, checkClientLog, chooseSeed, clone, closeAllClients, connect, createDoc, docText, reportingSeed, submitOp,
  submitPresence, subscribe, subscribePresence, waitFor,
} from './client.mjs';
import { armWatchdog, startServer } from './server.mjs';

const seed = chooseSeed();
armWatchdog(150, 'presence.test.mjs');

describe('presence', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { closeAllClients(); await server?.close(); });

  it(`a remote range follows edits and is cleared on disconnect (seed ${seed})`, { timeout: TEST_TIMEOUT_MS },
    (t) => reportingSeed(seed, async () => {
      const id = `presence-${seed}-${Date.now()}`;
      const a = await connect(server.wsUrl, 'A');
      const b = await connect(server.wsUrl, 'B');
      const docA = a.doc(id);
      const docB = b.doc(id);
      await subscribe(docA);
      await createDoc(docA, [{ insert: 'Tallinn–Helsinki 🚢 ferry\n' }]);
      await subscribe(docB);
      await waitFor(() => docB.type, 'B to see the document');

      const presenceA = a.conn.getDocPresence('docs', id);
      const presenceB = b.conn.getDocPresence('docs', id);
      await subscribePresence(presenceA);
      await subscribePresence(presenceB);
      const seenByB = []; // [presenceId, value] in arrival order
      presenceB.on('receive', (pid, value) => seenByB.push([pid, clone(value)]));
      const errorsB = [];
      presenceB.on('error', (err) => errorsB.push(err));

      const mine = presenceA.create(`alice-${seed}`);
      const pid = mine.presenceId;
      const viewOfB = () => JSON.stringify(presenceB.remotePresences[pid]);
      const expectB = (range, what) => waitFor(() => viewOfB() === JSON.stringify(range),
        () => `B to see A's range ${JSON.stringify(range)} ${what}; it sees ${viewOfB()}`);

      // "Helsinki" is [8, 16).
      await submitPresence(mine, { index: 8, length: 8 });
      await expectB({ index: 8, length: 8 }, 'after A submits it');

      // An insert before the range moves it: "Ääni 🙂 " is 8 UTF-16 units (the emoji counts 2).
      await submitOp(docA, [{ retain: 3 }, { insert: 'Ääni 🙂 ', attributes: { bold: true } }]);
      await waitFor(() => docB.version === docA.version, 'B to receive the op');
      await expectB({ index: 16, length: 8 }, 'after an 8-unit insert at 3');

      // An insert inside it stretches it; a delete before it pulls it back.
      await submitOp(docA, [{ retain: 20 }, { insert: 'ø' }]);
      await expectB({ index: 16, length: 9 }, 'after a 1-unit insert inside');
      await submitOp(docA, [{ delete: 5 }]);
      await expectB({ index: 11, length: 9 }, 'after deleting 5 units before it');
      assert.equal(docText(docB.data).slice(11, 20), 'Helsøinki', 'B\'s text under A\'s range');
      assert.deepEqual(mine.value, { index: 11, length: 9 }, 'A\'s own view of its range');

      // A latecomer asks for presence when it subscribes, and gets A's current range.
      const c = await connect(server.wsUrl, 'C');
      await subscribe(c.doc(id));
      const presenceC = c.conn.getDocPresence('docs', id);
      await subscribePresence(presenceC);
      await waitFor(() => JSON.stringify(presenceC.remotePresences[pid]) === JSON.stringify({ index: 11, length: 9 }),
        () => `C to get A's range on subscribing; it sees ${JSON.stringify(presenceC.remotePresences)}`);

      // A goes away: B is told its presence is gone.
      const before = seenByB.length;
      a.drop();
      await waitFor(() => seenByB.slice(before).some(([p, v]) => p === pid && v === null),
        () => `B to receive null for A's presence after A disconnected; got ${JSON.stringify(seenByB.slice(before))}`);
      assert.equal(presenceB.remotePresences[pid], undefined, 'A\'s presence is removed from B\'s map');
      assert.deepEqual(errorsB, [], 'presence errors on B');
      checkClientLog(t, true);
    }));
});
