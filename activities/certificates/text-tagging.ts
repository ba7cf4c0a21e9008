/**
 * Tagged text for pdfkit: a structure tree (StructTreeRoot; MarkInfo /Marked true) whose Document
 * element holds one P per line or wrapped paragraph and a Span per drawn line, its marked content
 *   /Span <</MCID n [/Lang (en)]>> BDC … EMC
 * The catalog's /Lang is fa-IR; English lines say /Lang en.
 *
 * No /ActualText is used: the glyphs themselves are drawn in an order and with a ToUnicode that
 * extractors read as the stored text (extractable-glyphs.ts; README, "Text extraction").
 *
 * Only documents passed to beginTaggedDocument are tagged; drawing elsewhere (the signature
 * appearance, a form XObject, which cannot hold the page's marked content) is left alone.
 */
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;
type StructureElement = PDFKit.PDFStructureElement;

interface TaggedDocument {
  root: StructureElement;
  /** The P that lines drawn now belong to, while a paragraph is being drawn. */
  paragraph: StructureElement | null;
  /** > 0 while drawing outside the page content (a form XObject). */
  suspended: number;
}

const tagged = new WeakMap<Doc, TaggedDocument>();

/** Gives the document a structure tree; call once, before anything is drawn. */
export function beginTaggedDocument(doc: Doc): void {
  const root = doc.struct('Document');
  doc.addStructure(root);
  tagged.set(doc, { root, paragraph: null, suspended: 0 });
}

function activeTagging(doc: Doc): TaggedDocument | undefined {
  const state = tagged.get(doc);
  return state && state.suspended === 0 ? state : undefined;
}

/** Lines drawn inside `draw` form one P element (a wrapped paragraph). */
export function taggedParagraph<T>(doc: Doc, draw: () => T): T {
  const state = activeTagging(doc);
  if (!state || state.paragraph) return draw();
  const paragraph = doc.struct('P');
  state.root.add(paragraph);
  state.paragraph = paragraph;
  try {
    return draw();
  } finally {
    state.paragraph = null;
    paragraph.end();
  }
}

/** Draws one line as a Span; `direction` 'ltr' marks it English (the document's language is Persian). */
export function taggedLine<T>(doc: Doc, direction: 'rtl' | 'ltr', draw: () => T): T {
  const state = activeTagging(doc);
  if (!state) return draw();
  return taggedParagraph(doc, () => {
    const lang = direction === 'ltr' ? { lang: 'en' } : {};
    const content = doc.markStructureContent('Span', lang);
    let result: T;
    try {
      result = draw();
    } finally {
      doc.endMarkedContent();
    }
    state.paragraph!.add(doc.struct('Span', lang, [content]));
    return result;
  });
}

/** Draws without tagging: for content that is not part of the page's content stream. */
export function untagged<T>(doc: Doc, draw: () => T): T {
  const state = tagged.get(doc);
  if (!state) return draw();
  state.suspended++;
  try {
    return draw();
  } finally {
    state.suspended--;
  }
}
