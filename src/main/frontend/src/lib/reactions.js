// Pure rules of reactions to messages, kept apart from the components so node's test runner can check them: the
// emoji the picker offers, and what a reaction's chip shows and says. Who reacted depends on who is looking (I am
// "you"), hence `myId`.
import { keyOf } from './ids.js';

/** The picker's emoji, each as an emoji keyboard sends it (❤️ with its variation selector, as the server keeps it). */
export const PICKER_EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '👀', '✅'];

// Beyond this many people a chip's title and label name the first ones and count the others.
const NAMED = 20;

/**
 * One emoji's chip: { emoji, count, pressed, title, label }. Pressed when I am among its people; the title lists
 * them ("Alice, Bob"), the label says it all ("👍 2: Alice and you"), starting with what the chip shows.
 */
export function chipOf({ emoji, users }, myId) {
  const me = keyOf(myId);
  const pressed = me !== '' && users.some((u) => keyOf(u.id) === me);
  const names = users.map((u, i) => (me !== '' && keyOf(u.id) === me ? (i === 0 ? 'You' : 'you') : u.name));
  return {
    emoji,
    count: users.length,
    pressed,
    title: listed(names, ', '),
    label: `${emoji} ${users.length}: ${listed(names, ' and ')}`,
  };
}

/** "Alice", "Alice and Bob", "Alice, Bob and Carol" (with `last` = " and "); past NAMED, "… and 5 others". */
function listed(names, last) {
  const shown = names.length > NAMED ? [...names.slice(0, NAMED - 1), `${names.length - NAMED + 1} others`] : names;
  if (shown.length < 2) return shown.join('');
  return `${shown.slice(0, -1).join(', ')}${last}${shown.at(-1)}`;
}
