package dev.dogcatcher.domain;

/** Another worker holds a live claim on the fingerprint: retry once its ticket is recorded. */
public final class FingerprintBusyException extends RuntimeException {

  public FingerprintBusyException(String message) {
    super(message);
  }
}
