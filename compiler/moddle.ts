/**
 * The slice of a bpmn-moddle element the compiler reads. moddle builds its objects dynamically from
 * the meta-model, so fields are read through the small typed helpers below instead of `any`.
 */
export interface ModdleElement {
  readonly $type: string;
  readonly id?: string;
  readonly name?: string;
  readonly $parent?: ModdleElement;
  $instanceOf?(type: string): boolean;
  readonly [property: string]: unknown;
}

export function isElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

export function is(element: ModdleElement, type: string): boolean {
  return typeof element.$instanceOf === 'function' ? element.$instanceOf(type) : element.$type === type;
}

export function text(element: ModdleElement, property: string): string | undefined {
  const value = element[property];
  return typeof value === 'string' ? value : undefined;
}

export function child(element: ModdleElement, property: string): ModdleElement | undefined {
  const value = element[property];
  return isElement(value) ? value : undefined;
}

export function children(element: ModdleElement, property: string): ModdleElement[] {
  const value = element[property];
  return Array.isArray(value) ? value.filter(isElement) : [];
}

/** Everything inside `<bpmn:extensionElements>`, zeebe or foreign. */
export function extensions(element: ModdleElement): ModdleElement[] {
  const container = child(element, 'extensionElements');
  return container ? children(container, 'values') : [];
}

export function extensionsOfType(element: ModdleElement, type: string): ModdleElement[] {
  return extensions(element).filter((e) => e.$type === type);
}
