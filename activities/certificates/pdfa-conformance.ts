/**
 * Declares a pdfkit document PDF/A-3b (ISO 19005-3, level b): the pdfaid XMP properties and an
 * sRGB output intent, so that the DeviceRGB colours the page uses are device independent.
 *
 * Written here rather than with pdfkit's `subset: 'PDF/A-3b'` option, which does the same two
 * things but embeds an ICC profile of its own whose licence it does not state; ours is
 * definitions/certificate-templates/sRGB-v2.icc (zlib licence, beside it). The rest of what PDF/A
 * asks is pdfkit's own behaviour, checked by veraPDF in certificate-pdfa.test.ts: embedded font
 * subsets (CIDSet left out, which PDF/A-3 allows), XMP mirroring the Info dictionary, the
 * trailer /ID, no transparency.
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
  appendXML(xml: string): void;
}

/** Call once, before doc.end(). */
export function declarePdfA3b(doc: Doc): void {
  srgbProfile ??= readFileSync(SRGB_PROFILE_FILE);
  const internals = doc as unknown as PdfKitInternals;
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
