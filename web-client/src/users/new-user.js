/**
 * The checks of the account forms on the users page ("new user", "edit", "reset password"): the same
 * rules the server applies (POST /api/users, PATCH /api/users/:username), so mistakes are shown next
 * to the field at once instead of as one refusal from the server:
 *   username       1–64 of a–z 0–9 . _ -, starting with a letter or digit (it is how people sign in)
 *   password       10–1024 characters, kept as typed
 *   displayName    1–100 characters (what co-authors see)
 *   organisation, country   optional; at most 100 characters
 *   email          optional; if given, something@somewhere, at most 254 characters
 * Text fields are trimmed, as the server trims them.
 */
import { t } from '../strings/index.js';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;
export const MAX_DISPLAY_NAME_LENGTH = 100;
export const MAX_AFFILIATION_LENGTH = 100;
export const MAX_EMAIL_LENGTH = 254;

/** The fields an account keeps besides its username, password and rights: what "edit" changes. */
export const PROFILE_FIELDS = ['displayName', 'organisation', 'country', 'email'];

/**
 * `fields` as typed → `{user, errors}`: `user` is the request body (text trimmed, empty optional
 * fields left out), `errors` maps each wrong field to what to fix; it is empty when all is well.
 */
export function readNewUser(fields) {
  const username = String(fields?.username ?? '').trim();
  const password = String(fields?.password ?? '');
  const { profile, errors } = readProfile(fields);

  if (!USERNAME_PATTERN.test(username)) errors.username = t('users.usernameInvalid');
  const passwordWrong = passwordProblem(password);
  if (passwordWrong) errors.password = passwordWrong;

  const user = { username, password, displayName: profile.displayName, admin: fields?.admin === true };
  for (const name of ['organisation', 'country', 'email']) if (profile[name]) user[name] = profile[name];
  return { user, errors };
}

/**
 * The "edit" dialog's fields as typed, and the account as it was → `{changes, errors}`: `changes` is
 * the PATCH body with only the fields that differ (an emptied optional field is sent as '', which
 * clears it), so saving never puts back what another administrator changed meanwhile in another field;
 * `{}` when nothing changed. `errors` is about those fields only: a value the account already had is
 * not sent, so it is not this edit's to fix.
 */
export function readUserChanges(fields, user) {
  const { profile, errors } = readProfile(fields);
  const changes = {};
  for (const name of PROFILE_FIELDS) {
    if (profile[name] !== String(user?.[name] ?? '').trim()) changes[name] = profile[name];
  }
  const changedErrors = Object.fromEntries(Object.entries(errors).filter(([name]) => name in changes));
  return { changes, errors: changedErrors };
}

/** The "reset password" dialog's field → `{changes: {password}, errors}`. */
export function readNewPassword(password) {
  const value = String(password ?? '');
  const problem = passwordProblem(value);
  return { changes: { password: value }, errors: problem ? { password: problem } : {} };
}

/**
 * The field a refusal of `changes` is about, or null. The server's ERR_BAD_REQUEST carries no field
 * (and its message text is not for deciding on), but when only one field was sent, that is the one.
 */
export function refusedField(err, changes) {
  const names = Object.keys(changes ?? {});
  return err?.code === 'ERR_BAD_REQUEST' && names.length === 1 ? names[0] : null;
}

/** What is wrong with `password` (counted in characters as typed, spaces too), or null. */
function passwordProblem(password) {
  const length = Array.from(password).length;
  return length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH
    ? t('users.passwordInvalid', { min: MIN_PASSWORD_LENGTH }) : null;
}

/** The fields of PROFILE_FIELDS, trimmed → `{profile, errors}`. */
function readProfile(fields) {
  const profile = Object.fromEntries(PROFILE_FIELDS.map((name) => [name, String(fields?.[name] ?? '').trim()]));
  const errors = {};
  const nameLength = Array.from(profile.displayName).length;
  if (nameLength < 1 || nameLength > MAX_DISPLAY_NAME_LENGTH) {
    errors.displayName = t('users.displayNameInvalid', { max: MAX_DISPLAY_NAME_LENGTH });
  }
  for (const name of ['organisation', 'country']) {
    if (Array.from(profile[name]).length > MAX_AFFILIATION_LENGTH) {
      errors[name] = t('users.affiliationTooLong', { max: MAX_AFFILIATION_LENGTH });
    }
  }
  const { email } = profile;
  if (email && (!/^[^\s@]+@[^\s@]+$/.test(email) || Array.from(email).length > MAX_EMAIL_LENGTH)) {
    errors.email = t('users.emailInvalid');
  }
  return { profile, errors };
}
