/**
 * `h('button', {type: 'button', 'aria-label': t('…'), onclick}, 'text', childNode)`: a tiny element
 * builder, so views stay declarative without a framework. `on…` props become listeners; `text` sets
 * textContent; DOM properties (value, hidden, disabled…) are set as properties; the rest as attributes.
 * Text is never parsed as HTML.
 */
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'readOnly', 'tabIndex', 'maxLength']);

export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'text') element.textContent = value;
    else if (PROPERTIES.has(key)) element[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return parent;
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let nextId = 0;
/** A page-unique id for aria-labelledby / aria-describedby pairs. */
export function uniqueId(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** Marks a field as wrong (aria-invalid="true", which the styles also show) or right again. */
export function setInvalid(input, invalid) {
  if (invalid) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}
