import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CHECK_SESSION_AFTER_FAILURES, CHECK_SESSION_EVERY_FAILURES, CLOSE_ACCESS_CHANGED, CLOSE_SESSION_ENDED, classifyClose,
  shouldCheckSession, watchSocket,
} from '../src/realtime/socket-watch.js';

/** Just enough of reconnecting-websocket: listeners, close(), and events the test fires. */
class FakeSocket {
  constructor() { this.listeners = { open: [], close: [] }; this.closeCalls = 0; }
  addEventListener(type, fn) { this.listeners[type].push(fn); }
  removeEventListener(type, fn) { this.listeners[type] = this.listeners[type].filter((f) => f !== fn); }
  close() { this.closeCalls++; }
  open() { for (const fn of this.listeners.open) fn({ type: 'open' }); }
  closed(code = 1006) { for (const fn of this.listeners.close) fn({ type: 'close', code }); }
}

function watch({ sessionValid = true } = {}) {
  const socket = new FakeSocket();
  const events = { ended: 0, accessChanged: 0, checks: 0 };
  const watcher = watchSocket({
    socket,
    checkSession: async () => {
      events.checks++;
      if (sessionValid instanceof Error) throw sessionValid;
      return sessionValid;
    },
    onSessionEnded: () => { events.ended++; },
    onAccessChanged: () => { events.accessChanged++; },
  });
  return { socket, events, watcher };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('close codes', () => {
  it('tells the server\'s two codes apart from any other close', () => {
    assert.equal(CLOSE_SESSION_ENDED, 4401);
    assert.equal(CLOSE_ACCESS_CHANGED, 4403);
    assert.equal(classifyClose({ code: 4401 }), 'session-ended');
    assert.equal(classifyClose({ code: 4403 }), 'access-changed');
    for (const code of [1000, 1006, 1011, 4000, undefined]) assert.equal(classifyClose({ code }), 'other', String(code));
  });

  it('4401: stops reconnecting and ends the session, without asking the server', async () => {
    const { socket, events } = watch();
    socket.open();
    socket.closed(4401);
    await settle();
    assert.equal(socket.closeCalls, 1, 'reconnecting stopped');
    assert.deepEqual(events, { ended: 1, accessChanged: 0, checks: 0 });
  });

  it('4403: reports the access change and lets the socket reconnect', () => {
    const { socket, events } = watch();
    socket.open();
    socket.closed(4403);
    assert.equal(socket.closeCalls, 0);
    assert.deepEqual(events, { ended: 0, accessChanged: 1, checks: 0 });
  });
});

describe('failed reconnects', () => {
  it('checks the session after a few failures in a row, then now and again', () => {
    const checks = Array.from({ length: 14 }, (_, i) => i + 1).filter(shouldCheckSession);
    assert.deepEqual(checks, [CHECK_SESSION_AFTER_FAILURES, CHECK_SESSION_AFTER_FAILURES + CHECK_SESSION_EVERY_FAILURES,
      CHECK_SESSION_AFTER_FAILURES + 2 * CHECK_SESSION_EVERY_FAILURES]);
  });

  it('ends the session when the server says it is gone (the upgrade was refused with 401)', async () => {
    const { socket, events } = watch({ sessionValid: false });
    socket.open();
    socket.closed(1006); // a dropped connection: not a failure yet
    await settle();
    assert.equal(events.checks, 0);
    for (let i = 0; i < CHECK_SESSION_AFTER_FAILURES; i++) socket.closed(1000);
    await settle();
    assert.deepEqual(events, { ended: 1, accessChanged: 0, checks: 1 });
  });

  it('keeps reconnecting while the session is valid or the server cannot be reached', async () => {
    for (const sessionValid of [true, new Error('offline')]) {
      const { socket, events } = watch({ sessionValid });
      for (let i = 0; i < 10; i++) socket.closed(1006);
      await settle();
      assert.equal(events.ended, 0);
      assert.equal(events.checks, 2);
    }
  });

  it('starts counting again after a connection opened', async () => {
    const { socket, events } = watch({ sessionValid: false });
    socket.closed();
    socket.open();
    socket.closed();
    socket.closed();
    await settle();
    assert.equal(events.checks, 0, 'one failure, a success, one failure');
  });

  it('hears nothing once stopped', async () => {
    const { socket, events, watcher } = watch({ sessionValid: false });
    watcher.stop();
    socket.closed(4401);
    socket.closed(4403);
    for (let i = 0; i < 5; i++) socket.closed();
    await settle();
    assert.deepEqual(events, { ended: 0, accessChanged: 0, checks: 0 });
  });
});
