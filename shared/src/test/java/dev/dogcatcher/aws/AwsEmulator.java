package dev.dogcatcher.aws;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * JUnit 5 extension giving tests an AWS emulator and clients for it: {@code AWS_ENDPOINT_URL} when set,
 * otherwise one {@code moto_server} on 127.0.0.1 started for the whole JVM and stopped at its exit. Under
 * the {@code localstack} Maven profile (system property {@value #EMULATOR_PROPERTY}{@code =localstack}),
 * LocalStack in Docker instead, started by Testcontainers ({@link LocalStackEndpoint}); only the endpoint
 * differs, the tests are the same.
 *
 * <p>Use as {@code @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();}. Without an
 * emulator the tests are skipped with a hint, except under {@code CI=true}, where they fail.
 *
 * <p>The DynamoDB client sends one request at a time ({@link SerialDynamoDbClient}). moto applies a
 * conditional write as "read the item, evaluate the condition, store" with no lock, on a threaded
 * server, so two concurrent writers can both pass {@code attribute_not_exists(pk)} (seen here: two
 * winners in one of 50 rounds of 16 racers). DynamoDB serialises the writes to an item; serialising the
 * requests restores that guarantee, while the adapters' own multi-request sequences (retry loops, read
 * fallbacks) still interleave freely. The race tests (the registry contract, {@code ClaimRaceTest}) thus
 * check the adapters' conditions and state machine, not moto's locking.
 */
public final class AwsEmulator implements BeforeAllCallback, BeforeEachCallback {

  /** Set to {@code localstack} by the Maven profile of that name. */
  static final String EMULATOR_PROPERTY = "dogcatcher.aws.emulator";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  private static final String HOW_TO_ENABLE =
      "moto_server is not on the PATH: install it (pip install 'moto[server]') or set AWS_ENDPOINT_URL"
          + " to a running emulator to run the AWS adapter tests";

  /** The one emulator of this JVM, shared by every test class; null until first needed. */
  private static Running running;

  /** Why there is no emulator (tests skip, or fail under CI); null while one may still be found. */
  private static String unavailable;

  /** A failed start fails every later test class too, without starting moto_server again. */
  private static RuntimeException startFailure;

  @Override
  public void beforeAll(ExtensionContext context) {
    ensureRunning();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ensureRunning();
  }

  /** The emulator's URL, e.g. {@code http://127.0.0.1:41234}. */
  public String endpoint() {
    return ensureRunning().endpoint;
  }

  /** The environment the clients were built from: the names {@link AwsClients} reads. */
  public Map<String, String> env() {
    return ensureRunning().env;
  }

  /** An SQS client for the emulator, shared by all tests of the JVM. */
  public SqsClient sqs() {
    return ensureRunning().sqs;
  }

  /** A DynamoDB client for the emulator (one request at a time, see above), shared by all tests. */
  public DynamoDbClient dynamoDb() {
    return ensureRunning().dynamoDb;
  }

  /** A Secrets Manager client for the emulator, shared by all tests of the JVM. */
  public SecretsManagerClient secretsManager() {
    return ensureRunning().secretsManager;
  }

  /** The running emulator, started if needed; aborts (skips) or fails the test when there is none. */
  private static synchronized Running ensureRunning() {
    if (startFailure != null) {
      throw new IllegalStateException("the AWS emulator failed to start earlier", startFailure);
    }
    if (running == null && unavailable == null) {
      String endpoint = System.getenv("AWS_ENDPOINT_URL");
      if ("localstack".equals(System.getProperty(EMULATOR_PROPERTY))) {
        try {
          LocalStackEndpoint.start().ifPresentOrElse(
              localStack -> running = new Running(localStack), () -> unavailable = LocalStackEndpoint.NO_DOCKER);
        } catch (RuntimeException e) {
          startFailure = e;
          throw e;
        }
      } else if (endpoint != null && !endpoint.isBlank()) {
        running = new Running(endpoint.strip());
      } else if (!onPath("moto_server")) {
        unavailable = HOW_TO_ENABLE;
      } else {
        try {
          running = new Running(startMoto());
        } catch (RuntimeException e) {
          startFailure = e;
          throw e;
        }
      }
    }
    if (running == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("CI=true and no AWS emulator: " + unavailable);
      }
      Assumptions.abort(unavailable);
    }
    return running;
  }

  /** Starts moto_server on a free port and returns its endpoint once it answers HTTP. */
  private static String startMoto() {
    int port = freePort();
    Path log = Path.of("target", "moto-server-" + port + ".log").toAbsolutePath();
    Process process;
    try {
      Files.createDirectories(log.getParent());
      // Output to a file: inheritIO() would corrupt Surefire's channel with the server's request log.
      process =
          new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start moto_server (log: " + log + ")", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "moto-server-stop"));
    String endpoint = "http://127.0.0.1:" + port;
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (!answers(endpoint)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "moto_server exited with " + process.exitValue() + " before answering; see " + log);
      }
      if (Instant.now().isAfter(deadline)) {
        stop(process);
        throw new IllegalStateException(
            "moto_server did not answer on " + endpoint + " within " + STARTUP_TIMEOUT + "; see " + log);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop(process);
        throw new IllegalStateException("interrupted while waiting for moto_server", e);
      }
    }
    return endpoint;
  }

  private static boolean answers(String endpoint) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(endpoint + "/moto-api/").toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(2000);
      try {
        return connection.getResponseCode() > 0;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  private static void stop(Process process) {
    // The PATH entry may be a wrapper (pyenv shim) whose children are the real server.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free local port for moto_server", e);
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
        return true;
      }
    }
    return false;
  }

  /** The emulator and the clients built once for it. */
  private static final class Running {
    final String endpoint;
    final Map<String, String> env;
    final SqsClient sqs;
    final DynamoDbClient dynamoDb;
    final SecretsManagerClient secretsManager;

    Running(String endpoint) {
      this.endpoint = endpoint;
      String region = System.getenv().getOrDefault("AWS_REGION", "");
      this.env =
          Map.of(
              "AWS_ENDPOINT_URL", endpoint,
              "AWS_REGION", region.isBlank() ? "us-east-1" : region,
              "AWS_ACCESS_KEY_ID", "test",
              "AWS_SECRET_ACCESS_KEY", "test");
      this.sqs = AwsClients.sqs(env);
      this.dynamoDb = SerialDynamoDbClient.wrap(AwsClients.dynamoDb(env));
      this.secretsManager = AwsClients.secretsManager(env);
    }
  }
}
