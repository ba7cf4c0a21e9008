/**
 * Tagged text for pdfkit: a structure tree (StructTreeRoot; MarkInfo /Marked true) whose Document
 * element holds one P per line or wrapped paragraph and a Span per drawn line, its marked content
 *   /Span <</MCID n [/Lang (en)]>> BDC … EMC
 * The catalog's /Lang is fa-IR; English lines say /Lang en.
 *
 * The line's Span carries no /ActualText, although right-to-left glyphs are in visual order:
 * poppler (pdftotext) lays a span's ActualText out left to right over its glyphs and then
 * reverses it as right-to-left text, so a logical-order line came out backwards; pypdf ignores
 * ActualText. Single characters whose glyph says something else (a mirrored bracket, a ZWNJ) get
 * an ActualText of their own (withActualText; persian-text.ts): one character has no order to
 * get wrong. See the README ("Text extraction").
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

/**
 * Marks the glyphs `draw` paints with one doc.text call as standing for `text` (/ActualText).
 * The marked content opens after the text object's Tf and closes before its ET: an extractor
 * takes the font, size and text matrix of the replacement text from the state at EMC (poppler),
 * and outside the text object pdfkit's page transform is upside down.
 */
export function withActualText(doc: Doc, text: string, draw: () => void): void {
  const writer = doc as unknown as { addContent(data: string): Doc };
  const addContent = writer.addContent;
  const open = `/Span << /ActualText ${actualTextString(text)} >> BDC`;
  writer.addContent = (data: string): Doc => {
    if (data === 'ET') addContent.call(doc, 'EMC');
    addContent.call(doc, data);
    if (/ Tf$/.test(data)) addContent.call(doc, open);
    return doc;
  };
  try {
    draw();
  } finally {
    writer.addContent = addContent;
  }
}

/** A PDF text string in UTF-16BE with its byte-order mark, as hex. */
function actualTextString(text: string): string {
  const utf16 = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
  return `<${utf16.toString('hex')}>`;
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
