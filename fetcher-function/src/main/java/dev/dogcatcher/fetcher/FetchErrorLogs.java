package dev.dogcatcher.fetcher;

import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.ErrorGrouping;
import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.domain.TimeWindow;
import dev.dogcatcher.fingerprint.Fingerprint;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.port.ErrorLogSource;
import dev.dogcatcher.port.ErrorQueue;
import dev.dogcatcher.port.FetchCursor;
import dev.dogcatcher.port.SlotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the logs of the window [cursor, now − lag), groups them by fingerprint and publishes one
 * {@link ErrorGroup} per distinct error; the cursor moves only after every group is published, so a
 * failed run skips nothing and a re-run window is de-duplicated by the later stages.
 */
public final class FetchErrorLogs {

  private static final Logger LOG = LoggerFactory.getLogger(FetchErrorLogs.class);

  private final ErrorLogSource source;
  private final FetchCursor cursor;
  private final ErrorQueue<ErrorGroup> queue;
  private final Fingerprinter fingerprinter;
  private final SlotStore slots;
  private final Clock clock;
  private final Duration lag;
  private final Duration lookback;

  public FetchErrorLogs(
      ErrorLogSource source,
      FetchCursor cursor,
      ErrorQueue<ErrorGroup> queue,
      Fingerprinter fingerprinter,
      SlotStore slots,
      Clock clock,
      Duration lag,
      Duration lookback) {
    this.source = source;
    this.cursor = cursor;
    this.queue = queue;
    this.fingerprinter = fingerprinter;
    this.slots = slots;
    this.clock = clock;
    this.lag = lag;
    this.lookback = lookback;
  }

  /** Fetches the window that follows the cursor and advances the cursor to its end. */
  public FetchReport fetchNext(String runId) {
    Instant to = clock.instant().minus(lag);
    Instant from = cursor.position(source.name()).orElse(to.minus(lookback));
    if (!to.isAfter(from)) {
      return new FetchReport(new TimeWindow(from, from), 0, List.of(), List.of(), Map.of());
    }
    FetchReport report = fetch(runId, new TimeWindow(from, to));
    cursor.advance(source.name(), to);
    return report;
  }

  /** Fetches one window and publishes its groups, without touching the cursor. */
  public FetchReport fetch(String runId, TimeWindow window) {
    return fetch(runId, window, (log, fingerprint) -> {});
  }

  /**
   * Fetches one window and publishes its groups, telling the observer each log's fingerprint before
   * learned slots gather groups (the local engine's run report lists every log id of every group; the
   * report's {@code moved} says where they went).
   */
  public FetchReport fetch(String runId, TimeWindow window, BiConsumer<ErrorLog, Fingerprint> observer) {
    ErrorGrouping grouping = new ErrorGrouping(fingerprinter, slots);
    List<FetchReport.Rejection> rejected = new ArrayList<>();
    long[] read = {0};
    source.read(
        window,
        new ErrorLogSource.LogSink() {
          @Override
          public void accept(ErrorLog log) {
            read[0]++;
            observer.accept(log, grouping.add(log));
          }

          @Override
          public void reject(String position, String reason) {
            read[0]++;
            rejected.add(new FetchReport.Rejection(position, reason));
          }
        });
    ErrorGrouping.Result grouped = grouping.finish();
    List<ErrorGroup> built = grouped.groups().stream().map(group -> group.build(runId)).toList();
    queue.publish(built);
    LOG.info(
        "fetched runId={}, window=[{}, {}), logs={}, rejected={}, groups={}",
        runId, window.from(), window.to(), read[0], rejected.size(), built.size());
    rejected.stream()
        .limit(10)
        .forEach(r -> LOG.warn("skipped invalid log: runId={}, position={}, reason={}", runId, r.position(), r.reason()));
    return new FetchReport(window, read[0], rejected, built, grouped.moved());
  }
}
