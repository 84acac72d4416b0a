import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTitleSaver } from '../src/title/title-saver.js';

/** Timers under the test's control: `fire()` runs what is due. */
function manualTimers() {
  const timers = new Map();
  let next = 1;
  return {
    setTimer: (fn) => { timers.set(next, fn); return next++; },
    clearTimer: (id) => timers.delete(id),
    fire() { const due = [...timers.values()]; timers.clear(); due.forEach((fn) => fn()); },
    get pending() { return timers.size; },
  };
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

function setup({ save, initialTitle = 'Old' } = {}) {
  const timers = manualTimers();
  const states = [];
  const saves = [];
  const saver = createTitleSaver({
    initialTitle,
    save: save ?? (async (title) => { saves.push(title); return { title }; }),
    onState: (s) => states.push(s.state),
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  return { saver, timers, states, saves };
}

describe('title saver', () => {
  it('saves once after typing pauses (debounce), with the last value', async () => {
    const { saver, timers, states, saves } = setup();
    saver.edit('N');
    saver.edit('Ne');
    saver.edit('New ');
    assert.equal(timers.pending, 1);
    assert.deepEqual(saves, []);
    timers.fire();
    await saver.flush();
    assert.deepEqual(saves, ['New']);
    assert.deepEqual(states, ['saving', 'saved']);
    assert.equal(saver.savedTitle, 'New');
  });

  it('saves at once on blur or Enter (flush) and cancels the timer', async () => {
    const { saver, timers, saves } = setup();
    saver.edit('Now');
    await saver.flush();
    assert.equal(timers.pending, 0);
    assert.deepEqual(saves, ['Now']);
  });

  it('does not save an unchanged title', async () => {
    const { saver, saves, states } = setup();
    saver.edit(' Old ');
    await saver.flush();
    assert.deepEqual(saves, []);
    assert.deepEqual(states, []);
  });

  it('refuses an empty title without calling the server', async () => {
    const { saver, saves, states } = setup();
    saver.edit('   ');
    await saver.flush();
    assert.deepEqual(saves, []);
    assert.deepEqual(states, ['invalid']);
  });

  it('keeps one save in flight; a newer title follows it', async () => {
    const pending = [];
    const { saver, states } = setup({ save: (title) => { const d = deferred(); pending.push({ title, d }); return d.promise; } });
    saver.edit('First');
    const first = saver.flush();
    saver.edit('Second');
    const second = saver.flush();
    assert.deepEqual(pending.map((p) => p.title), ['First']);
    pending[0].d.resolve({ title: 'First' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(pending.map((p) => p.title), ['First', 'Second']);
    pending[1].d.resolve({ title: 'Second' });
    await Promise.all([first, second]);
    assert.equal(saver.savedTitle, 'Second');
    assert.equal(states.at(-1), 'saved');
  });

  it('reports a failed save and tries again on the next flush', async () => {
    let fail = true;
    const { saver, states } = setup({ save: async (title) => { if (fail) throw Object.assign(new Error('x'), { code: 'ERR_NETWORK' }); return { title }; } });
    saver.edit('New');
    await saver.flush();
    assert.deepEqual(states, ['saving', 'failed']);
    assert.equal(saver.hasUnsavedEdit, true);
    fail = false;
    await saver.flush();
    assert.deepEqual(states, ['saving', 'failed', 'saving', 'saved']);
  });

  it('takes the server\'s title (a rename by someone else) only while the user is not editing', async () => {
    const { saver } = setup();
    assert.equal(saver.serverTitle('Renamed'), true);
    assert.equal(saver.savedTitle, 'Renamed');
    saver.edit('Mine');
    assert.equal(saver.serverTitle('Other'), false);
    assert.equal(saver.savedTitle, 'Renamed');
    saver.dispose();
  });
});
