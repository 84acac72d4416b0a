/**
 * The "who is in this document" list: me first, then everyone else once per name (someone with two
 * tabs open is one person), sorted by name in the UI's language, each with a colour distinct from the
 * others' (see assignColors).
 */
import { locale } from '../strings/index.js';
import { assignColors } from './colors.js';

export function peopleHere({ me, others }) {
  const collator = new Intl.Collator(locale());
  const names = [...new Set([...others].filter(Boolean).map((person) => person.name))]
    .filter((name) => name !== me.name)
    .sort((a, b) => collator.compare(a, b));
  const colors = assignColors([me.name, ...names]);
  return [
    { name: me.name, color: colors.get(me.name), isMe: true },
    ...names.map((name) => ({ name, color: colors.get(name), isMe: false })),
  ];
}
