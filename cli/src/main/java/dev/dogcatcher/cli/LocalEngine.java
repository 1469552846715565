package dev.dogcatcher.cli;

import dev.dogcatcher.analyzer.AnalyzeError;
import dev.dogcatcher.analyzer.redact.Redactor;
import dev.dogcatcher.domain.AnalystKind;
import dev.dogcatcher.domain.AnalyzedError;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Filing;
import dev.dogcatcher.domain.FilingResult;
import dev.dogcatcher.domain.TimeWindow;
import dev.dogcatcher.fetcher.FetchErrorLogs;
import dev.dogcatcher.fetcher.FetchReport;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.port.ErrorAnalyst;
import dev.dogcatcher.port.ErrorLogSource;
import dev.dogcatcher.port.ErrorQueue;
import dev.dogcatcher.port.FetchCursor;
import dev.dogcatcher.port.SlotStore;
import dev.dogcatcher.port.FingerprintRegistry;
import dev.dogcatcher.port.TicketTracker;
import dev.dogcatcher.ticket.FileTicket;
import dev.dogcatcher.ticket.TicketPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole pipeline in one JVM, on the use cases the Lambdas run: fetch and group, then {@code workers}
 * analyzer threads (the local analogue of the event source's maximum concurrency) fed by a bounded
 * queue, then {@code ticketWorkers} ticket threads (few for Jira, as the Lambda's concurrency of 2). A message that keeps failing is dead-lettered with its reason, as SQS
 * would after maxReceiveCount.
 */
final class LocalEngine {

  /** How long an interrupted run waits for the tickets being filed. */
  private static final Duration FILING_GRACE = Duration.ofSeconds(20);

  private final ErrorLogSource source;
  private final FingerprintRegistry registry;
  private final FetchCursor cursor;
  private final SlotStore slots;
  private final TicketTracker tracker;
  private final ErrorAnalyst analyst;
  private final ErrorAnalyst fallback;
  private final Fingerprinter fingerprinter;
  private final TicketPolicy policy;
  private final Clock clock;
  private final int workers;
  private final int ticketWorkers;
  private final Delivery delivery;
  private final Progress progress;

  LocalEngine(
      ErrorLogSource source,
      FingerprintRegistry registry,
      FetchCursor cursor,
      SlotStore slots,
      TicketTracker tracker,
      ErrorAnalyst analyst,
      ErrorAnalyst fallback,
      Fingerprinter fingerprinter,
      TicketPolicy policy,
      Clock clock,
      int workers,
      int ticketWorkers,
      Delivery delivery,
      Progress progress) {
    this.source = source;
    this.registry = registry;
    this.cursor = cursor;
    this.slots = slots;
    this.tracker = tracker;
    this.analyst = analyst;
    this.fallback = fallback;
    this.fingerprinter = fingerprinter;
    this.policy = policy;
    this.clock = clock;
    this.workers = workers;
    this.ticketWorkers = ticketWorkers;
    this.delivery = delivery;
    this.progress = progress;
  }

  /** Runs one window through the pipeline and reports what became of every log. */
  RunReport run(String runId, TimeWindow window) {
    long started = System.nanoTime();
    Map<String, List<String>> logIds = new ConcurrentHashMap<>();
    Map<String, AnalyzedError> analyzed = new ConcurrentHashMap<>();
    Map<String, FilingResult> filed = new ConcurrentHashMap<>();
    Map<String, String> deadLettered = new ConcurrentHashMap<>();
    AtomicLong failedAttempts = new AtomicLong();

    ExecutorService analyzers = boundedPool("analyzer", workers);
    ExecutorService tickets = boundedPool("ticket", ticketWorkers);
    FileTicket fileTicket = new FileTicket(registry, tracker, clock, policy, "local-" + runId);
    ErrorQueue<AnalyzedError> ticketQueue =
        messages -> messages.forEach(error -> tickets.execute(() -> {
          Delivery.Outcome outcome = delivery.deliver(error, e -> {
            filed.put(e.fingerprint(), fileTicket.file(e));
            progress.filed();
          });
          record(error.fingerprint(), outcome, failedAttempts, deadLettered);
        }));
    AnalyzeError analyzeError =
        new AnalyzeError(registry, tracker.destination(), new Redactor(), analyst, fallback, error -> {
          error.forEach(e -> analyzed.put(e.fingerprint(), e));
          ticketQueue.publish(error);
        });
    ErrorQueue<ErrorGroup> logQueue =
        groups -> groups.forEach(group -> analyzers.execute(() -> {
          Delivery.Outcome outcome = delivery.deliver(group, g -> {
            analyzeError.analyze(g);
            progress.analyzed();
          });
          record(group.fingerprint(), outcome, failedAttempts, deadLettered);
        }));

    FetchErrorLogs fetch =
        new FetchErrorLogs(source, cursor, logQueue, fingerprinter, slots, clock, Duration.ZERO, Duration.ZERO);
    AtomicBoolean interrupted = new AtomicBoolean();
    Thread onInterrupt = new Thread(() -> stopCleanly(interrupted, analyzers, tickets), "dogcatcher-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    FetchReport fetched;
    try {
      fetched = fetch.fetch(runId, window, (log, fingerprint) -> {
        logIds.computeIfAbsent(fingerprint.value(), key -> new ArrayList<>()).add(log.id());
        progress.read();
      });
      fetched.moved().forEach((from, to) -> {
        List<String> ids = logIds.remove(from);
        if (ids != null) {
          logIds.computeIfAbsent(to, key -> new ArrayList<>()).addAll(ids);
        }
      });
      progress.grouped(fetched.groups().size());
    } finally {
      drain(analyzers);
      drain(tickets);
    }
    if (interrupted.get()) {
      throw new IllegalStateException("interrupted");
    }
    Runtime.getRuntime().removeShutdownHook(onInterrupt);
    cursor.advance(source.name(), window.to());
    return report(runId, fetched, logIds, analyzed, filed, deadLettered, failedAttempts.get(),
        (System.nanoTime() - started) / 1_000_000);
  }

  private static void record(
      String fingerprint, Delivery.Outcome outcome, AtomicLong failedAttempts, Map<String, String> deadLettered) {
    failedAttempts.addAndGet(outcome.failedAttempts());
    if (outcome.deadLettered()) {
      deadLettered.put(fingerprint, outcome.deadLetterReason());
    }
  }

  private RunReport report(
      String runId,
      FetchReport fetched,
      Map<String, List<String>> logIds,
      Map<String, AnalyzedError> analyzed,
      Map<String, FilingResult> filed,
      Map<String, String> deadLettered,
      long failedAttempts,
      long wallMs) {
    List<RunReport.Group> groups = new ArrayList<>();
    long created = 0;
    long occurrences = 0;
    long reopened = 0;
    long capped = 0;
    long analyses = 0;
    long newGroups = 0;
    long suppressed = 0;
    for (ErrorGroup group : fetched.groups()) {
      String fp = group.fingerprint();
      AnalyzedError analysis = analyzed.get(fp);
      FilingResult result = filed.get(fp);
      boolean isNew = analysis != null && analysis.analysis().analyst() != AnalystKind.SKIPPED;
      if (isNew) {
        analyses++;
        newGroups++;
      }
      String outcome;
      if (result != null) {
        outcome = result.filing().name().toLowerCase(Locale.ROOT);
        switch (result.filing()) {
          case CREATED -> {
            created++;
            suppressed += group.count() - 1;
          }
          case OCCURRENCE -> {
            occurrences++;
            suppressed += group.count();
          }
          case REOPENED -> {
            reopened++;
            suppressed += group.count();
          }
          case CAPPED -> capped++;
        }
      } else {
        outcome = "dead_lettered";
      }
      groups.add(new RunReport.Group(
          fp,
          group.service(),
          isNew ? analysis.analysis().title() : "",
          isNew ? analysis.analysis().severity().toString() : "",
          analysis == null ? "" : analysis.analysis().analyst().toString(),
          group.count(),
          outcome,
          result == null ? "" : result.issueKey(),
          deadLettered.getOrDefault(fp, ""),
          logIds.getOrDefault(fp, List.of())));
    }
    List<RunReport.Skipped> skipped =
        fetched.rejected().stream().map(r -> new RunReport.Skipped(r.position(), r.reason())).toList();
    return new RunReport(runId, source.name(), tracker.destination(), fetched.logsRead(), skipped.size(),
        fetched.groups().size(), newGroups, analyses, 0, 0, 0, created, occurrences, reopened, suppressed, capped,
        failedAttempts, deadLettered.size(), wallMs, skipped, groups);
  }

  /** A fixed pool whose queue is bounded: a full queue makes the producer wait (back-pressure). */
  private static ExecutorService boundedPool(String name, int threads) {
    AtomicInteger number = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(Math.max(64, threads * 4)),
        runnable -> {
          Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        },
        (runnable, executor) -> {
          if (executor.isShutdown()) {
            throw new RejectedExecutionException(name + " pool is shut down");
          }
          try {
            executor.getQueue().put(runnable);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while queueing", e);
          }
        });
  }

  /**
   * On Ctrl-C (or SIGTERM): analyses in flight are abandoned — they hold no claim — and queued work is
   * dropped, but tickets being filed finish their state transitions, so that the next run neither loses
   * nor duplicates a ticket; the cursor stays where it was, so the next run reads the window again.
   */
  private static void stopCleanly(AtomicBoolean interrupted, ExecutorService analyzers, ExecutorService tickets) {
    interrupted.set(true);
    analyzers.shutdownNow();
    ((ThreadPoolExecutor) tickets).getQueue().clear();
    tickets.shutdown();
    try {
      tickets.awaitTermination(FILING_GRACE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void drain(ExecutorService pool) {
    pool.shutdown();
    try {
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // keep waiting: every queued message is delivered or dead-lettered, never dropped
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
