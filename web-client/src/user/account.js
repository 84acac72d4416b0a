/**
 * The signed-in account as the app uses it. Its display name is what co-authors see next to the
 * cursor and in "who is here", and it picks the cursor colour; organisation and country tell people
 * with the same name apart in the user menu and the share dialog.
 */
import { locale } from '../strings/index.js';
import { colorForName } from '../presence/colors.js';
import { normalizeName } from '../presence/presence-value.js';

/** {username, name, color, admin, organisation, country} from the API's user object. */
export function signedInUser(account) {
  const username = String(account?.username ?? '');
  const name = normalizeName(account?.displayName) || username;
  return {
    username,
    name,
    color: colorForName(name),
    admin: account?.admin === true,
    organisation: textOrEmpty(account?.organisation),
    country: textOrEmpty(account?.country),
  };
}

/** "Ministry of the Environment, Finland", either part alone, or '' when neither is known. */
export function affiliationOf(person) {
  const parts = [textOrEmpty(person?.organisation), textOrEmpty(person?.country)].filter(Boolean);
  return parts.length ? new Intl.ListFormat(locale(), { type: 'unit', style: 'short' }).format(parts) : '';
}

function textOrEmpty(value) {
  return typeof value === 'string' ? value.trim() : '';
}
