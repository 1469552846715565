package dev.dogcatcher.fingerprint;

import dev.dogcatcher.domain.ErrorLog;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fingerprint throughput on one thread (one operation = one message), and the cost of adversarial lines.
 *
 * <p>Run by hand, never by {@code mvn verify}: {@code java -jar bench/target/benchmarks.jar} (see
 * BENCHMARKS.md). The messages are generated with a fixed seed: log lines of common shapes with fresh
 * ids, hosts, sizes and times, a fifth of them with a Java stack of 25 frames and a cause.
 */
@State(Scope.Thread)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FingerprintBenchmark {

  private static final int MESSAGES = 4096;

  private static final List<String> SHAPES =
      List.of(
          "Charge %s for order #%d failed after %dms on pool-%d-thread-%d",
          "Connect to %s:%d failed: Connection refused (attempt %d of 5)",
          "User %s not found in tenant %s",
          "GET https://api.example.com/v1/orders/%d returned 503 in %d ms",
          "%s:%d close, %d bytes (%d.%d KB) sent, %d bytes received, lifetime 00:%d",
          "Could not read /var/lib/app/cache/%s.bin: No space left on device",
          "Deadlock found when trying to get lock; try restarting transaction (order %d, user %s)",
          "Job %d failed at 2024-03-%dT10:%d:00Z with status=%s key=%s",
          "Lambda com.acme.Job$$Lambda$%d/0x%s failed on %s",
          "Received disconnect from %s: %d: Bye Bye [preauth]");

  private ErrorLog[] logs;
  private String[] messages;
  private int next;
  private final Fingerprinter fingerprinter = Fingerprinter.standard();

  @Setup
  public void setUp() {
    Random random = new Random(42);
    logs = new ErrorLog[MESSAGES];
    messages = new String[MESSAGES];
    for (int i = 0; i < MESSAGES; i++) {
      String message = message(random, SHAPES.get(random.nextInt(SHAPES.size())));
      String stack = random.nextInt(5) == 0 ? stack(random) : "";
      messages[i] = message;
      logs[i] = new ErrorLog("b-" + i, Instant.EPOCH, "error", "checkout", "prod", "host", message,
          stack.isEmpty() ? "" : "java.lang.IllegalStateException", stack.isEmpty() ? "" : "Payment failed",
          stack, "com.acme.Logger", "main", List.of(), null, "");
    }
  }

  /** The whole fingerprint of a log, as the fetcher computes it. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Fingerprint fingerprint() {
    ErrorLog log = logs[next];
    next = (next + 1) & (MESSAGES - 1);
    return fingerprinter.of(log);
  }

  /** The group key of a message alone. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public String messageKey() {
    String message = messages[next];
    next = (next + 1) & (MESSAGES - 1);
    return MessageTemplate.key(message);
  }

  /** Adversarial lines: the fingerprint of a log whose message is one such line. */
  @State(Scope.Thread)
  public static class Adversarial {

    @Param({"65536", "1048576", "4194304"})
    public int length;

    @Param({"dotted", "quotes", "digits", "mixed", "tokens"})
    public String shape;

    ErrorLog log;

    @Setup
    public void setUp() {
      String unit =
          switch (shape) {
            case "dotted" -> "a.b-1.";
            case "quotes" -> "'\"`a ";
            case "digits" -> "1:1.1/";
            case "tokens" -> "eyJhb.Gc-iOqZ_";
            default -> "x=1,'a.com:80 $$Lambda$1/0x1 <1 ";
          };
      String line = unit.repeat(length / unit.length() + 1).substring(0, length);
      log = new ErrorLog("a", Instant.EPOCH, "error", "s", "", "", line, "", line, line, "", "", List.of(), null, "");
    }
  }

  /** One adversarial line in message, exception message and stack: its cost must not grow with length. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Fingerprint adversarialLine(Adversarial adversarial) {
    return fingerprinter.of(adversarial.log);
  }

  private static String message(Random random, String shape) {
    Object[] values = new Object[12];
    int k = 0;
    for (int i = 0; i + 1 < shape.length(); i++) {
      if (shape.charAt(i) == '%') {
        char type = shape.charAt(i + 1);
        values[k++] = type == 'd' ? (Object) random.nextInt(100_000) : value(random);
      }
    }
    return String.format(shape, java.util.Arrays.copyOf(values, k));
  }

  private static String value(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> UUID.nameUUIDFromBytes(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()}).toString();
      case 1 -> "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
      case 2 -> "node-" + random.nextInt(50) + ".prod.example.com";
      case 3 -> Long.toHexString(random.nextLong());
      default -> "user" + random.nextInt(10_000);
    };
  }

  private static String stack(Random random) {
    StringBuilder stack = new StringBuilder("java.lang.IllegalStateException: Payment failed\n");
    for (int i = 0; i < 20; i++) {
      stack.append("\tat org.springframework.web.Layer").append(i).append(".handle(Layer.java:")
          .append(random.nextInt(500)).append(")\n");
    }
    stack.append("\tat com.acme.billing.PaymentService.charge(PaymentService.java:").append(random.nextInt(99))
        .append(")\n");
    stack.append("Caused by: java.net.SocketTimeoutException: Read timed out\n");
    stack.append("\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n");
    stack.append("\tat com.acme.billing.GatewayClient.post(GatewayClient.java:").append(random.nextInt(99))
        .append(")\n\t... 21 more\n");
    return stack.toString();
  }
}
