package dev.dogcatcher.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dogcatcher.analyzer.rules.RulesErrorAnalyst;
import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalystKind;
import dev.dogcatcher.domain.Severity;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.domain.TimeWindow;
import dev.dogcatcher.embedded.OutboxTicketTracker;
import dev.dogcatcher.embedded.SqliteRegistry;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.jira.JiraProject;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.port.ErrorAnalyst;
import dev.dogcatcher.port.ErrorLogSource;
import dev.dogcatcher.port.TicketTracker;
import dev.dogcatcher.ticket.TicketPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A synthetic workload through the real pipeline code (fingerprinting, grouping, SQLite registry,
 * state machine, outbox) with a simulated analyst latency, per worker count; beside it, the sequential
 * baseline of the Python tool's design.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a synthetic workload through the local engine with a simulated analyst latency, once per worker",
      "count, and prints throughput, latency and call counts beside the ideal bound W/L and the sequential",
      "baseline (every log analysed one at a time, then checked against known tickets)."
    })
final class BenchCommand implements Callable<Integer> {

  /** How many logs the sequential baseline really runs; its totals are extrapolated from them. */
  static final int SEQUENTIAL_SAMPLE = 20;

  @Option(names = "--logs", defaultValue = "100000", description = "Logs in the workload. Default: ${DEFAULT-VALUE}.")
  long logs;

  @Option(names = "--distinct", defaultValue = "1000", description = "Distinct errors. Default: ${DEFAULT-VALUE}.")
  int distinct;

  @Option(names = "--analyst-latency-ms", defaultValue = "200",
      description = "Simulated analyst (LLM) latency per call. Default: ${DEFAULT-VALUE}.")
  long latencyMs;

  @Option(names = "--workers", defaultValue = "8,32,128", split = ",",
      description = "Analyzer worker counts to run. Default: ${DEFAULT-VALUE}.")
  int[] workers;

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Option(names = "--seed", defaultValue = "7", description = "Workload seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** One worker count's figures. */
  record Run(
      @JsonProperty("workers") int workers,
      @JsonProperty("logs") long logs,
      @JsonProperty("groups") long groups,
      @JsonProperty("wall_ms") long wallMs,
      @JsonProperty("analysis_ms") long analysisMs,
      @JsonProperty("logs_per_s") double logsPerSecond,
      @JsonProperty("groups_per_s") double groupsPerSecond,
      @JsonProperty("ideal_groups_per_s") double idealGroupsPerSecond,
      @JsonProperty("filed_per_s") double filedPerSecond,
      @JsonProperty("p50_ms") double p50Ms,
      @JsonProperty("p99_ms") double p99Ms,
      @JsonProperty("analyst_calls") long analystCalls,
      @JsonProperty("tickets") long tickets,
      @JsonProperty("pipeline_us_per_log") double pipelineMicrosPerLog) {}

  /** The Python tool's design: one log at a time, analysed, then checked against known tickets. */
  record Sequential(
      @JsonProperty("logs_measured") long logsMeasured,
      @JsonProperty("ms_per_log") double msPerLog,
      @JsonProperty("logs_per_s") double logsPerSecond,
      @JsonProperty("groups_per_s") double groupsPerSecond,
      @JsonProperty("analyst_calls") long analystCalls,
      @JsonProperty("projected_wall_s") double projectedWallSeconds) {}

  /** The whole result. */
  record Result(
      @JsonProperty("logs") long logs,
      @JsonProperty("distinct") int distinct,
      @JsonProperty("analyst_latency_ms") long analystLatencyMs,
      @JsonProperty("fingerprints_per_s") double fingerprintsPerSecond,
      @JsonProperty("runs") List<Run> runs,
      @JsonProperty("sequential") Sequential sequential) {}

  @Override
  public Integer call() throws IOException {
    if (logs < distinct || distinct < 1) {
      throw new IllegalArgumentException("--logs must be at least --distinct, and --distinct at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    double fingerprintRate = fingerprintRate();
    List<Run> runs = new ArrayList<>();
    for (int w : workers) {
      runs.add(run(w));
      if (!json) {
        out.printf("workers=%d done%n", w);
        out.flush();
      }
    }
    Result result = new Result(logs, distinct, latencyMs, fingerprintRate, runs, sequential());
    if (json) {
      out.println(Json.MAPPER.writeValueAsString(result));
    } else {
      print(out, result);
    }
    out.flush();
    return 0;
  }

  private Run run(int workerCount) throws IOException {
    Path dir = Files.createTempDirectory("dogcatcher-bench");
    try (SqliteRegistry registry = SqliteRegistry.open(dir.resolve("state.db"))) {
      Map<String, Long> started = new ConcurrentHashMap<>();
      List<Long> latenciesNanos = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicLong analystCalls = new AtomicLong();
      AtomicLong firstAnalysis = new AtomicLong(Long.MAX_VALUE);
      AtomicLong lastAnalysisEnd = new AtomicLong();
      // An LLM call costs wall time, not CPU: the simulated analyst waits, then answers a canned analysis.
      ErrorAnalyst simulated = group -> {
        long now = System.nanoTime();
        started.put(group.fingerprint(), now);
        firstAnalysis.accumulateAndGet(now, Math::min);
        analystCalls.incrementAndGet();
        pause(latencyMs);
        lastAnalysisEnd.accumulateAndGet(System.nanoTime(), Math::max);
        return new Analysis("timeout", Severity.MEDIUM, "Timeout calling items API in " + group.service(),
            "Simulated analysis.", List.of("slow downstream"), List.of("check latency"), AnalystKind.LLM);
      };
      TicketTracker outbox = new OutboxTicketTracker(dir.resolve("outbox"), JiraProject.of("BENCH", "Bug"));
      TicketTracker timed = new CreationObserver(outbox, ticket -> {
        Long start = started.get(ticket.fingerprint());
        if (start != null) {
          latenciesNanos.add(System.nanoTime() - start);
        }
      });
      Instant now = Instant.now();
      LocalEngine engine = new LocalEngine(new SyntheticLogSource(logs, distinct, seed), registry, registry, registry,
          timed, simulated, simulated, Fingerprinter.standard(),
          new TicketPolicy(distinct, distinct, Duration.ofMinutes(5), Duration.ofHours(6)), Clock.systemUTC(),
          workerCount, Math.min(workerCount, 8), new Delivery(5, Duration.ofMillis(50)), Progress.quiet());
      long t0 = System.nanoTime();
      RunReport report = engine.run("bench-" + workerCount, new TimeWindow(now.minus(Duration.ofHours(1)), now));
      long end = System.nanoTime();
      long wallNanos = end - t0;
      long first = Math.min(firstAnalysis.get(), end);
      long analysisNanos = Math.max(1, lastAnalysisEnd.get() - first);
      long filingNanos = end - first;
      double[] sorted = latenciesNanos.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
      double ideal = latencyMs == 0 ? Double.POSITIVE_INFINITY : workerCount * 1000.0 / latencyMs;
      return new Run(workerCount, report.logsRead(), report.errorGroups(), wallNanos / 1_000_000,
          analysisNanos / 1_000_000, logs / (wallNanos / 1e9), distinct / (analysisNanos / 1e9),
          ideal, distinct / (filingNanos / 1e9), percentile(sorted, 0.50), percentile(sorted, 0.99),
          analystCalls.get(), report.ticketsCreated(), (first - t0) / 1e3 / logs);
    } finally {
      delete(dir);
    }
  }

  /** The Python design on a sample: each log analysed (one analyst call each), then the registry checked. */
  private Sequential sequential() throws IOException {
    Path dir = Files.createTempDirectory("dogcatcher-bench-seq");
    try (SqliteRegistry registry = SqliteRegistry.open(dir.resolve("state.db"))) {
      ErrorAnalyst rules = new RulesErrorAnalyst();
      Fingerprinter fingerprinter = Fingerprinter.standard();
      List<ErrorLog> sample = new ArrayList<>();
      new SyntheticLogSource(SEQUENTIAL_SAMPLE, Math.min(distinct, SEQUENTIAL_SAMPLE), seed)
          .read(new TimeWindow(Instant.EPOCH, Instant.now()), collect(sample));
      long t0 = System.nanoTime();
      for (ErrorLog log : sample) {
        var fingerprint = fingerprinter.of(log);
        ErrorGroup group = new dev.dogcatcher.domain.ErrorGroupBuilder(fingerprint, log).build("sequential");
        pause(latencyMs);
        Analysis analysis = rules.analyze(group);
        registry.find("outbox", fingerprint.value());
        if (analysis.title().isEmpty()) {
          throw new IllegalStateException("no title");
        }
      }
      double msPerLog = (System.nanoTime() - t0) / 1e6 / sample.size();
      double wallSeconds = msPerLog * logs / 1000;
      return new Sequential(sample.size(), msPerLog, 1000 / msPerLog, distinct / wallSeconds, logs, wallSeconds);
    } finally {
      delete(dir);
    }
  }

  /** Fingerprints per second on this thread, over 50,000 generated logs after a warm-up. */
  private double fingerprintRate() {
    Fingerprinter fingerprinter = Fingerprinter.standard();
    List<ErrorLog> sample = new ArrayList<>();
    new SyntheticLogSource(50_000, Math.min(distinct, 50_000), seed).read(
        new TimeWindow(Instant.EPOCH, Instant.now()), collect(sample));
    long sink = 0;
    for (ErrorLog log : sample) {
      sink += fingerprinter.of(log).value().length();
    }
    long t0 = System.nanoTime();
    for (ErrorLog log : sample) {
      sink += fingerprinter.of(log).value().length();
    }
    double rate = sample.size() / ((System.nanoTime() - t0) / 1e9);
    return sink > 0 ? rate : 0;
  }

  private static ErrorLogSource.LogSink collect(List<ErrorLog> into) {
    return new ErrorLogSource.LogSink() {
      @Override
      public void accept(ErrorLog log) {
        into.add(log);
      }

      @Override
      public void reject(String position, String reason) {
        throw new IllegalStateException(position + ": " + reason);
      }
    };
  }

  private void print(PrintWriter out, Result result) {
    out.printf("%nworkload: %,d logs, %,d distinct errors, simulated analyst latency %d ms; "
        + "fingerprinting %,.0f logs/s on one thread%n%n", result.logs(), result.distinct(), result.analystLatencyMs(),
        result.fingerprintsPerSecond());
    out.printf("%8s %10s %10s %10s %9s %10s %9s %9s %9s %9s %9s%n", "workers", "logs/s", "groups/s", "ideal W/L",
        "of ideal", "filed/s", "p50 ms", "p99 ms", "analyst", "tickets", "µs/log");
    for (Run run : result.runs()) {
      out.printf("%8d %,10.0f %,10.1f %,10.1f %8.1f%% %,10.1f %9.1f %9.1f %,9d %,9d %9.2f%n", run.workers(),
          run.logsPerSecond(), run.groupsPerSecond(), run.idealGroupsPerSecond(),
          Double.isInfinite(run.idealGroupsPerSecond()) ? 100.0 : 100 * run.groupsPerSecond() / run.idealGroupsPerSecond(),
          run.filedPerSecond(), run.p50Ms(), run.p99Ms(), run.analystCalls(), run.tickets(), run.pipelineMicrosPerLog());
    }
    Sequential s = result.sequential();
    out.printf("%nsequential baseline (Python design, measured on %d logs, projected to %,d): %,.1f logs/s, "
        + "%,.2f groups/s, %,d analyst calls, %,.0f s wall%n", s.logsMeasured(), result.logs(), s.logsPerSecond(),
        s.groupsPerSecond(), s.analystCalls(), s.projectedWallSeconds());
    out.println("groups/s: groups analysed per second, first analysis start to last analysis end (what W/L bounds);");
    out.println("filed/s: groups per second from the first analysis start to the last ticket filed;");
    out.println("p50/p99: one group's analysis start to its ticket filed; µs/log: reading, fingerprinting and");
    out.println("grouping before the first analysis, per log (the pipeline's cost without the analyst).");
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
