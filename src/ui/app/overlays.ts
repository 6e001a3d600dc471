/**
 * Dialogs load when first opened, so they stay out of the bundle the console needs at start-up.
 * Each one opens itself when mounted and calls `onclose` when it closes.
 */
export type Overlay = { kind: 'welcome' } | { kind: 'new-session' } | { kind: 'docs'; doc: string } | { kind: 'catalogue' } | { kind: 'compare' };

export const loadWelcome = () => import('./Welcome.svelte');
export const loadNewSession = () => import('./NewSessionDialog.svelte');
export const loadConfirm = () => import('./ConfirmReplace.svelte');
export const loadDocs = () => import('../docs/DocsDialog.svelte');
export const loadCatalogue = () => import('../catalogue/CatalogueDialog.svelte');
export const loadCompare = () => import('../compare/CompareView.svelte');
