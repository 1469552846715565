package dev.dogcatcher.fetcher;

import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.TimeWindow;
import java.util.List;

/**
 * What one fetch did: the window, how many logs it read, which it could not read and why, and the
 * groups it published.
 */
public record FetchReport(TimeWindow window, long logsRead, List<Rejection> rejected, List<ErrorGroup> groups) {

  public FetchReport {
    rejected = List.copyOf(rejected);
    groups = List.copyOf(groups);
  }

  /** A log that could not be read: where it was and why. */
  public record Rejection(String position, String reason) {}
}
