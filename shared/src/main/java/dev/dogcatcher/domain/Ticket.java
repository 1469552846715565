package dev.dogcatcher.domain;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * What Dogcatcher files for a new error: summary and labels are decided here, by policy, never by the
 * analyst — the analysis only fills in text.
 */
public record Ticket(String summary, List<String> labels, AnalyzedError error) {

  /** The label that marks the ticket of a fingerprint: {@code fp-<fingerprint>}. */
  public static final String FINGERPRINT_LABEL = "fp-";

  /** Jira's limit for a summary. */
  public static final int MAX_SUMMARY = 255;

  private static final int MAX_LABEL = 255;

  public Ticket {
    requireNonNull(summary, "summary == null");
    labels = List.copyOf(labels);
    requireNonNull(error, "error == null");
  }

  /** The ticket for an analyzed error: `[service] title`, labels `dogcatcher`, `fp-…`, `env-…`, service, type. */
  public static Ticket of(AnalyzedError error) {
    ErrorGroup group = error.group();
    Analysis analysis = error.analysis();
    String title = analysis.title().isBlank() ? fallbackTitle(group) : analysis.title();
    String prefix = group.service().isBlank() ? "" : "[" + group.service() + "] ";
    String summary = singleLine(prefix + title);
    if (summary.length() > MAX_SUMMARY) {
      summary = summary.substring(0, MAX_SUMMARY - 1) + "…";
    }
    LinkedHashSet<String> labels = new LinkedHashSet<>();
    labels.add("dogcatcher");
    labels.add(FINGERPRINT_LABEL + group.fingerprint());
    addLabel(labels, "env-", group.env());
    addLabel(labels, "service-", group.service());
    if (analysis.analyst() != AnalystKind.SKIPPED) {
      addLabel(labels, "type-", analysis.errorType());
    }
    return new Ticket(summary, new ArrayList<>(labels), error);
  }

  public String fingerprint() {
    return error.fingerprint();
  }

  public Severity severity() {
    return error.analysis().severity();
  }

  private static String fallbackTitle(ErrorGroup group) {
    String kind = group.errorKind().isBlank() ? "Error" : simpleName(group.errorKind());
    return kind + ": " + group.template();
  }

  private static String simpleName(String errorKind) {
    int dot = errorKind.lastIndexOf('.');
    return dot < 0 ? errorKind : errorKind.substring(dot + 1);
  }

  private static void addLabel(LinkedHashSet<String> labels, String prefix, String value) {
    String label = value.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    label = label.replaceAll("^-+|-+$", "");
    if (!label.isEmpty()) {
      String full = prefix + label;
      labels.add(full.length() > MAX_LABEL ? full.substring(0, MAX_LABEL) : full);
    }
  }

  private static String singleLine(String text) {
    return text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
  }
}
