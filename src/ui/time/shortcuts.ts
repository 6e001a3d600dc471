/**
 * Page-wide keys: Space plays or pauses and `.` steps, except where keys mean something else
 * (the console, any text field, buttons and links, which Space activates, and open dialogs).
 */
export interface TimeActions {
  togglePlay(): void;
  step(): void;
}

function keysBelongTo(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('dialog[open]')) return true;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return target.type !== 'range';
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement;
}

export function handleTimeKey(event: KeyboardEvent, actions: TimeActions): void {
  if (event.ctrlKey || event.metaKey || event.altKey || keysBelongTo(event.target)) return;
  if (event.key === ' ') {
    event.preventDefault();
    actions.togglePlay();
  } else if (event.key === '.') {
    event.preventDefault();
    actions.step();
  }
}
