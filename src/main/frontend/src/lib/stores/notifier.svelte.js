// Desktop notifications of mentions, replies and direct messages while the tab is in the background, when the user allowed them.
export const notifier = $state({
  permission: typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
});

const shown = new Set();

/** Must run from a click: browsers ignore permission prompts that no gesture asked for. */
export async function askPermission() {
  if (notifier.permission === 'unsupported') return;
  notifier.permission = await Notification.requestPermission();
}

/** A desktop notification, while the page is hidden, once per message: `title` says who and where. */
export function notifyMessage({ messageId, title, text, onOpen }) {
  if (notifier.permission !== 'granted' || !document.hidden) return;
  if (messageId != null) {
    if (shown.has(String(messageId))) return;
    shown.add(String(messageId));
  }
  const note = new Notification(title, {
    body: text.length > 180 ? `${text.slice(0, 180)}…` : text,
    tag: messageId != null ? `parley-${messageId}` : undefined,
  });
  note.onclick = () => {
    window.focus();
    onOpen?.();
    note.close();
  };
}
