package dev.dogcatcher.domain;

import static java.util.Objects.requireNonNull;

/** The outcome of filing one analyzed error, with the issue it concerns (empty when capped). */
public record FilingResult(Filing filing, String fingerprint, String issueKey) {

  public FilingResult {
    requireNonNull(filing, "filing == null");
    requireNonNull(fingerprint, "fingerprint == null");
    issueKey = ErrorLog.orEmpty(issueKey);
  }
}
