/**
 * Declares a pdfkit document PDF/A-3b (ISO 19005-3, level b): the pdfaid XMP properties and an
 * sRGB output intent, so that the DeviceRGB colours the page uses are device independent.
 *
 * Written here rather than with pdfkit's `subset: 'PDF/A-3b'` option, which does the same two
 * things but embeds an ICC profile of its own whose licence it does not state; ours is
 * definitions/certificate-templates/sRGB-v2.icc (zlib licence, beside it). The rest of what PDF/A
 * asks is pdfkit's own behaviour, checked by veraPDF in certificate-pdfa.test.ts: embedded font
 * subsets (CIDSet left out, which PDF/A-3 allows), XMP mirroring the Info dictionary (escaped
 * here: escapeInfoInXmp), the trailer /ID, no transparency.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type PDFDocument from 'pdfkit';
import { DEFAULT_TEMPLATE_DIR } from './certificate-template';

type Doc = InstanceType<typeof PDFDocument>;

export const SRGB_PROFILE_FILE = path.join(DEFAULT_TEMPLATE_DIR, 'sRGB-v2.icc');

let srgbProfile: Buffer | undefined;

interface PdfKitInternals {
  _root: { data: Record<string, unknown> };
  info: Record<string, unknown>;
  appendXML(xml: string): void;
  /** Copies the Info strings into the XMP, as they are. */
  _addInfo(): void;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const escapeXml = (text: string): string => text.replace(/[&<>]/g, (c) => XML_ESCAPES[c]);

/**
 * pdfkit writes the Info strings into the XMP unescaped, so a template title or issuer with `&` or
 * `<` would make the metadata malformed XML (and the file not PDF/A). The XMP gets them escaped;
 * the Info dictionary keeps them as they are.
 */
function escapeInfoInXmp(internals: PdfKitInternals): void {
  const addInfo = internals._addInfo.bind(internals);
  internals._addInfo = () => {
    const raw = { ...internals.info };
    for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') internals.info[key] = escapeXml(value);
    try {
      addInfo();
    } finally {
      Object.assign(internals.info, raw);
    }
  };
}

/** Call once, before doc.end(). */
export function declarePdfA3b(doc: Doc): void {
  srgbProfile ??= readFileSync(SRGB_PROFILE_FILE);
  const internals = doc as unknown as PdfKitInternals;
  escapeInfoInXmp(internals);
  internals.appendXML(`
        <rdf:Description xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" rdf:about="">
            <pdfaid:part>3</pdfaid:part>
            <pdfaid:conformance>B</pdfaid:conformance>
        </rdf:Description>`);
  const profile = doc.ref({ N: 3, Length: srgbProfile.length });
  profile.write(srgbProfile);
  profile.end(undefined);
  const intent = doc.ref({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: new String('sRGB IEC61966-2.1'),
    Info: new String('sRGB IEC61966-2.1'),
    DestOutputProfile: profile,
  });
  intent.end(undefined);
  internals._root.data.OutputIntents = [intent];
}
