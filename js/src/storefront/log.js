// One console warning per cause: the shop's console is not ours to flood.
const said = new Set();

/** Logs `message` once per page as a console warning. */
export function warn(message) {
  if (said.has(message)) return;
  said.add(message);
  try {
    console.warn(`[Stammkunde] ${message}`);
  } catch {
    // a page that replaced console with something broken: stay silent
  }
}
