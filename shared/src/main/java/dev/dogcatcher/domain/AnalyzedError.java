package dev.dogcatcher.domain;

import static java.util.Objects.requireNonNull;

/** An error group with its analysis: the TicketQueue message (the ErrorGroup fields plus `analysis`). */
public record AnalyzedError(ErrorGroup group, Analysis analysis) {

  public AnalyzedError {
    requireNonNull(group, "group == null");
    requireNonNull(analysis, "analysis == null");
  }

  public String fingerprint() {
    return group.fingerprint();
  }
}
