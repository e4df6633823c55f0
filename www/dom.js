// Small DOM helpers shared by the panels.

/** `h("td", { class: "num" }, "12.00")`: an element with attributes and children (text or nodes). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return element;
}

/** Calls `fn` once input has paused for `ms`. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A text input's value, or `undefined` when it is empty (an absent field, not an empty amount). */
export function optional(input) {
  const value = input.value.trim();
  return value === "" ? undefined : value;
}

/** What a thrown value says, for a message line: `CODE at path: message` for a MarketsplitError. */
export function describeError(error) {
  if (error && typeof error.code === "string") {
    return `${error.code}${error.path ? ` at ${error.path}` : ""}: ${error.message}`;
  }
  return String(error?.message ?? error);
}
