package dev.dogcatcher.domain;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What an analyst says of an error group: the validated content of a ticket. */
public record Analysis(
    String errorType,
    Severity severity,
    String title,
    String summary,
    List<String> causes,
    List<String> actions,
    AnalystKind analyst) {

  public Analysis {
    requireNonNull(errorType, "errorType == null");
    requireNonNull(severity, "severity == null");
    requireNonNull(title, "title == null");
    requireNonNull(summary, "summary == null");
    requireNonNull(analyst, "analyst == null");
    causes = causes == null ? List.of() : List.copyOf(causes);
    actions = actions == null ? List.of() : List.copyOf(actions);
    if (analyst != AnalystKind.SKIPPED && title.isBlank()) {
      throw new IllegalArgumentException("title is blank");
    }
  }

  /** The analysis of an error that already has a ticket: no analyst ran. */
  public static Analysis skipped() {
    return new Analysis("known", Severity.LOW, "", "", List.of(), List.of(), AnalystKind.SKIPPED);
  }
}
