/**
 * The inputs of the account forms on the users page (the "new user" form, the "edit" and "reset
 * password" dialogs), built once so that all of them label, limit and explain a field the same way.
 * Each input has its label, an optional hint and a place for its error, both tied to it for screen
 * readers; a wrong field is marked aria-invalid, which the styles also show.
 */
import { h, setInvalid, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { MAX_DISPLAY_NAME_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../users/new-user.js';

// Longer than the server allows for organisation, country and email: a pasted text too long is then
// shown at its field as a mistake to fix, instead of being cut off without a word.
const TEXT_INPUT_LIMIT = 300;

/** `{element, input, showError(message)}`; `idPrefix` keeps the ids of two forms on one page apart. */
export function createField({ idPrefix, name, label, hint, type = 'text', ...props }) {
  const id = uniqueId(`${idPrefix}-${name}`);
  const hintId = hint ? uniqueId(`${idPrefix}-${name}-hint`) : null;
  const errorId = uniqueId(`${idPrefix}-${name}-error`);
  const input = h('input', { id, name, type, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' '), ...props });
  const errorText = h('p', { id: errorId, class: 'form-error' });
  const element = h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    input,
    hint ? h('p', { id: hintId, class: 'hint', text: hint }) : null,
    errorText);
  return {
    element,
    input,
    showError(message) {
      errorText.textContent = message ?? '';
      setInvalid(input, Boolean(message));
    },
  };
}

/** Display name, organisation, country and email, filled in from `values` (an account) when given. */
export function createProfileFields({ idPrefix, values = {} }) {
  const value = (name) => (typeof values?.[name] === 'string' ? values[name] : '');
  return {
    displayName: createField({ idPrefix, name: 'displayName', label: t('users.displayName'), hint: t('users.displayNameHint'),
      autocomplete: 'off', maxLength: MAX_DISPLAY_NAME_LENGTH, value: value('displayName') }),
    organisation: createField({ idPrefix, name: 'organisation', label: t('users.organisation'), autocomplete: 'off',
      maxLength: TEXT_INPUT_LIMIT, value: value('organisation') }),
    country: createField({ idPrefix, name: 'country', label: t('users.country'), autocomplete: 'off',
      maxLength: TEXT_INPUT_LIMIT, value: value('country') }),
    email: createField({ idPrefix, name: 'email', label: t('users.email'), type: 'email', autocomplete: 'off',
      maxLength: TEXT_INPUT_LIMIT, value: value('email') }),
  };
}

/** A field for a password someone gets: at least MIN_PASSWORD_LENGTH characters, as the server wants. */
export function createPasswordField({ idPrefix, label, hint }) {
  return createField({ idPrefix, name: 'password', label, hint, type: 'password', autocomplete: 'new-password',
    maxLength: MAX_PASSWORD_LENGTH });
}

/** The password hint: at least so many characters, and (for someone else's) how to hand it over. */
export function passwordHint({ forSomeoneElse = true } = {}) {
  return forSomeoneElse ? t('users.passwordHint', { min: MIN_PASSWORD_LENGTH })
    : t('users.passwordHintOwn', { min: MIN_PASSWORD_LENGTH });
}

/** What is typed in each of `fields`, by name. */
export function valuesOf(fields) {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.input.value]));
}

/**
 * Shows each field's error from `errors` (clearing the others) and puts the focus on the first wrong
 * field, in the order the fields are shown. True when something is wrong.
 */
export function showFieldErrors(fields, errors) {
  for (const [name, field] of Object.entries(fields)) field.showError(errors[name]);
  const firstWrong = Object.keys(fields).find((name) => errors[name]);
  fields[firstWrong]?.input.focus();
  return Boolean(firstWrong);
}
