import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OFFLINE_AFTER_FAILED_ATTEMPTS, countUnsent, describeConnection } from '../src/realtime/connection-status.js';

describe('connection status', () => {
  it('says connected once the handshake is done, whatever is still in flight', () => {
    assert.deepEqual(describeConnection({ state: 'connected', unsent: 0 }), { kind: 'connected', text: 'Connected', unsent: 0 });
    assert.equal(describeConnection({ state: 'connected', unsent: 2 }).kind, 'connected');
  });

  it('says saving while connected and the server waits for its store, with the unsent count', () => {
    const waiting = describeConnection({ state: 'connected', saving: true, unsent: 2 });
    assert.deepEqual(waiting, { kind: 'saving', unsent: 2, text: 'Saving… the server cannot reach its storage right now; '
      + 'your edits are kept and will be saved when it can (2 waiting)' });
    assert.equal(describeConnection({ state: 'connected', saving: true }).text,
      'Saving… the server cannot reach its storage right now; edits are kept and will be saved when it can');
    assert.equal(describeConnection({ state: 'connected', saving: false, unsent: 2 }).kind, 'connected');
  });

  it('lets being cut off or signed out win over saving', () => {
    assert.equal(describeConnection({ state: 'disconnected', saving: true, unsent: 1 }).kind, 'reconnecting');
    assert.equal(describeConnection({ state: 'disconnected', saving: true, browserOnline: false }).kind, 'offline');
    assert.equal(describeConnection({ state: 'connected', saving: true, sessionEnded: true }).kind, 'signed-out');
  });

  it('says connecting before the first connection', () => {
    assert.deepEqual(describeConnection({ state: 'connecting', everConnected: false }),
      { kind: 'connecting', text: 'Connecting…', unsent: 0 });
  });

  it('says reconnecting after losing the socket, with the unsent count', () => {
    assert.equal(describeConnection({ state: 'disconnected' }).text, 'Reconnecting…');
    const status = describeConnection({ state: 'disconnected', unsent: 1, failedAttempts: 1 });
    assert.deepEqual(status, { kind: 'reconnecting', text: 'Reconnecting… 1 unsent change', unsent: 1 });
    assert.equal(describeConnection({ state: 'connecting', unsent: 4 }).text, 'Reconnecting… 4 unsent changes');
  });

  it('says offline when the browser is offline', () => {
    assert.deepEqual(describeConnection({ state: 'disconnected', browserOnline: false }),
      { kind: 'offline', text: 'Offline', unsent: 0 });
    assert.equal(describeConnection({ state: 'disconnected', browserOnline: false, unsent: 3 }).text,
      'Offline, 3 unsent changes (kept, sent when back online)');
  });

  it('says offline after several failed attempts in a row, even if the browser thinks it is online', () => {
    assert.equal(describeConnection({ state: 'disconnected', failedAttempts: OFFLINE_AFTER_FAILED_ATTEMPTS - 1 }).kind,
      'reconnecting');
    const status = describeConnection({ state: 'disconnected', failedAttempts: OFFLINE_AFTER_FAILED_ATTEMPTS, unsent: 2 });
    assert.equal(status.kind, 'offline');
    assert.match(status.text, /2 unsent changes/);
  });

  it('counts the op in flight and the queued ones', () => {
    assert.equal(countUnsent({ inflightOp: null, pendingOps: [] }), 0);
    assert.equal(countUnsent({ inflightOp: { op: [] }, pendingOps: [] }), 1);
    assert.equal(countUnsent({ inflightOp: { op: [] }, pendingOps: [{}, {}] }), 3);
    assert.equal(countUnsent({ inflightOp: null, pendingOps: [{}] }), 1);
  });

  it('says signed out once the session ended, keeping the unsent count', () => {
    assert.deepEqual(describeConnection({ state: 'disconnected', sessionEnded: true }),
      { kind: 'signed-out', text: 'Signed out', unsent: 0 });
    assert.equal(describeConnection({ state: 'disconnected', sessionEnded: true, unsent: 2, browserOnline: false }).text,
      'Signed out, 2 unsent changes (kept, sent after signing in)');
  });
});
