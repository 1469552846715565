package dev.dogcatcher.aws;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts LocalStack in Docker for {@link AwsEmulator} when the {@code localstack} Maven profile asks for
 * it: one container per test JVM, SQS, DynamoDB and Secrets Manager, stopped at exit (Testcontainers'
 * reaper removes it even after a crash).
 *
 * <p>Loaded only under that profile, so the moto run never touches Docker.
 */
final class LocalStackEndpoint {

  /** The pinned image, passed by the profile; later images need LOCALSTACK_AUTH_TOKEN. */
  static final String IMAGE_PROPERTY = "dogcatcher.localstack.image";

  static final String DEFAULT_IMAGE = "localstack/localstack:4.14";

  static final String NO_DOCKER =
      "-Plocalstack runs the AWS tests against LocalStack in Docker, and no Docker engine answers here: run"
          + " `mvn verify -Plocalstack` on a machine with Docker (LOCALSTACK_AUTH_TOKEN set for images after"
          + " 4.14), or drop -Plocalstack to run them against moto_server";

  private LocalStackEndpoint() {}

  /** LocalStack's endpoint, or empty when there is no Docker engine. */
  static Optional<String> start() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return Optional.empty();
    }
    LocalStackContainer container =
        new LocalStackContainer(DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE)))
            .withServices("sqs", "dynamodb", "secretsmanager");
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    if (token != null && !token.isBlank()) {
      container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "localstack-stop"));
    return Optional.of(container.getEndpoint().toString());
  }
}
