/** "In this document": everyone with the editor open, each in their cursor colour, me first. */
import { h, replaceChildren, uniqueId } from './dom.js';
import { t } from '../strings/index.js';

export function createPeopleList() {
  const headingId = uniqueId('people-heading');
  const list = h('ul', { class: 'people__list', 'data-testid': 'people' });
  const element = h('aside', { class: 'people', 'aria-labelledby': headingId },
    h('h2', { id: headingId, text: t('people.heading') }), list);

  return {
    element,
    show(people) {
      replaceChildren(list, people.map((person) => h('li', { class: 'person', style: `--user-color: ${person.color}`,
        'data-me': person.isMe ? 'true' : undefined },
      h('span', { class: 'person__dot', 'aria-hidden': 'true' }),
      person.isMe ? t('people.you', { name: person.name }) : person.name)));
    },
  };
}
