/**
 * Comparing two versions of a process: the BPMN elements by id (type, name, attributes, incoming
 * and outgoing flows, extension elements, the rest of their content) and the XML line by line
 * (longest common subsequence, after the common head and tail are set aside).
 */

const BPMN_MODEL = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** What an element is, as far as comparing goes. */
export interface ElementSignature {
  id: string;
  type: string;
  name: string;
  attributes: Record<string, string>;
  incoming: string[];
  outgoing: string[];
  extensions: string;
  content: string;
}

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface ElementChange {
  id: string;
  kind: ChangeKind;
  type: string;
  name: string;
  /** For changed elements: which aspects differ (type, name, attribute names, incoming, outgoing, extensionElements, content). */
  aspects: string[];
}

/** Children folded into their parent's signature rather than compared as elements of their own. */
const INNER = /(EventDefinition|LoopCharacteristics|Expression|^documentation|^extensionElements|^incoming|^outgoing|^ioSpecification|^dataInput$|^dataOutput$|^inputSet|^outputSet|^timeDuration|^timeDate|^timeCycle|^script$|^text$)/;

/** An element's inner XML with ids dropped and whitespace collapsed (stable across reformatting). */
function normalised(el: Element): string {
  const parts: string[] = [];
  const walk = (node: Element) => {
    const attrs = [...node.attributes].filter((a) => a.name !== 'id').map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort();
    parts.push(`<${node.tagName}${attrs.length ? ` ${attrs.join(' ')}` : ''}>`);
    for (const child of node.childNodes) {
      if (child.nodeType === 1) walk(child as Element);
      else if (child.nodeType === 3 || child.nodeType === 4) {
        const text = (child.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text) parts.push(text);
      }
    }
    parts.push(`</${node.tagName}>`);
  };
  walk(el);
  return parts.join('');
}

/** The BPMN elements of a parsed document (everything with an id in the BPMN model namespace, diagram interchange left out). */
export function elementsOf(doc: Document): Map<string, ElementSignature> {
  const out = new Map<string, ElementSignature>();
  const all = [...doc.getElementsByTagNameNS(BPMN_MODEL, '*')].filter((el) => el.getAttribute('id') && !INNER.test(el.localName) && el.localName !== 'definitions');
  for (const el of all) {
    const id = el.getAttribute('id')!;
    const attributes: Record<string, string> = {};
    for (const a of el.attributes) if (a.name !== 'id' && a.name !== 'name' && !a.name.startsWith('xmlns')) attributes[a.name] = a.value;
    let extensions = '';
    const content: string[] = [];
    for (const child of el.children) {
      if (child.namespaceURI === BPMN_MODEL && child.getAttribute('id') && !INNER.test(child.localName)) continue; // its own element
      if (child.localName === 'incoming' || child.localName === 'outgoing') continue; // from the flows below
      if (child.localName === 'extensionElements') extensions = normalised(child);
      else content.push(normalised(child));
    }
    out.set(id, { id, type: el.localName, name: el.getAttribute('name') ?? '', attributes, incoming: [], outgoing: [], extensions, content: content.join('') });
  }
  // incoming / outgoing from the flows themselves (the <incoming> children are optional in BPMN)
  for (const flow of out.values()) {
    if (flow.type !== 'sequenceFlow' && flow.type !== 'messageFlow') continue;
    const source = out.get(flow.attributes.sourceRef ?? '');
    const target = out.get(flow.attributes.targetRef ?? '');
    source?.outgoing.push(flow.id);
    target?.incoming.push(flow.id);
  }
  for (const s of out.values()) {
    s.incoming.sort();
    s.outgoing.sort();
  }
  return out;
}

export function parseBpmn(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const failure = doc.getElementsByTagName('parsererror')[0];
  if (failure) throw new Error(failure.textContent ?? 'the XML could not be read');
  return doc;
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What changed from A to B, element by element (B's order, then the removed in A's order). */
export function diffElements(a: Map<string, ElementSignature>, b: Map<string, ElementSignature>): ElementChange[] {
  const changes: ElementChange[] = [];
  for (const [id, nb] of b) {
    const na = a.get(id);
    if (!na) {
      changes.push({ id, kind: 'added', type: nb.type, name: nb.name, aspects: [] });
      continue;
    }
    const aspects: string[] = [];
    if (na.type !== nb.type) aspects.push('type');
    if (na.name !== nb.name) aspects.push('name');
    const attrs = new Set([...Object.keys(na.attributes), ...Object.keys(nb.attributes)]);
    for (const k of [...attrs].sort()) if (na.attributes[k] !== nb.attributes[k]) aspects.push(k);
    if (!same(na.incoming, nb.incoming)) aspects.push('incoming');
    if (!same(na.outgoing, nb.outgoing)) aspects.push('outgoing');
    if (na.extensions !== nb.extensions) aspects.push('extensionElements');
    if (na.content !== nb.content) aspects.push('content');
    if (aspects.length) changes.push({ id, kind: 'changed', type: nb.type, name: nb.name, aspects });
  }
  for (const [id, na] of a) if (!b.has(id)) changes.push({ id, kind: 'removed', type: na.type, name: na.name, aspects: [] });
  return changes;
}

export interface DiffLine {
  op: ' ' | '+' | '-';
  text: string;
  /** Line number in A (for ' ' and '-') and in B (for ' ' and '+'), from 1. */
  a?: number;
  b?: number;
}

/** Beyond this many cells the LCS table is not built (the middle is shown as removed then added). */
const MAX_CELLS = 25_000_000;

/** A line diff of A and B: every line of both, in order, marked kept, removed or added. */
export function lineDiff(a: string[], b: string[]): DiffLine[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ op: ' ', text: a[i], a: i + 1, b: i + 1 });
  const ma = a.slice(head, a.length - tail);
  const mb = b.slice(head, b.length - tail);
  const n = ma.length;
  const m = mb.length;
  if (n * m > MAX_CELLS) {
    ma.forEach((text, i) => out.push({ op: '-', text, a: head + i + 1 }));
    mb.forEach((text, j) => out.push({ op: '+', text, b: head + j + 1 }));
  } else {
    // lcs[i][j] = length of the LCS of ma[i..] and mb[j..]
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] = ma[i] === mb[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && ma[i] === mb[j]) {
        out.push({ op: ' ', text: ma[i], a: head + i + 1, b: head + j + 1 });
        i++;
        j++;
      } else if (i < n && (j >= m || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) {
        out.push({ op: '-', text: ma[i], a: head + i + 1 });
        i++;
      } else {
        out.push({ op: '+', text: mb[j], b: head + j + 1 });
        j++;
      }
    }
  }
  for (let k = 0; k < tail; k++) out.push({ op: ' ', text: a[a.length - tail + k], a: a.length - tail + k + 1, b: b.length - tail + k + 1 });
  return out;
}

export interface Hunk {
  lines: DiffLine[];
  /** Kept lines left out before this hunk. */
  skipped: number;
}

/** The changed lines with `context` kept lines around each run of changes. */
export function hunks(lines: DiffLine[], context = 3): Hunk[] {
  const keep = new Uint8Array(lines.length);
  lines.forEach((l, i) => {
    if (l.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = 1;
  });
  const out: Hunk[] = [];
  let skipped = 0;
  let current: Hunk | null = null;
  lines.forEach((l, i) => {
    if (!keep[i]) {
      current = null;
      skipped++;
      return;
    }
    if (!current) {
      current = { lines: [], skipped };
      out.push(current);
      skipped = 0;
    }
    current.lines.push(l);
  });
  return out;
}

/** Lines of an XML text (line ends of any kind). */
export const linesOf = (text: string): string[] => text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
