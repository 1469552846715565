package dev.dogcatcher.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** How AwsClients reads the environment; no AWS call is made. */
class AwsClientsTest {

  @Test
  void sqs_withoutRegionOrEndpoint_failsNamingAwsRegion() {
    assertThatThrownBy(() -> AwsClients.sqs(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_REGION");
  }

  @Test
  void dynamoDb_withRegionOnly_usesItAndTheDefaultCredentialsChain() {
    try (DynamoDbClient client = AwsClients.dynamoDb(Map.of("AWS_REGION", "eu-west-3"))) {
      assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_3);
      assertThat(client.serviceClientConfiguration().credentialsProvider())
          .isInstanceOf(DefaultCredentialsProvider.class);
    }
  }

  @Test
  void sqs_withEndpointOnly_pointsAtItInUsEast1WithDummyKeys() {
    try (SqsClient client = AwsClients.sqs(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"))) {
      assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
      assertThat(client.serviceClientConfiguration().endpointOverride())
          .contains(URI.create("http://127.0.0.1:5000"));
      AwsCredentialsIdentity identity =
          client.serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
      assertThat(identity.accessKeyId()).isEqualTo("test");
    }
  }

  @Test
  void secretsManager_withKeysInTheEnvironment_usesThemIncludingTheSessionToken() {
    Map<String, String> env =
        Map.of(
            "AWS_REGION", "us-west-2",
            "AWS_ENDPOINT_URL", "http://localhost:4566",
            "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "secret",
            "AWS_SESSION_TOKEN", "token");
    try (SecretsManagerClient client = AwsClients.secretsManager(env)) {
      AwsCredentialsIdentity identity =
          client.serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
      assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
      assertThat(identity.accessKeyId()).isEqualTo("AKIDEXAMPLE");
      assertThat(identity).isInstanceOf(AwsSessionCredentials.class);
    }
  }

  @Test
  void sqs_withBlankEndpoint_treatsItAsUnset() {
    assertThatThrownBy(() -> AwsClients.sqs(Map.of("AWS_ENDPOINT_URL", " ")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_REGION");
  }

  @Test
  void sqs_withMalformedEndpoint_failsNamingAwsEndpointUrl() {
    assertThatThrownBy(() -> AwsClients.sqs(Map.of("AWS_ENDPOINT_URL", "localhost:4566")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_ENDPOINT_URL")
        .hasMessageContaining("localhost:4566");
  }
}
