/**
 * The page header, on every page: the app name (a link to the list), the connection indicator and the
 * user's name with a button to change it.
 */
import { h } from './dom.js';
import { t } from '../strings/index.js';
import { LIST_HREF } from '../routing/routes.js';

export function createHeader({ indicator, onChangeName }) {
  const name = h('span', { class: 'user__name', 'data-testid': 'user-name' });
  const element = h('header', { class: 'app-header' },
    h('a', { class: 'app-header__name', href: LIST_HREF, text: t('app.name') }),
    indicator.element,
    h('div', { class: 'user' },
      h('span', { class: 'user__label', text: `${t('user.label')}: ` }),
      name,
      h('button', { type: 'button', class: 'button button--quiet', text: t('user.change'), onclick: onChangeName })));

  return {
    element,
    showUser(user) {
      name.textContent = user.name;
      name.style.setProperty('--user-color', user.color);
    },
  };
}
