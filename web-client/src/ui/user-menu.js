/**
 * The signed-in user in the header: a button with their display name (underlined in their cursor
 * colour) and affiliation, opening a small panel with who they are signed in as, the Users page for
 * administrators, and "Sign out". A disclosure rather than an ARIA menu: plain links and buttons that
 * Tab reaches in order; Escape closes it and returns to the button, and so does leaving it.
 */
import { h, replaceChildren, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { USERS_HREF } from '../routing/routes.js';
import { affiliationOf } from '../user/account.js';
import { describeError } from '../api/error-messages.js';

/** `onSignOut()` may throw (the server could not be reached); the panel then says why. */
export function createUserMenu({ onSignOut }) {
  const panelId = uniqueId('user-menu');
  const name = h('span', { class: 'user-menu__name', 'data-testid': 'user-name' });
  const affiliation = h('span', { class: 'user-menu__affiliation' });
  const button = h('button', { type: 'button', class: 'user-menu__button', 'aria-expanded': 'false',
    'aria-controls': panelId, 'data-testid': 'user-menu' },
  h('span', { class: 'visually-hidden', text: `${t('menu.signedInAs')} ` }),
  name, affiliation, h('span', { class: 'user-menu__caret', 'aria-hidden': 'true', text: '▾' }));

  const who = h('div', { class: 'user-menu__who' });
  const usersLink = h('a', { href: USERS_HREF, class: 'user-menu__item', text: t('menu.users'),
    onclick: () => close({ focusButton: false }) });
  const signOutButton = h('button', { type: 'button', class: 'user-menu__item', text: t('menu.signOut'),
    onclick: signOut });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const panel = h('div', { id: panelId, class: 'user-menu__panel', hidden: true },
    who, h('ul', { class: 'user-menu__items' }, h('li', {}, usersLink), h('li', {}, signOutButton)), error);
  const element = h('div', { class: 'user-menu', hidden: true }, button, panel);

  function open() {
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    error.textContent = '';
    document.addEventListener('pointerdown', closeOnOutsidePointer, true);
  }

  function close({ focusButton = true } = {}) {
    if (panel.hidden) return;
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', closeOnOutsidePointer, true);
    if (focusButton) button.focus();
  }

  function closeOnOutsidePointer(event) {
    if (!element.contains(event.target)) close({ focusButton: false });
  }

  async function signOut() {
    signOutButton.disabled = true;
    try {
      await onSignOut();
      close({ focusButton: false });
    } catch (err) {
      error.textContent = t('menu.signOutFailed', { reason: describeError(err) });
    } finally {
      signOutButton.disabled = false;
    }
  }

  button.addEventListener('click', () => (panel.hidden ? open() : close()));
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      event.preventDefault();
      close();
    }
  });
  // Tabbing out of the open panel closes it, so it never covers the page behind the focus.
  element.addEventListener('focusout', (event) => {
    if (!panel.hidden && event.relatedTarget && !element.contains(event.relatedTarget)) close({ focusButton: false });
  });

  return {
    element,
    /** The signed-in user, or null (signed out: the menu is hidden). */
    show(user) {
      close({ focusButton: false });
      element.hidden = !user;
      if (!user) return;
      name.textContent = user.name;
      name.style.setProperty('--user-color', user.color);
      const place = affiliationOf(user);
      affiliation.textContent = place;
      affiliation.hidden = !place;
      replaceChildren(who,
        h('p', { class: 'user-menu__who-name', text: user.name }),
        place ? h('p', { class: 'muted', text: place }) : null,
        h('p', { class: 'muted', text: t('menu.username', { username: user.username }) }));
      usersLink.parentElement.hidden = !user.admin;
    },
  };
}
