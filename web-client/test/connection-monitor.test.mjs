import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { monitorConnection } from '../src/realtime/connection-monitor.js';

/** A ShareDB connection (state + 'state' events), a socket and a window, each just enough. */
function fakes() {
  const connection = Object.assign(new EventEmitter(), { state: 'connected' });
  const socket = Object.assign(new EventTarget(), { retryCount: 0, reconnects: 0, reconnect() { this.reconnects++; } });
  const win = Object.assign(new EventTarget(), { navigator: { onLine: true } });
  const reports = [];
  const monitor = monitorConnection({ connection, socket, win, onChange: (status) => reports.push(status) });
  return { connection, socket, win, reports, monitor };
}

describe('connection monitor', () => {
  it('says signed out while the session has ended, and does not reconnect when the browser comes online', () => {
    const { connection, socket, win, reports, monitor } = fakes();
    monitor.watch({ inflightOp: {}, pendingOps: [{}] });
    connection.state = 'disconnected';
    monitor.setSessionEnded(true);
    assert.deepEqual(reports.at(-1), { kind: 'signed-out', text: 'Signed out, 2 unsent changes (kept, sent after signing in)', unsent: 2 });
    win.dispatchEvent(new Event('online'));
    assert.equal(socket.reconnects, 0, 'every attempt would be refused until the user signs in');
    monitor.setSessionEnded(false);
    win.dispatchEvent(new Event('online'));
    assert.equal(socket.reconnects, 1);
  });

  it('says saving while the server waits for its store, and connected again once it has saved', () => {
    const { reports, monitor } = fakes();
    monitor.watch({ inflightOp: {}, pendingOps: [{}] });
    monitor.setSaving(true);
    assert.equal(reports.at(-1).kind, 'saving');
    assert.match(reports.at(-1).text, /\(2 waiting\)$/);
    monitor.watch({ inflightOp: null, pendingOps: [] });
    monitor.setSaving(false);
    assert.equal(reports.at(-1).kind, 'connected');
  });

  it('stops counting a forgotten doc, and reports nothing once stopped', () => {
    const { connection, reports, monitor } = fakes();
    const doc = { inflightOp: {}, pendingOps: [] };
    monitor.watch(doc);
    assert.equal(monitor.unsent(), 1);
    monitor.forget(doc);
    assert.equal(monitor.unsent(), 0);
    monitor.stop();
    const count = reports.length;
    connection.emit('state', 'disconnected');
    assert.equal(reports.length, count);
  });
});
