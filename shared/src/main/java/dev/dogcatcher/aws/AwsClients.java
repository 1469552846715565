package dev.dogcatcher.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS SDK clients every function uses, from the environment: explicit region, the
 * URLConnection HTTP client, bounded timeouts, and an emulator endpoint when {@code AWS_ENDPOINT_URL}
 * is set.
 *
 * <p>Each call builds a new client with its own HTTP client: call once per process (at Lambda init)
 * and inject the result. Note that the SDK itself also reads {@code AWS_ENDPOINT_URL} from the process
 * environment (unless {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}), so a map without it does not
 * undo a process-wide emulator setting.
 */
public final class AwsClients {

  static final String AWS_REGION = "AWS_REGION";
  static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
  static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";

  /** Region used against an emulator when none is given; emulators accept any. */
  static final Region EMULATOR_REGION = Region.US_EAST_1;

  // Fail fast inside a Lambda invocation: a registry or queue that cannot answer within these bounds is
  // reported as unavailable and the SQS message is retried. The socket timeout also bounds SQS long
  // polling, so ReceiveMessage callers must keep WaitTimeSeconds below it.
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private AwsClients() {}

  /** An SQS client configured from {@code env}. */
  public static SqsClient sqs(Map<String, String> env) {
    return configure(SqsClient.builder(), env).build();
  }

  /** A DynamoDB client configured from {@code env}. */
  public static DynamoDbClient dynamoDb(Map<String, String> env) {
    return configure(DynamoDbClient.builder(), env).build();
  }

  /** A Secrets Manager client configured from {@code env}. */
  public static SecretsManagerClient secretsManager(Map<String, String> env) {
    return configure(SecretsManagerClient.builder(), env).build();
  }

  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, Map<String, String> env) {
    URI endpoint = endpoint(env);
    builder
        .region(region(env, endpoint != null))
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT)
                .build())
        .credentialsProvider(credentials(env, endpoint != null));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }

  static Region region(Map<String, String> env, boolean emulator) {
    String region = value(env, AWS_REGION);
    if (region != null) {
      return Region.of(region);
    }
    if (emulator) {
      return EMULATOR_REGION;
    }
    throw new IllegalStateException(
        AWS_REGION + " is not set: set it to the region of the queues and table (Lambda sets it)");
  }

  static URI endpoint(Map<String, String> env) {
    String value = value(env, AWS_ENDPOINT_URL);
    if (value == null) {
      return null;
    }
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalStateException(
            AWS_ENDPOINT_URL + " must be an http(s) URL such as http://127.0.0.1:5000, got: " + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          AWS_ENDPOINT_URL + " must be an http(s) URL such as http://127.0.0.1:5000, got: " + value, e);
    }
  }

  /**
   * Keys given in {@code env} win (so that a test's map is honoured); an emulator without keys gets
   * dummy ones (emulators accept any); otherwise the default chain (Lambda's role credentials).
   */
  static AwsCredentialsProvider credentials(Map<String, String> env, boolean emulator) {
    String keyId = value(env, AWS_ACCESS_KEY_ID);
    String secret = value(env, AWS_SECRET_ACCESS_KEY);
    if (keyId != null && secret != null) {
      String token = value(env, AWS_SESSION_TOKEN);
      return StaticCredentialsProvider.create(
          token == null
              ? AwsBasicCredentials.create(keyId, secret)
              : AwsSessionCredentials.create(keyId, secret, token));
    }
    if (emulator) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /** A blank value counts as unset: SAM and shells write empty variables for "none". */
  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
