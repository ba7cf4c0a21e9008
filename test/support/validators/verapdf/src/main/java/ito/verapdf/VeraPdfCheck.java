package ito.verapdf;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.RuleId;

/**
 * Usage: VeraPdfCheck FLAVOUR FILE... (FLAVOUR as veraPDF names it: 3b, 2b, 2u...).
 * Prints one JSON line per file: {"file":…,"compliant":…,"failures":["6.2.11.4.1-1: message (context) ×n", …]}.
 */
public final class VeraPdfCheck {
  private VeraPdfCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: VeraPdfCheck FLAVOUR FILE...");
      System.exit(2);
    }
    VeraGreenfieldFoundryProvider.initialise();
    PDFAFlavour flavour = PDFAFlavour.fromString(args[0]);
    for (int i = 1; i < args.length; i++) {
      File file = new File(args[i]);
      String line;
      try {
        line = check(file, flavour);
      } catch (Exception e) {
        line = "{\"file\":" + json(file.getPath()) + ",\"compliant\":false,\"failures\":[" + json("veraPDF could not validate the file: " + e) + "]}";
      }
      System.out.println(line);
    }
  }

  private static String check(File file, PDFAFlavour flavour) throws Exception {
    try (PDFAParser parser = Foundries.defaultInstance().createParser(file, flavour)) {
      PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
      ValidationResult result = validator.validate(parser);
      Map<String, String> firstFailure = new TreeMap<>();
      Map<String, Integer> counts = new TreeMap<>();
      for (TestAssertion assertion : result.getTestAssertions()) {
        if (assertion.getStatus() != TestAssertion.Status.FAILED) continue;
        RuleId rule = assertion.getRuleId();
        String id = rule.getClause() + "-" + rule.getTestNumber();
        counts.merge(id, 1, Integer::sum);
        firstFailure.putIfAbsent(id, assertion.getMessage() + " (" + assertion.getLocationContext() + ")");
      }
      StringBuilder failures = new StringBuilder();
      for (Map.Entry<String, String> failure : firstFailure.entrySet()) {
        if (failures.length() > 0) failures.append(',');
        failures.append(json(failure.getKey() + ": " + failure.getValue() + " x" + counts.get(failure.getKey())));
      }
      return "{\"file\":" + json(file.getPath()) + ",\"compliant\":" + result.isCompliant() + ",\"failures\":[" + failures + "]}";
    }
  }

  private static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }
}
