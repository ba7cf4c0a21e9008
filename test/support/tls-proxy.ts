/**
 * TLS in front of the plain Temporal dev server, for tests of the app's TLS settings: a throw-away
 * CA that issues a server certificate for localhost and client certificates, and a TLS-terminating
 * TCP proxy (HTTP/2 by ALPN, as gRPC needs) that pipes each accepted connection to the dev server.
 * With `requireClientCertificate` it asks for and checks a client certificate (mTLS), as a
 * production frontend with `requireClientAuth` does.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import forge from 'node-forge';

export interface IssuedPair {
  certPem: string;
  keyPem: string;
}

export interface TestCa extends IssuedPair {
  /** A certificate for a server (DNS names and IPs) or a client (clientAuth), signed by this CA. */
  issue(commonName: string, use: { server: { dnsNames: string[]; ips: string[] } } | { client: true }): IssuedPair;
}

function rsaKeyPair(): forge.pki.rsa.KeyPair {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateForge = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  return { privateKey: privateForge, publicKey: forge.pki.setRsaPublicKey(privateForge.n, privateForge.e) };
}

let serial = 1;
function certificate(subjectCn: string, keys: forge.pki.rsa.KeyPair, issuer: { cn: string; key: forge.pki.rsa.PrivateKey } | 'self', extensions: object[]): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = (serial++).toString(16).padStart(2, '0');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: subjectCn }]);
  cert.setIssuer([{ name: 'commonName', value: issuer === 'self' ? subjectCn : issuer.cn }]);
  cert.setExtensions(extensions);
  cert.sign(issuer === 'self' ? keys.privateKey : issuer.key, forge.md.sha256.create());
  return cert;
}

export function createTestCa(name: string): TestCa {
  const keys = rsaKeyPair();
  const caCert = certificate(name, keys, 'self', [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  return {
    certPem: forge.pki.certificateToPem(caCert),
    keyPem: forge.pki.privateKeyToPem(keys.privateKey),
    issue(commonName, use) {
      const leafKeys = rsaKeyPair();
      const usage = 'server' in use
        ? [{ name: 'extKeyUsage', serverAuth: true }, { name: 'subjectAltName', altNames: [...use.server.dnsNames.map((value) => ({ type: 2, value })), ...use.server.ips.map((ip) => ({ type: 7, ip }))] }]
        : [{ name: 'extKeyUsage', clientAuth: true }];
      const cert = certificate(commonName, leafKeys, { cn: name, key: keys.privateKey }, [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        ...usage,
      ]);
      return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(leafKeys.privateKey) };
    },
  };
}

/** Writes PEM text to `dir/name` (mode 600) and returns the path, for the app's *File settings. */
export function writePem(dir: string, name: string, pem: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, pem, { mode: 0o600 });
  return file;
}

export interface TlsProxy {
  /** host:port to give the app as its Temporal address (an IP: the certificate's name must be given as the server name). */
  address: string;
  /** The common names of the client certificates of the connections the proxy accepted. */
  acceptedClients: string[];
  /** Why handshakes failed (OpenSSL's reasons, e.g. a client without a certificate, or one that rejected ours). */
  refusals: string[];
  close(): Promise<void>;
}

export function startTlsProxy({ server, caPem, upstream, requireClientCertificate }: {
  server: IssuedPair;
  /** The CA client certificates must chain to. */
  caPem: string;
  /** The plain gRPC port behind the proxy, host:port. */
  upstream: string;
  requireClientCertificate: boolean;
}): Promise<TlsProxy> {
  const [upstreamHost, upstreamPort] = [upstream.slice(0, upstream.lastIndexOf(':')), Number(upstream.slice(upstream.lastIndexOf(':') + 1))];
  const acceptedClients: string[] = [];
  const refusals: string[] = [];
  const sockets = new Set<net.Socket>();
  const proxy = tls.createServer({
    key: server.keyPem,
    cert: server.certPem,
    ca: [caPem],
    requestCert: requireClientCertificate,
    rejectUnauthorized: requireClientCertificate,
    ALPNProtocols: ['h2'],
  }, (clientSide) => {
    const peer = clientSide.getPeerCertificate();
    acceptedClients.push(peer && 'subject' in peer && peer.subject ? String(peer.subject.CN) : '(no certificate)');
    const serverSide = net.connect(upstreamPort, upstreamHost);
    for (const socket of [clientSide, serverSide]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => { clientSide.destroy(); serverSide.destroy(); });
    }
    clientSide.pipe(serverSide).pipe(clientSide);
  });
  proxy.on('tlsClientError', (err) => refusals.push(err.message));
  return new Promise((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(0, '127.0.0.1', () => {
      const { port } = proxy.address() as net.AddressInfo;
      resolve({
        address: `127.0.0.1:${port}`,
        acceptedClients,
        refusals,
        close: () => new Promise<void>((done) => {
          for (const socket of sockets) socket.destroy();
          proxy.close(() => done());
        }),
      });
    });
  });
}
