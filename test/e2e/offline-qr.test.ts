/**
 * The QR code that verifies offline, in a real browser (chromium via playwright-core) on the real
 * stack: a software technical approval is issued through the API, the part of its PDF's page with
 * the QR code is rendered to a PNG (pdftoppm), and the picture is given to the verify page's "scan
 * a QR code". The page reads
 * the code (jsqr), verifies the signed payload in the browser, shows the claims, and says the
 * online record agrees; with the network cut, it still verifies the signature (the signer
 * certificates kept from the first visit) and says the current status could not be checked; once
 * the certificate is revoked (the register's status-change route, confirmed by a technical
 * reviewer), the same picture gives "the online record disagrees: revoked". The camera path is
 * driven too: chromium's fake camera plays the same picture (as a Y4M video) to getUserMedia.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { runTool } from '../../activities/certificates/pdf-tools.test-helper';
import { completeTask, SAMPLE_APPLICATION, waitForCompletion, waitForPublicStatus, waitForTask } from '../../scripts/lib/walk-steps';
import { walkContext, walkTechnicalApproval } from '../../scripts/lib/walks';
import { seriousAccessibilityProblems } from '../support/axe';
import { BrowserSession, needs, shot } from '../support/browser';
import { RunningWorker, Stack, startApi, startWorker } from '../support/harness';

const PRODUCT = `سامانه آزمون کد QR برون‌خط ${Date.now().toString(36).slice(-6)}`;
const WORKFLOW_WAIT = 60_000;

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let ctx: ReturnType<typeof walkContext>;
let dir = '';
let number = '';
let qrPicture = '';
let qrVideo = '';
let holder = { name: '', nationalId: '' };

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
  ctx = walkContext(stack.baseUrl);
  ({ certificateNumber: number } = await walkTechnicalApproval(ctx, { ...SAMPLE_APPLICATION, productName: PRODUCT }));
  const file = await (await ctx.as('applicant')).get(`/api/certificates/${number}/pdf`);
  expect(file.status).toBe(200);
  holder = (await ctx.anonymous.get(`/api/public/certificates/${number}`)).body.holder;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-offline-qr-'));
  await fs.writeFile(path.join(dir, 'certificate.pdf'), file.body as Buffer);
  // a 300 dpi scan of the page's lower left quarter, where the QR code is (with the text beside it)
  const quarter = ['-x', '0', '-y', String(Math.round((600 / 72) * 300)), '-W', String(Math.round((300 / 72) * 300)), '-H', String(Math.round((242 / 72) * 300))];
  expect(runTool('pdftoppm', ['-png', '-r', '300', '-f', '1', '-l', '1', ...quarter, '-singlefile', path.join(dir, 'certificate.pdf'), path.join(dir, 'scan')]).status).toBe(0);
  qrPicture = path.join(dir, 'scan.png');
  // the same picture in grey (PGM), made into the video chromium's fake camera plays
  expect(runTool('pdftoppm', ['-gray', '-r', '300', '-f', '1', '-l', '1', ...quarter, '-singlefile', path.join(dir, 'certificate.pdf'), path.join(dir, 'scan')]).status).toBe(0);
  qrVideo = path.join(dir, 'scan.y4m');
  await fs.writeFile(qrVideo, y4mOfPgm(await fs.readFile(path.join(dir, 'scan.pgm'))));
}, 240_000);

/** One frame of grey YUV 4:2:0 video (Y4M) from a binary PGM of even width and height: its pixels are the luma. */
function y4mOfPgm(pgm: Buffer): Buffer {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary 8-bit PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const luma = pgm.subarray(header[0].length, header[0].length + width * height);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]);
}

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** Gives the picture to "scan a QR code" and waits for the verdict of its payload. */
async function scanPicture(page: Page): Promise<void> {
  await page.getByTestId('qr-file').setInputFiles(qrPicture);
  await page.locator('[data-testid="qr-verdict"], [data-testid="qr-scan-problem"], [data-testid="qr-failed"]').first().waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('qr-scan-problem').count()).toBe(0); // the picture held a code
}

describe('verify page: a QR code that verifies offline', () => {
  let page: Page;

  it('reads the QR from a picture, verifies its signature in the browser, shows the claims, and says the online record agrees', async () => {
    needs(number, 'certificate');
    page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/verify`);
    await scanPicture(page);
    expect(await page.getByTestId('qr-verdict').getAttribute('data-valid')).toBe('true');
    await page.getByTestId('qr-offline-verified').waitFor();
    expect(await page.getByTestId('qr-claim-number').innerText()).toBe(number);
    expect(await page.getByTestId('qr-claim-holder').innerText()).toBe(holder.name);
    expect(await page.getByTestId('qr-claim-national-id').innerText()).toBe(holder.nationalId);
    expect(await page.getByTestId('qr-claim-family').innerText()).toBe('TA');
    // Jalali first, the Gregorian date beside it
    const issued = await page.getByTestId('qr-claim-issued').innerText();
    expect(issued).toMatch(/[۰-۹]{4}/);
    expect(issued).toMatch(/20\d\d/);
    const record = (await ctx.anonymous.get(`/api/public/certificates/${number}`)).body;
    expect(await page.getByTestId('qr-claim-hash').innerText()).toBe(record.shortHash);
    expect(await page.getByTestId('qr-claim-signer').innerText()).toContain('ITO Demo Certificate Signer TA');

    const online = page.locator('[data-testid="qr-online"][data-state="agrees"]');
    await online.waitFor();
    expect(await online.innerText()).toMatch(/The online record agrees/);
    expect(await online.innerText()).toContain('سابقه برخط با آن همخوان است');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await shot(page, 'public-verify-qr-agrees');
  });

  it('without network: verifies the signature with the signer certificates it kept, and says the status could not be checked', async () => {
    needs(number, 'certificate');
    await page.context().setOffline(true);
    try {
      await page.getByTestId('qr-file').setInputFiles([]);
      await scanPicture(page);
      expect(await page.getByTestId('qr-verdict').getAttribute('data-valid')).toBe('true');
      await page.getByTestId('qr-offline-verified').waitFor();
      const online = page.locator('[data-testid="qr-online"][data-state="offline"]');
      await online.waitFor();
      expect(await online.innerText()).toMatch(/could not be checked/);
    } finally {
      await page.context().setOffline(false);
    }
  });

  it('reads the QR from the camera (a fake one playing the picture) and verifies it the same way', async () => {
    needs(number, 'certificate');
    const withCamera = await BrowserSession.launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${qrVideo}`]);
    try {
      const cameraPage = await withCamera.newPage({ permissions: ['camera'] });
      await cameraPage.goto(`${stack.baseUrl}/verify`);
      await cameraPage.getByTestId('qr-camera').click();
      await cameraPage.getByTestId('qr-verdict').waitFor({ timeout: 30_000 });
      expect(await cameraPage.getByTestId('qr-verdict').getAttribute('data-valid')).toBe('true');
      expect(await cameraPage.getByTestId('qr-claim-number').innerText()).toBe(number);
      // the camera is let go once the code is read
      expect(await cameraPage.getByTestId('qr-video').count()).toBe(0);
      expect(withCamera.pageErrors).toEqual([]);
    } finally {
      await withCamera.close();
    }
  });

  it('once the certificate is revoked, says the online record disagrees: revoked', async () => {
    needs(number, 'certificate');
    const admin = await ctx.as('admin');
    const reviewer = await ctx.as('reviewer2');
    const asked = await admin.post(`/api/certificates/${number}/status-changes`, { action: 'revoke', reason: 'آزمون کد QR / offline QR test' });
    expect(asked.status).toBe(202);
    await completeTask(reviewer, await waitForTask(reviewer, asked.body.trackingNumber, 'confirm-revocation', WORKFLOW_WAIT), { revocationDecision: 'confirm' });
    await waitForCompletion(admin, asked.body.trackingNumber, WORKFLOW_WAIT);
    await waitForPublicStatus(ctx.anonymous, number, 'revoked', WORKFLOW_WAIT);

    const fresh = await browser.newPage();
    await fresh.goto(`${stack.baseUrl}/verify`);
    await scanPicture(fresh);
    // the signature is still the organisation's: only the register says the certificate no longer holds
    expect(await fresh.getByTestId('qr-verdict').getAttribute('data-valid')).toBe('true');
    const online = fresh.locator('[data-testid="qr-online"][data-state="disagrees"]');
    await online.waitFor();
    expect(await online.getAttribute('data-status')).toBe('revoked');
    expect(await online.innerText()).toMatch(/The online record disagrees: revoked/i);
    expect(await online.innerText()).toContain('ابطال‌شده');
    await shot(fresh, 'public-verify-qr-revoked');
    expect(browser.pageErrors).toEqual([]);
  });
});
