/**
 * The "new user" form's checks, the same rules the server applies (POST /api/users), so mistakes are
 * shown next to the field at once instead of as one refusal from the server:
 *   username     1–64 of a–z 0–9 . _ -, starting with a letter or digit (it is how people sign in)
 *   password     10–1024 characters
 *   displayName  1–100 characters (what co-authors see)
 *   email        optional; if given, something@somewhere
 */
import { t } from '../strings/index.js';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;
export const MAX_DISPLAY_NAME_LENGTH = 100;

/**
 * `fields` as typed → `{user, errors}`: `user` is the request body (text trimmed, empty optional
 * fields left out), `errors` maps each wrong field to what to fix; it is empty when all is well.
 */
export function readNewUser(fields) {
  const username = String(fields?.username ?? '').trim();
  const password = String(fields?.password ?? '');
  const displayName = String(fields?.displayName ?? '').trim();
  const organisation = String(fields?.organisation ?? '').trim();
  const country = String(fields?.country ?? '').trim();
  const email = String(fields?.email ?? '').trim();
  const errors = {};

  if (!USERNAME_PATTERN.test(username)) errors.username = t('users.usernameInvalid');
  const passwordLength = Array.from(password).length;
  if (passwordLength < MIN_PASSWORD_LENGTH || passwordLength > MAX_PASSWORD_LENGTH) {
    errors.password = t('users.passwordInvalid', { min: MIN_PASSWORD_LENGTH });
  }
  const nameLength = Array.from(displayName).length;
  if (nameLength < 1 || nameLength > MAX_DISPLAY_NAME_LENGTH) {
    errors.displayName = t('users.displayNameInvalid', { max: MAX_DISPLAY_NAME_LENGTH });
  }
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = t('users.emailInvalid');

  const user = { username, password, displayName, admin: fields?.admin === true };
  if (organisation) user.organisation = organisation;
  if (country) user.country = country;
  if (email) user.email = email;
  return { user, errors };
}
