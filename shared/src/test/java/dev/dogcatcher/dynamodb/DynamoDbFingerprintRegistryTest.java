package dev.dogcatcher.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dogcatcher.aws.AwsClients;
import dev.dogcatcher.aws.AwsEmulator;
import dev.dogcatcher.aws.TemplateResources;
import dev.dogcatcher.domain.RegistryUnavailableException;
import dev.dogcatcher.port.FingerprintRegistry;
import dev.dogcatcher.port.FingerprintRegistryContract;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The registry contract on moto_server, in a table created from template.yaml, plus the item layout. */
class DynamoDbFingerprintRegistryTest extends FingerprintRegistryContract {

  @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();

  private static String table;

  @BeforeAll
  static void createTable() {
    table =
        TemplateResources.fromRepository()
            .createTable(AWS.dynamoDb(), "RegistryTable", TemplateResources.uniqueSuffix());
  }

  @Override
  protected FingerprintRegistry registry() {
    return new DynamoDbFingerprintRegistry(AWS.dynamoDb(), table);
  }

  @Test
  void ticketedItem_isStoredUnderDestinationAndFingerprintWithoutExpiry() {
    String fp = fingerprint();
    ticket(fp, "OPS-100");

    Map<String, AttributeValue> item = item("FP#" + JIRA + "#" + fp);

    assertThat(item.get("state").s()).isEqualTo("TICKETED");
    assertThat(item.get("fingerprint").s()).isEqualTo(fp);
    assertThat(item.get("destination").s()).isEqualTo(JIRA);
    assertThat(item.get("issueKey").s()).isEqualTo("OPS-100");
    assertThat(item.get("owner").s()).isEqualTo("filer");
    assertThat(item.get("lastSeen").n()).isEqualTo(Long.toString(BASE.toEpochMilli()));
    assertThat(item.get("count").n()).isEqualTo("5");
    assertThat(item.get("lastCommentAt").n()).isEqualTo(Long.toString(BASE.toEpochMilli()));
    assertThat(item.get("countSinceComment").n()).isEqualTo("0");
    assertThat(item).doesNotContainKey("expiresAt");
  }

  @Test
  void counterItem_carriesItsExpiryInEpochSecondsForTtl() {
    String counter = counter();
    Instant expiresAt = Instant.parse("2200-01-01T00:00:00.900Z");

    registry().tryTake(counter, 3, expiresAt);

    Map<String, AttributeValue> item = item("CTR#" + counter);
    assertThat(item.get("n").n()).isEqualTo("1");
    assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(expiresAt.getEpochSecond()));
  }

  @Test
  void tryTake_onceTheWindowEndedByTheAdaptersClock_resetsTheCounter() {
    String counter = counter();
    Instant windowEnd = BASE.plusSeconds(3600);
    FingerprintRegistry duringWindow = registryAt(BASE);
    FingerprintRegistry afterWindow = registryAt(windowEnd.plusSeconds(1));
    duringWindow.tryTake(counter, 2, windowEnd);
    duringWindow.tryTake(counter, 2, windowEnd);
    assertThat(duringWindow.tryTake(counter, 2, windowEnd)).isFalse();

    assertThat(afterWindow.tryTake(counter, 2, windowEnd.plusSeconds(3600))).isTrue();

    assertThat(item("CTR#" + counter).get("n").n()).isEqualTo("1");
    assertThat(afterWindow.tryTake(counter, 2, windowEnd.plusSeconds(3600))).isTrue();
    assertThat(afterWindow.tryTake(counter, 2, windowEnd.plusSeconds(3600))).isFalse();
  }

  @Test
  void everyOperation_whenTheTableIsMissing_throwsRegistryUnavailableNamingIt() {
    FingerprintRegistry missing = new DynamoDbFingerprintRegistry(AWS.dynamoDb(), "no-such-table");

    assertThatThrownBy(() -> missing.claim(JIRA, fingerprint(), "worker-a", BASE, LEASE))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("no-such-table")
        .hasMessageContaining("ResourceNotFoundException")
        .hasCauseInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> missing.find(JIRA, fingerprint()))
        .isInstanceOf(RegistryUnavailableException.class);
    assertThatThrownBy(() -> missing.recordOccurrence(JIRA, fingerprint(), run(), 1, BASE, BASE, COOLDOWN))
        .isInstanceOf(RegistryUnavailableException.class);
    assertThatThrownBy(() -> missing.tryTake(counter(), 1, BASE))
        .isInstanceOf(RegistryUnavailableException.class);
    assertThatThrownBy(() -> missing.release(JIRA, fingerprint(), "worker-a"))
        .isInstanceOf(RegistryUnavailableException.class);
  }

  @Test
  void claim_whenDynamoDbIsUnreachable_throwsRegistryUnavailableWithTheCause() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (DynamoDbClient unreachable =
        AwsClients.dynamoDb(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closedPort))) {
      FingerprintRegistry registry = new DynamoDbFingerprintRegistry(unreachable, table);

      assertThatThrownBy(() -> registry.claim(JIRA, fingerprint(), "worker-a", BASE, LEASE))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("PutItem")
          .hasCauseInstanceOf(SdkClientException.class);
    }
  }

  private FingerprintRegistry registryAt(Instant now) {
    return new DynamoDbFingerprintRegistry(AWS.dynamoDb(), table, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static Map<String, AttributeValue> item(String pk) {
    return AWS.dynamoDb()
        .getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true))
        .item();
  }
}
