package dev.dogcatcher.cli;

import dev.dogcatcher.analyzer.Analysts;
import dev.dogcatcher.cli.aws.AwsRun;
import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.domain.TimeWindow;
import dev.dogcatcher.embedded.FileErrorLogSource;
import dev.dogcatcher.embedded.OutboxTicketTracker;
import dev.dogcatcher.embedded.SqliteRegistry;
import dev.dogcatcher.fetcher.FetcherConfig;
import dev.dogcatcher.fetcher.datadog.DatadogErrorLogSource;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.port.ErrorLogSource;
import dev.dogcatcher.port.TicketTracker;
import dev.dogcatcher.ticket.TicketConfig;
import dev.dogcatcher.ticket.jira.JiraTicketTracker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The main job on one machine: logs → fingerprints → analysis → tickets, with embedded adapters. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline on this machine: reads error logs, groups them by fingerprint, analyses each",
      "new error once and files one ticket per error — into the outbox (a dry run) unless --live.",
      "Source: --logs FILE; else the Datadog API when DD_API_KEY and DD_APP_KEY are set; else the bundled sample."
    })
final class RunCommand implements Callable<Integer> {

  static final String SAMPLE = "sample-logs.json";

  @Option(names = "--logs", paramLabel = "FILE",
      description = "A Datadog Logs API v2 response {\"data\":[…]} or JSON Lines of data[] items ('-' = stdin).")
  String logs;

  @Option(names = "--since", defaultValue = "24h", paramLabel = "DURATION",
      description = "How far back to read from Datadog (e.g. 30m, 24h, 7d). Default: ${DEFAULT-VALUE}.")
  String since;

  @Option(names = "--workers", defaultValue = "4", paramLabel = "N",
      description = "Analyzer threads (the event source's maximum concurrency). Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(names = "--state", defaultValue = ".dogcatcher/state.db", paramLabel = "FILE",
      description = "The SQLite registry that remembers what was ticketed. Default: ${DEFAULT-VALUE}.")
  Path state;

  @Option(names = "--out", defaultValue = ".dogcatcher/outbox", paramLabel = "DIR",
      description = "The outbox of Jira payloads (dry run). Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--live", description = "File in Jira (needs JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN, JIRA_PROJECT_KEY).")
  boolean live;

  @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON run report here.")
  Path report;

  @Option(names = "--quiet", description = "No progress, only the summary.")
  boolean quiet;

  @Option(names = "--aws-endpoint", paramLabel = "URL",
      description = "Run on SQS and DynamoDB at this endpoint (moto_server, LocalStack; default: AWS_ENDPOINT_URL),"
          + " creating template.yaml's queues and table if missing.")
  String awsEndpoint;

  @Spec CommandSpec spec;

  /** The environment; tests replace it. */
  Map<String, String> environment = System.getenv();

  /** The clock; tests replace it. */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    if (workers < 1 || workers > 1024) {
      throw new ConfigException("--workers must be between 1 and 1024, was " + workers);
    }
    Duration lookback;
    try {
      lookback = Settings.parseDuration(since);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--since must be a duration like 30m, 24h or 7d, was '" + since + "'");
    }
    Settings settings = Settings.of(environment).with(Map.of("DRY_RUN", live ? "false" : "true"));
    PrintWriter console = spec.commandLine().getOut();
    ErrorLogSource source = source(settings);
    TicketConfig tickets = ticketConfig(settings);
    TicketTracker tracker =
        tickets.jira().<TicketTracker>map(jira -> new JiraTicketTracker(jira, JiraTicketTracker.httpClient()))
            .orElseGet(() -> new OutboxTicketTracker(out, tickets.project()));
    Analysts analysts = Analysts.from(settings);
    String endpoint = AwsRun.endpoint(awsEndpoint, settings);
    if (endpoint != null) {
      return AwsRun.call(endpoint, settings, source, tracker, analysts.primary(), analysts.fallback(),
          FetcherConfig.fingerprinter(settings), tickets.policy(), clock, workers, lookback,
          report, live ? "Jira " + tracker.destination() : "outbox " + out, console);
    }
    Progress progress = quiet ? Progress.quiet() : new Progress(console, System.console() != null);
    Instant now = clock.instant();
    RunReport result;
    try (SqliteRegistry registry = SqliteRegistry.open(state)) {
      Instant from = registry.position(source.name()).filter(p -> p.isAfter(now.minus(lookback)))
          .orElse(now.minus(lookback));
      LocalEngine engine = new LocalEngine(source, registry, registry, registry, tracker, analysts.primary(),
          analysts.fallback(), FetcherConfig.fingerprinter(settings), tickets.policy(), clock, workers,
          ticketWorkers(), new Delivery(5, Duration.ofMillis(200)), progress);
      result = engine.run("local-" + now, new TimeWindow(from, now));
    }
    result = analysts.usage().map(result::withLlmUsage).orElse(result);
    progress.done();
    if (report != null) {
      Path parent = report.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(report.toFile(), result);
    }
    Summary.print(console, result, live ? "Jira " + tracker.destination() : "outbox " + out);
    return result.deadLettered() == 0 ? 0 : 1;
  }

  private TicketConfig ticketConfig(Settings settings) {
    try {
      return TicketConfig.from(settings, out);
    } catch (ConfigException e) {
      if (!live) {
        throw e;
      }
      throw new ConfigException(e.getMessage() + " (--live files in Jira and needs JIRA_BASE_URL, JIRA_EMAIL,"
          + " JIRA_API_TOKEN and JIRA_PROJECT_KEY; drop --live for a dry run into the outbox)");
    }
  }

  /** Two ticket threads for Jira (its rate limit), as the Lambda's concurrency; the outbox takes more. */
  private int ticketWorkers() {
    return live ? 2 : Math.min(workers, 8);
  }

  private ErrorLogSource source(Settings settings) {
    if (logs != null) {
      if (logs.equals("-")) {
        return new FileErrorLogSource("stdin", () -> System.in);
      }
      Path file = Path.of(logs);
      if (!Files.isReadable(file)) {
        throw new ConfigException("--logs " + logs + ": no such readable file (give a Datadog response"
            + " {\"data\":[…]} or JSON Lines of data[] items, or - for stdin)");
      }
      return new FileErrorLogSource(file.getFileName().toString(), () -> open(file));
    }
    if (settings.has("DD_API_KEY") || settings.has("DD_APP_KEY")) {
      return new DatadogErrorLogSource(FetcherConfig.datadog(settings), DatadogErrorLogSource.httpClient());
    }
    return new FileErrorLogSource("sample", () -> {
      InputStream sample = RunCommand.class.getResourceAsStream(SAMPLE);
      if (sample == null) {
        throw new UncheckedIOException(new NoSuchFileException("bundled " + SAMPLE + " is missing from the jar"));
      }
      return sample;
    });
  }

  private static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
