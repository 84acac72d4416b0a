/**
 * The page header, on every page: the app name (a link to the list), and once signed in the connection
 * indicator and the user menu.
 */
import { h } from './dom.js';
import { t } from '../strings/index.js';
import { LIST_HREF } from '../routing/routes.js';

export function createHeader({ indicator, userMenu }) {
  const element = h('header', { class: 'app-header' },
    h('a', { class: 'app-header__name', href: LIST_HREF, text: t('app.name') }),
    indicator.element,
    userMenu.element);

  return {
    element,
    /** The signed-in user, or null: no connection to show then, and no menu. */
    showUser(user) {
      indicator.element.hidden = !user;
      userMenu.show(user);
    },
  };
}
