/**
 * Shows a <dialog> as a native modal, as the other dialogs of the app do: the page behind it is inert,
 * so Tab and a screen reader stay inside it; Escape closes it. Closing removes it and calls `onClosed`,
 * which puts the focus back where the dialog was opened from: done by the caller rather than left to
 * the browser, because the opener may have been replaced meanwhile (a table row drawn again).
 */

/**
 * `initialFocus`: the element to start at. `canClose()`: false while the dialog must stay (its change
 * is being saved), so that Escape does not hide the outcome. → `{close, isOpen}`.
 */
export function showModal(dialog, { initialFocus = null, canClose = () => true, onClosed = () => {} } = {}) {
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    if (canClose()) close();
  });

  function close() {
    if (!dialog.isConnected) return;
    dialog.close();
    dialog.remove();
    onClosed();
  }

  document.body.append(dialog);
  dialog.showModal();
  initialFocus?.focus();
  return { close, isOpen: () => dialog.isConnected };
}

/**
 * Marks the dialog's buttons as unavailable while a change is saved: aria-disabled rather than
 * disabled, so the focus stays on the button that was pressed instead of falling out of the dialog.
 * The dialog ignores their clicks meanwhile.
 */
export function setBusy(buttons, busy) {
  for (const button of buttons) {
    if (busy) button.setAttribute('aria-disabled', 'true');
    else button.removeAttribute('aria-disabled');
  }
}

/** Shows why a save was refused: at the field it is about (focused), or under the fields when none is. */
export function showRefusal(reason, { field, dialogError }) {
  if (field) {
    field.showError(reason);
    field.input.focus();
  } else {
    dialogError.textContent = reason;
  }
}
