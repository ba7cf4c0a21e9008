/**
 * `{ [key]: value }`, or `{}` when the value is undefined: graph fields that are absent are left
 * out rather than set to undefined, so the graph survives a JSON round trip unchanged.
 */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A trimmed, non-empty string or undefined. */
export function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
