package dev.dogcatcher.fingerprint;

import static java.util.Objects.requireNonNull;

/** A computed fingerprint: the group key, the algorithm version that made it, and the message template. */
public record Fingerprint(String value, int version, String template) {

  public Fingerprint {
    requireNonNull(value, "value == null");
    requireNonNull(template, "template == null");
  }
}
