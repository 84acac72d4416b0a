/**
 * Saving the document title while it is typed: a pause of `delayMs` (debounce), leaving the field
 * (blur) or Enter saves; at most one PATCH is in flight, and a newer title waits for it and then goes
 * out. Timers are injectable so the unit tests run without waiting.
 *
 * States reported to `onState`: 'saving', 'saved', 'invalid' (empty), 'failed' (with the error).
 */

export function createTitleSaver({ save, initialTitle = '', delayMs = 800, onState = () => {},
  setTimer = setTimeout, clearTimer = clearTimeout }) {
  let savedTitle = initialTitle;
  let wantedTitle = initialTitle;
  let timer = null;
  let inFlight = null;
  let saveAgain = false;

  function cancelTimer() {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  function flush() {
    cancelTimer();
    const title = wantedTitle.trim();
    if (!title) {
      onState({ state: 'invalid' });
      return Promise.resolve();
    }
    if (inFlight) {
      saveAgain = true;
      return inFlight;
    }
    if (title === savedTitle) return Promise.resolve();
    onState({ state: 'saving' });
    // The executor runs now, so the request leaves at once; a throwing `save` becomes a failed save.
    inFlight = new Promise((resolve) => resolve(save(title)))
      .then((result) => {
        savedTitle = typeof result?.title === 'string' ? result.title : title;
        onState({ state: 'saved', title: savedTitle });
      }, (error) => {
        onState({ state: 'failed', error });
      })
      .finally(() => {
        inFlight = null;
        if (saveAgain) {
          saveAgain = false;
          return flush();
        }
        return undefined;
      });
    return inFlight;
  }

  return {
    /** The user typed: save once they pause. */
    edit(title) {
      wantedTitle = title;
      cancelTimer();
      timer = setTimer(() => { timer = null; flush(); }, delayMs);
    },
    /** Blur or Enter: save now. Resolves when the save (and any queued one) is done. */
    flush,
    /** The title as the server has it (e.g. renamed by someone else), unless the user is editing. */
    serverTitle(title) {
      if (timer === null && !inFlight && wantedTitle.trim() === savedTitle) {
        savedTitle = title;
        wantedTitle = title;
        return true;
      }
      return false;
    },
    get savedTitle() { return savedTitle; },
    get hasUnsavedEdit() { return timer !== null || inFlight !== null || wantedTitle.trim() !== savedTitle; },
    dispose: cancelTimer,
  };
}
