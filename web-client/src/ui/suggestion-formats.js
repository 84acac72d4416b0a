/**
 * The two suggestion marks as Quill inline formats: `<ins class="suggest-insert">` for a suggested
 * insertion (underlined) and `<del class="suggest-delete">` for a suggested deletion (struck through),
 * in the author's colour. The value `{id, author, name, at}` is kept JSON-encoded in `data-suggestion`
 * and read back from there, so Quill round-trips it like any format. An `<ins>` or `<del>` pasted from
 * elsewhere has no such attribute: no value, so it is no suggestion (Quill drops the format).
 */
import Inline from 'quill/blots/inline.js';
import { t } from '../strings/index.js';
import { colorForName } from '../presence/colors.js';
import {
  DELETE_KEY, INSERT_KEY, decodeSuggestionValue, encodeSuggestionValue, isSuggestionValue,
} from '../suggestions/suggestion-value.js';

const VALUE_ATTRIBUTE = 'data-suggestion';

class SuggestionMark extends Inline {
  static create(value) {
    const node = super.create(value);
    this.describe(node, value);
    return node;
  }

  static formats(node) {
    return decodeSuggestionValue(node.getAttribute(VALUE_ATTRIBUTE));
  }

  /** Value, colour and tooltip. Set as attributes and a CSS property: nothing is parsed as HTML. */
  static describe(node, value) {
    const name = isSuggestionValue(value) ? value.name || value.author : '';
    node.setAttribute(VALUE_ATTRIBUTE, encodeSuggestionValue(value));
    node.style.setProperty('--suggestion-color', colorForName(name));
    node.setAttribute('title', this.tooltip(name));
  }

  // The same mark with another value (a neighbouring suggestion's) is changed in place.
  format(name, value) {
    if (name !== this.statics.blotName || !value) {
      super.format(name, value);
    } else if (encodeSuggestionValue(value) !== this.domNode.getAttribute(VALUE_ATTRIBUTE)) {
      this.statics.describe(this.domNode, value);
    }
  }
}

export class SuggestInsert extends SuggestionMark {
  static blotName = INSERT_KEY;
  static tagName = 'INS';
  static className = 'suggest-insert';
  static tooltip(name) { return t('suggestions.insertedBy', { name }); }
}

export class SuggestDelete extends SuggestionMark {
  static blotName = DELETE_KEY;
  static tagName = 'DEL';
  static className = 'suggest-delete';
  static tooltip(name) { return t('suggestions.deletedBy', { name }); }
}
