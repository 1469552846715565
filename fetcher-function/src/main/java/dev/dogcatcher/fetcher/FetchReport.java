package dev.dogcatcher.fetcher;

import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.TimeWindow;
import java.util.List;
import java.util.Map;

/**
 * What one fetch did: the window, how many logs it read, which it could not read and why, the groups it
 * published, and the fingerprints that moved to a learned slot's ({@link
 * dev.dogcatcher.domain.ErrorGrouping.Result#moved}).
 */
public record FetchReport(
    TimeWindow window, long logsRead, List<Rejection> rejected, List<ErrorGroup> groups, Map<String, String> moved) {

  public FetchReport {
    rejected = List.copyOf(rejected);
    groups = List.copyOf(groups);
    moved = Map.copyOf(moved);
  }

  /** A log that could not be read: where it was and why. */
  public record Rejection(String position, String reason) {}
}
