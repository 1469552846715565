package dev.dogcatcher.fingerprint;

import dev.dogcatcher.domain.ErrorLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Fingerprint v1 (DESIGN §5). PLACEHOLDER: replaced by the full implementation. */
public final class Fingerprinter {

  public static final int VERSION = 1;

  private final List<String> appPackages;

  public Fingerprinter(List<String> appPackages) {
    this.appPackages = List.copyOf(appPackages);
  }

  public static Fingerprinter standard() {
    return new Fingerprinter(List.of());
  }

  public Fingerprint of(ErrorLog log) {
    String template = log.text().replaceAll("\\d+", "<int>");
    if (log.fingerprintOverride().isPresent()) {
      return new Fingerprint(hash("override|" + log.fingerprintOverride().get()), VERSION, template);
    }
    return new Fingerprint(
        hash("v1|" + log.service() + "|" + log.errorKind() + "||" + template + appPackages.size()), VERSION, template);
  }

  static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
