/**
 * Who is on a register list now (definitions/registers.json): organisations holding a certificate
 * of the list's family that is valid today and whose scope includes the list's items. Read live
 * from the certificates table — a suspension, revocation or expiry takes effect at once.
 */
import type { Db } from '../../prisma/client';
import { registerList, type RegisterList } from '../definition-data';

export interface RegisterHolder {
  nationalId: string;
  nameFa: string;
  nameEn: string | null;
  /** The newest qualifying certificate. */
  certificateNumber: string;
  expiresAt: Date;
}

function coversScope(list: RegisterList, subjectJson: string): boolean {
  if (!list.scope) return true;
  const subject = JSON.parse(subjectJson) as Record<string, unknown>;
  const items = subject[list.scope.field];
  return Array.isArray(items) && list.scope.includes.every((i) => items.includes(i));
}

function listNamed(name: string): RegisterList {
  const list = registerList(name);
  if (!list) throw new Error(`unknown register list "${name}" (definitions/registers.json)`);
  return list;
}

/** The holders of one list, by organisation name; `nationalId` narrows it to one organisation. */
export async function registerHolders(db: Db, name: string, now: Date = new Date(), nationalId?: string): Promise<RegisterHolder[]> {
  const list = listNamed(name);
  const rows = await db.certificate.findMany({
    where: { family: list.family, status: 'valid', expiresAt: { gt: now }, ...(nationalId ? { holderNationalId: nationalId } : {}) },
    orderBy: { issuedAt: 'desc' },
    select: { number: true, holderNationalId: true, subject: true, expiresAt: true },
  });
  const byHolder = new Map<string, { number: string; expiresAt: Date }>();
  for (const row of rows) {
    if (!byHolder.has(row.holderNationalId) && coversScope(list, row.subject)) byHolder.set(row.holderNationalId, { number: row.number, expiresAt: row.expiresAt });
  }
  const organisations = await db.organisation.findMany({ where: { nationalId: { in: [...byHolder.keys()] } }, orderBy: { nameFa: 'asc' } });
  return organisations.map((o) => ({ nationalId: o.nationalId, nameFa: o.nameFa, nameEn: o.nameEn, certificateNumber: byHolder.get(o.nationalId)!.number, expiresAt: byHolder.get(o.nationalId)!.expiresAt }));
}

/** The form options of a register list: value = national id, label `Persian / English (certificate number)`. */
export async function registerOptions(db: Db, name: string, now?: Date): Promise<{ value: string; label: string }[]> {
  return (await registerHolders(db, name, now)).map((h) => ({ value: h.nationalId, label: `${h.nameFa} / ${h.nameEn ?? h.nameFa} (${h.certificateNumber})` }));
}

export type HolderCheck = { ok: true; holder: RegisterHolder } | { ok: false; fa: string; en: string };

/** Whether `nationalId` is on the list now, and if not, why, in both languages. */
export async function checkRegisterHolder(db: Db, name: string, nationalId: string, now: Date = new Date()): Promise<HolderCheck> {
  const list = listNamed(name);
  const [holder] = await registerHolders(db, name, now, nationalId);
  if (holder) return { ok: true, holder };
  const organisation = await db.organisation.findUnique({ where: { nationalId } });
  const who = organisation ? `${organisation.nameFa}` : `شناسه ملی ${nationalId}`;
  const whoEn = organisation ? `${organisation.nameEn ?? organisation.nameFa}` : `national ID ${nationalId}`;
  return { ok: false, fa: `${who} در فهرست «${list.name.fa}» نیست (گواهی صلاحیت معتبر ندارد).`, en: `${whoEn} is not among the ${list.name.en.charAt(0).toLowerCase()}${list.name.en.slice(1)} (no valid qualification).` };
}
