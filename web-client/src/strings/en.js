/**
 * Every string the user can see, in English. A translation is a copy of this file with the same keys
 * (`src/strings/fi.js`, ...); `test/strings.test.mjs` checks that every `t('…')` in src/ has a key here
 * and that no key is left unused.
 *
 * `{name}` is replaced by the parameter of that name. An entry with `one`/`other` (the CLDR plural
 * categories of the locale) is chosen by the `count` parameter through Intl.PluralRules.
 */
export default {
  locale: 'en',
  messages: {
    'app.name': 'Policy Collab',
    'app.skipToContent': 'Skip to content',
    'app.unsentOnLeave': 'Some changes have not reached the server yet.',

    'status.label': 'Connection',
    'status.connecting': 'Connecting…',
    'status.connected': 'Connected',
    'status.reconnecting': 'Reconnecting…',
    'status.reconnectingUnsent': {
      one: 'Reconnecting… {count} unsent change',
      other: 'Reconnecting… {count} unsent changes',
    },
    'status.offline': 'Offline',
    'status.offlineUnsent': {
      one: 'Offline, {count} unsent change (kept, sent when back online)',
      other: 'Offline, {count} unsent changes (kept, sent when back online)',
    },

    'user.label': 'Your name',
    'user.change': 'Change name',
    'user.dialogTitle': 'What is your name?',
    'user.dialogHint': 'Your co-authors see it next to your cursor. It is kept in this browser only.',
    'user.nameField': 'Display name',
    'user.save': 'Save',
    'user.cancel': 'Cancel',
    'user.nameRequired': 'Please enter a name.',

    'list.heading': 'Documents',
    'list.newHeading': 'New document',
    'list.newTitleField': 'Title of the new document',
    'list.create': 'Create document',
    'list.creating': 'Creating…',
    'list.titleRequired': 'Please enter a title.',
    'list.refresh': 'Refresh list',
    'list.loading': 'Loading documents…',
    'list.empty': 'No documents yet. Create the first one above.',
    'list.caption': 'All documents, most recently changed first',
    'list.columnTitle': 'Title',
    'list.columnChanged': 'Last change',
    'list.columnOnline': 'Who is online',
    'list.nobodyOnline': 'Nobody',
    'list.neverChanged': 'Not edited yet',
    'list.untitled': 'Untitled document',
    'list.loadFailed': 'The list of documents could not be loaded: {reason}',

    'time.justNow': 'just now',

    'editor.backToList': 'All documents',
    'editor.titleField': 'Document title',
    'editor.titleSaving': 'Saving title…',
    'editor.titleSaved': 'Title saved',
    'editor.titleFailed': 'The title was not saved: {reason}',
    'editor.titleRequired': 'The title cannot be empty.',
    'editor.label': 'Document text',
    'editor.keyboardHint': 'Tab leaves the text (in a list it indents). Escape moves to the formatting toolbar.',
    'editor.loading': 'Opening the document…',
    'editor.notFound': 'This document does not exist. It may have been deleted.',
    'editor.deleted': 'This document was deleted by someone else.',
    'editor.openFailed': 'The document could not be opened: {reason}',
    'editor.readOnly': 'You can read this document but not edit it.',
    'editor.editRefused': 'The server refused an edit: {reason}.',
    'editor.reloaded': 'Your latest changes could not be saved and were undone; the text now shows the server\'s version.',
    'editor.unsupportedContent': 'This document contains content this editor cannot show. Editing is off so that it is not damaged.',
    'editor.dismiss': 'Dismiss message',

    'toolbar.label': 'Formatting',
    'toolbar.heading1': 'Heading 1',
    'toolbar.heading2': 'Heading 2',
    'toolbar.bold': 'Bold (Ctrl+B)',
    'toolbar.italic': 'Italic (Ctrl+I)',
    'toolbar.underline': 'Underline (Ctrl+U)',
    'toolbar.orderedList': 'Numbered list',
    'toolbar.bulletList': 'Bulleted list',
    'toolbar.blockquote': 'Block quote',
    'toolbar.link': 'Link (Ctrl+K)',
    'toolbar.clean': 'Remove formatting',

    'link.dialogTitle': 'Link',
    'link.urlField': 'Web address (URL)',
    'link.save': 'Apply link',
    'link.remove': 'Remove link',
    'link.cancel': 'Cancel',
    'link.invalid': 'Enter a web address starting with https://, http:// or mailto:',
    'link.selectTextFirst': 'Select some text first, then add the link.',

    'people.heading': 'In this document',
    'people.you': '{name} (you)',
    'people.anonymous': 'Anonymous',

    'error.network': 'the server cannot be reached; check your connection',
    'error.notFound': 'it does not exist',
    'error.badRequest': 'the server did not accept it ({detail})',
    'error.readOnly': 'you may not change this document',
    'error.rejected': 'the server turned the change down',
    'error.server': 'the server answered with error {status}',
    'error.unexpected': 'unexpected error ({detail})',
  },
};
