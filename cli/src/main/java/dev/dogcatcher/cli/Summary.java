package dev.dogcatcher.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/** The table printed at the end of a run. */
final class Summary {

  private static final int MAX_ROWS = 25;

  private Summary() {}

  static void print(PrintWriter out, RunReport report, String destination) {
    out.println();
    out.printf("%-22s %,d%n", "logs read", report.logsRead());
    out.printf("%-22s %,d%n", "skipped (invalid)", report.skippedInvalid());
    out.printf("%-22s %,d (%,d new)%n", "error groups", report.errorGroups(), report.newGroups());
    out.printf("%-22s %,d (llm calls %,d, tokens %,d in / %,d out)%n", "analyzed", report.analyzed(), report.llmCalls(),
        report.llmInputTokens(), report.llmOutputTokens());
    out.printf("%-22s %,d%n", "tickets created", report.ticketsCreated());
    out.printf("%-22s %,d (+%,d reopened)%n", "occurrences recorded", report.occurrencesRecorded(), report.reopened());
    out.printf("%-22s %,d%n", "duplicates suppressed", report.duplicatesSuppressed());
    out.printf("%-22s %,d%n", "capped", report.capped());
    out.printf("%-22s %,d failed attempts, %,d dead-lettered%n", "retries", report.failed(), report.deadLettered());
    out.printf("%-22s %,d ms%n", "wall time", report.wallMs());
    out.printf("%-22s %s%n", "tickets in", destination);
    List<RunReport.Group> rows = report.groups().stream()
        .sorted(Comparator.comparingLong(RunReport.Group::count).reversed()).limit(MAX_ROWS).toList();
    if (!rows.isEmpty()) {
      out.println();
      out.printf("%7s  %-13s %-8s %-14s %s%n", "count", "outcome", "severity", "service", "title");
      for (RunReport.Group row : rows) {
        out.printf("%,7d  %-13s %-8s %-14s %s%n", row.count(), row.outcome(), row.severity(),
            abbreviate(row.service(), 14), abbreviate(row.title().isEmpty() ? row.reason() : row.title(), 90));
      }
      if (report.groups().size() > MAX_ROWS) {
        out.printf("… and %d more groups (see --report)%n", report.groups().size() - MAX_ROWS);
      }
    }
    report.skipped().stream().limit(5).forEach(s -> out.printf("skipped %s: %s%n", s.position(), s.reason()));
    out.flush();
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
