import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { followSavingStatus } from '../src/realtime/saving-status.js';

/** A ShareDB connection with one channel presence, just enough: what was subscribed and destroyed. */
function fakes() {
  const presence = Object.assign(new EventEmitter(), {
    subscribed: 0,
    destroyed: 0,
    subscribe(callback) { this.subscribed++; callback(null); },
    destroy(callback) { this.destroyed++; callback?.(); },
  });
  const connection = Object.assign(new EventEmitter(), {
    state: 'connected',
    channels: [],
    getPresence(channel) { this.channels.push(channel); return presence; },
  });
  const changes = [];
  const status = followSavingStatus({ connection, docId: 'd1', onChange: (saving) => changes.push(saving) });
  return { presence, connection, changes, status };
}

describe('saving status', () => {
  it('subscribes to the document\'s status channel', () => {
    const { presence, connection } = fakes();
    assert.deepEqual(connection.channels, ['status.d1']);
    assert.equal(presence.subscribed, 1);
  });

  it('follows the server\'s announcements, reporting only changes', () => {
    const { presence, changes, status } = fakes();
    presence.emit('receive', 'store', { saving: true, unsaved: 3, since: 1700000000000 });
    presence.emit('receive', 'store', { saving: true, unsaved: 4, since: 1700000000000 }); // the next try
    assert.deepEqual(changes, [true]);
    assert.equal(status.saving, true);
    presence.emit('receive', 'store', { saving: false });
    assert.deepEqual(changes, [true, false]);
  });

  it('ignores other presence ids and values it does not know', () => {
    const { presence, changes } = fakes();
    presence.emit('receive', 'someone', { saving: true });
    presence.emit('receive', 'store', null);
    presence.emit('receive', 'store', { saving: 'yes' });
    assert.deepEqual(changes, []);
  });

  it('forgets saving when cut off: the "saved" announcement may be missed meanwhile', () => {
    const { presence, connection, changes } = fakes();
    presence.emit('receive', 'store', { saving: true, unsaved: 1, since: 1 });
    connection.emit('state', 'disconnected');
    assert.deepEqual(changes, [true, false]);
    connection.emit('state', 'connected');
    presence.emit('receive', 'store', { saving: true, unsaved: 1, since: 1 }); // repeated on the next try
    assert.deepEqual(changes, [true, false, true]);
  });

  it('survives a refused subscription', () => {
    const presence = Object.assign(new EventEmitter(), { subscribe(callback) { callback({ code: 'ERR_FORBIDDEN' }); } });
    const connection = Object.assign(new EventEmitter(), { getPresence: () => presence });
    const status = followSavingStatus({ connection, docId: 'd1', onChange: () => {} });
    presence.emit('error', { code: 'ERR_FORBIDDEN' }); // as the stock client emits a refused resubscription
    assert.equal(status.saving, false);
  });

  it('ends with not saving and stops listening', () => {
    const { presence, connection, changes, status } = fakes();
    presence.emit('receive', 'store', { saving: true, unsaved: 1, since: 1 });
    status.stop();
    assert.deepEqual(changes, [true, false]);
    assert.equal(presence.destroyed, 1);
    presence.emit('receive', 'store', { saving: true, unsaved: 1, since: 1 });
    connection.emit('state', 'connected');
    assert.deepEqual(changes, [true, false]);
  });
});
