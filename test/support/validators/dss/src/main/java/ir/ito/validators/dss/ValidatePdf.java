package ir.ito.validators.dss;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.diagnostic.CertificateRevocationWrapper;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.OCSPDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a PDF's first signature with EU DSS under its default validation policy, trusting only
 * the root certificate given, and prints one line of JSON (see {@link #summary}).
 *
 * <pre>
 * java -cp 'dss-validate.jar:lib/*' ir.ito.validators.dss.ValidatePdf --pdf FILE --trust ROOT.pem
 *      [--offline] [--validation-time 2030-01-01T00:00:00Z]
 * </pre>
 *
 * Online, DSS fetches CRLs, OCSP answers and missing issuer certificates at the URLs the
 * certificates name (CRL distribution point, AIA); {@code --offline} forbids every fetch, so only
 * what the PDF carries counts. Exit code 0 whatever the verdict; 2 for a usage error or a failure
 * to validate at all (the message on stderr).
 */
public final class ValidatePdf {
    /** A validator must answer, not hang, when a revocation URL does not. */
    private static final int HTTP_TIMEOUT_MS = 10_000;

    private ValidatePdf() {
    }

    public static void main(String[] args) {
        try {
            Options options = Options.parse(args);
            System.out.println(Json.write(summary(validate(options))));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("DSS could not validate the file: " + e);
            System.exit(2);
        }
    }

    static Reports validate(Options options) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(DSSUtils.loadCertificate(new File(options.trustPem)));

        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        if (options.offline) {
            verifier.setCrlSource(null);
            verifier.setOcspSource(null);
            verifier.setAIASource(null);
        } else {
            CommonsDataLoader loader = withTimeouts(new CommonsDataLoader());
            verifier.setCrlSource(new OnlineCRLSource(loader));
            OnlineOCSPSource ocsp = new OnlineOCSPSource(withTimeouts(new OCSPDataLoader()));
            verifier.setOcspSource(ocsp);
            verifier.setAIASource(new DefaultAIASource(loader));
        }
        // validation reports problems in its verdict; alerts (meant for signing) must not throw
        verifier.setAlertOnMissingRevocationData(new SilentOnStatusAlert());
        verifier.setAlertOnInvalidTimestamp(new SilentOnStatusAlert());
        verifier.setAlertOnRevokedCertificate(new SilentOnStatusAlert());
        verifier.setAlertOnUncoveredPOE(new SilentOnStatusAlert());
        verifier.setAlertOnNoRevocationAfterBestSignatureTime(new SilentOnStatusAlert());
        verifier.setAlertOnExpiredCertificate(new SilentOnStatusAlert());
        verifier.setAlertOnNotYetValidCertificate(new SilentOnStatusAlert());
        verifier.setAlertOnInvalidSignature(new SilentOnStatusAlert());

        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(options.pdf));
        validator.setCertificateVerifier(verifier);
        if (options.validationTime != null) validator.setValidationTime(Date.from(options.validationTime));
        return validator.validateDocument();
    }

    private static <T extends CommonsDataLoader> T withTimeouts(T loader) {
        loader.setTimeoutConnection(HTTP_TIMEOUT_MS);
        loader.setTimeoutConnectionRequest(HTTP_TIMEOUT_MS);
        loader.setTimeoutResponse(HTTP_TIMEOUT_MS);
        loader.setTimeoutSocket(HTTP_TIMEOUT_MS);
        return loader;
    }

    /** The simple report of the first signature, and counts from the diagnostic data. */
    static Map<String, Object> summary(Reports reports) {
        SimpleReport simple = reports.getSimpleReport();
        DiagnosticData diagnostic = reports.getDiagnosticData();
        Map<String, Object> out = new LinkedHashMap<>();
        String id = simple.getFirstSignatureId();
        out.put("signatureCount", simple.getSignatureIdList().size());
        out.put("timestampCount", diagnostic.getTimestampList().size());
        if (id == null) {
            out.put("indication", null);
            return out;
        }
        Indication indication = simple.getIndication(id);
        SubIndication subIndication = simple.getSubIndication(id);
        SignatureLevel format = simple.getSignatureFormat(id);
        out.put("indication", indication == null ? null : indication.name());
        out.put("subIndication", subIndication == null ? null : subIndication.name());
        out.put("signatureFormat", format == null ? null : format.toString());
        out.put("signedBy", simple.getSignedBy(id));
        out.put("signingTime", iso(simple.getSigningTime(id)));
        out.put("bestSignatureTime", iso(simple.getBestSignatureTime(id)));
        out.put("signatureTimestampCount", simple.getSignatureTimestamps(id).size());
        out.put("signerRevocation", signerRevocation(diagnostic, id));
        out.put("errors", texts(simple.getAdESValidationErrors(id)));
        out.put("warnings", texts(simple.getAdESValidationWarnings(id)));
        out.put("info", texts(simple.getAdESValidationInfo(id)));
        return out;
    }

    /** The newest revocation data DSS has for the signer's certificate (from the file or fetched), or null. */
    private static Map<String, Object> signerRevocation(DiagnosticData diagnostic, String signatureId) {
        CertificateWrapper signer = diagnostic.getSignatureById(signatureId).getSigningCertificate();
        if (signer == null) return null;
        CertificateRevocationWrapper latest = diagnostic.getLatestRevocationDataForCertificate(signer);
        if (latest == null) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", latest.getStatus() == null ? null : latest.getStatus().name());
        out.put("revocationDate", iso(latest.getRevocationDate()));
        out.put("reason", latest.getReason() == null ? null : latest.getReason().name());
        out.put("type", latest.getRevocationType() == null ? null : latest.getRevocationType().name());
        out.put("origin", latest.getOrigin() == null ? null : latest.getOrigin().name());
        out.put("thisUpdate", iso(latest.getThisUpdate()));
        return out;
    }

    private static String iso(Date date) {
        return date == null ? null : date.toInstant().toString();
    }

    private static List<String> texts(List<Message> messages) {
        List<String> out = new ArrayList<>();
        for (Message message : messages) out.add(message.getValue());
        return out;
    }

    static final class Options {
        String pdf;
        String trustPem;
        boolean offline;
        Instant validationTime;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--pdf" -> o.pdf = value(args, ++i);
                    case "--trust" -> o.trustPem = value(args, ++i);
                    case "--offline" -> o.offline = true;
                    case "--validation-time" -> o.validationTime = Instant.parse(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: --pdf FILE --trust ROOT.pem [--offline] [--validation-time ISO-8601]");
                }
            }
            if (o.pdf == null || o.trustPem == null) throw new IllegalArgumentException("usage: --pdf FILE --trust ROOT.pem [--offline] [--validation-time ISO-8601]");
            return o;
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
            return args[i];
        }
    }
}
