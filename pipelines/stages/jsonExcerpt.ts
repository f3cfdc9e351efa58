// The start of a value's JSON, for a dead letter's excerpt. Built without recursion and stopped at the limit,
// so a hostile message (brackets nested a million deep, a million keys, a cycle) costs the dead-letter path
// no more than the limit: JSON.stringify would overflow the stack on the first and walk all of the second.

/** Text to emit as it is, as opposed to a value still to be written. */
class Literal {
  constructor(readonly text: string) {}
}

function scalar(value: unknown, room: number): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, room));
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return value.toString();
  return "null"; // null, undefined, functions, symbols: what JSON writes in an array
}

export function jsonExcerpt(value: unknown, limit = 2000): string {
  let out = "";
  const todo: unknown[] = [value];
  while (todo.length && out.length < limit) {
    const next = todo.pop();
    if (next instanceof Literal) out += next.text;
    else if (next instanceof Date) out += JSON.stringify(Number.isNaN(next.getTime()) ? null : next.toISOString());
    else if (Array.isArray(next)) {
      // at most as many items as characters are left: each takes one at least
      const items = next.slice(0, limit - out.length);
      todo.push(new Literal("]"));
      for (const [i, item] of items.reverse().entries()) todo.push(item, ...(i < items.length - 1 ? [new Literal(",")] : []));
      todo.push(new Literal("["));
    } else if (next !== null && typeof next === "object") {
      const keys: string[] = [];
      for (const key in next) {
        if (keys.length >= limit - out.length) break;
        if (Object.hasOwn(next, key)) keys.push(key);
      }
      todo.push(new Literal("}"));
      keys.reverse().forEach((key, i) => {
        todo.push((next as Record<string, unknown>)[key], new Literal(`${i < keys.length - 1 ? "," : ""}${JSON.stringify(key)}:`));
      });
      todo.push(new Literal("{"));
    } else out += scalar(next, limit - out.length);
  }
  return out.slice(0, limit);
}
