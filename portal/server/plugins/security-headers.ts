/**
 * Security headers on every answer, pages, API and errors alike (an onSend hook sees them all but
 * the framework's routing errors: errors.ts sets them there).
 *
 * The content security policy allows scripts from the portal's own origin only (its pages load
 * /assets/build/*.js and run no inline script). Styles may be inline: MUI/emotion and bpmn-js write
 * style elements and attributes at run time. Images and fonts may be data: URLs (the modeler's
 * icon font and SVG icons are inlined in its stylesheet), images also blob: (downloads made in
 * the page). Nobody may frame the portal.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // for browsers that do not know frame-ancestors
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  // the camera for the portal's own pages only: the verify page scans a certificate's QR code
  'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** Sets the headers on an answer; the onSend hook does it for all, Fastify's framework errors call it themselves. */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  // a route's own header stays (a stored document is sent with `sandbox`), but no answer may be framed
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
  const policy = String(reply.getHeader('content-security-policy'));
  if (!/(^|;)\s*frame-ancestors\s/.test(policy)) reply.header('content-security-policy', `${policy}; frame-ancestors 'none'`);
  // API answers carry personal data and tokens: no cache keeps them, unless the route said otherwise
  if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    applySecurityHeaders(request, reply);
    return payload;
  });
}
