package dev.dogcatcher.cli;

import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.domain.TimeWindow;
import dev.dogcatcher.port.ErrorLogSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A benchmark workload: {@code logs} error logs of exactly {@code distinct} errors, generated on the fly
 * (constant memory), each with varying ids, hosts, threads, durations and stack line numbers — the
 * noise that must not split a group.
 */
final class SyntheticLogSource implements ErrorLogSource {

  private static final String[] KINDS = {
    "java.net.SocketTimeoutException", "java.lang.IllegalStateException", "java.sql.SQLTransientConnectionException",
    "java.lang.NullPointerException"
  };

  private final long logs;
  private final int distinct;
  private final long seed;

  SyntheticLogSource(long logs, int distinct, long seed) {
    this.logs = logs;
    this.distinct = distinct;
    this.seed = seed;
  }

  @Override
  public String name() {
    return "synthetic";
  }

  @Override
  public void read(TimeWindow window, LogSink sink) {
    SplittableRandom random = new SplittableRandom(seed);
    Instant start = window.from();
    long span = Math.max(1, window.to().toEpochMilli() - start.toEpochMilli());
    for (long i = 0; i < logs; i++) {
      // Every error appears at least once; the rest are spread at random.
      int error = i < distinct ? (int) i : random.nextInt(distinct);
      sink.accept(log(i, error, random, start.plusMillis(random.nextLong(span))));
    }
  }

  /** One log of error {@code error}: the service name (letters only) tells the errors apart. */
  static ErrorLog log(long i, int error, SplittableRandom random, Instant at) {
    String service = "bench-" + letters(error);
    String kind = KINDS[error % KINDS.length];
    String message = "Request " + new UUID(random.nextLong(), random.nextLong()) + " for order " + random.nextInt(1_000_000)
        + " failed after " + random.nextInt(30_000) + "ms calling https://api.internal/v1/items/"
        + random.nextInt(100_000);
    String stack = kind + ": " + message + "\n"
        + "\tat com.acme." + letters(error) + ".Client.call(Client.java:" + (40 + random.nextInt(5)) + ")\n"
        + "\tat com.acme." + letters(error) + ".Service.handle(Service.java:" + (100 + random.nextInt(5)) + ")\n"
        + "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)\n";
    return new ErrorLog("log-" + i, at, "error", service, "bench", "host-" + random.nextInt(64), message, kind,
        message, stack, "com.acme." + letters(error) + ".Client", "worker-" + random.nextInt(200),
        List.of("env:bench"), Map.of(), "");
  }

  /** 0 → "a", 25 → "z", 26 → "ba": a name made of letters, which templates keep as they are. */
  static String letters(int number) {
    StringBuilder name = new StringBuilder();
    int n = number;
    do {
      name.insert(0, (char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return name.toString();
  }
}
