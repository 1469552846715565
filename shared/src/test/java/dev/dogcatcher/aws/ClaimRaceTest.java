package dev.dogcatcher.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dogcatcher.domain.Claim;
import dev.dogcatcher.dynamodb.DynamoDbFingerprintRegistry;
import dev.dogcatcher.port.FingerprintRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sixteen ticket workers claiming one fingerprint at the same instant, 200 times over, in a table
 * created from template.yaml: exactly one wins every round, and every loser learns the winner.
 *
 * <p>Against moto_server the DynamoDB client serialises its requests ({@link SerialDynamoDbClient}):
 * moto evaluates a condition and stores the item without a lock, so two concurrent PutItems can both
 * pass {@code attribute_not_exists(pk)}, which DynamoDB itself never allows. What this test proves is
 * therefore the adapter's half of the guarantee: one conditional write per claim, the right condition,
 * the loser's answer read from ALL_OLD. The atomicity of the write is DynamoDB's half; {@code mvn verify
 * -Plocalstack} runs the same test against LocalStack.
 */
class ClaimRaceTest {

  @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();

  private static final int WORKERS = 16;
  private static final int ROUNDS = 200;
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);

  private static String table;
  private final ExecutorService pool = Executors.newFixedThreadPool(WORKERS);

  @BeforeAll
  static void createTable() {
    table = TemplateResources.fromRepository()
        .createTable(AWS.dynamoDb(), "RegistryTable", TemplateResources.uniqueSuffix());
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void claim_bySixteenWorkersAtOnce_hasExactlyOneWinnerInEachOf200Rounds() throws Exception {
    FingerprintRegistry registry = new DynamoDbFingerprintRegistry(AWS.dynamoDb(), table);
    CyclicBarrier start = new CyclicBarrier(WORKERS);
    for (int round = 1; round <= ROUNDS; round++) {
      String fingerprint = "race-" + UUID.randomUUID();
      List<Future<Claim>> claims = new ArrayList<>();
      for (int worker = 0; worker < WORKERS; worker++) {
        String owner = "worker-" + worker;
        claims.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return registry.claim("jira:OPS", fingerprint, owner, NOW, LEASE);
        }));
      }
      List<Claim> outcomes = new ArrayList<>();
      for (Future<Claim> claim : claims) {
        outcomes.add(claim.get(30, TimeUnit.SECONDS));
      }

      assertThat(outcomes).as("round %d", round).filteredOn(c -> c.outcome() == Claim.Outcome.WON).hasSize(1);
      String winner = registry.find("jira:OPS", fingerprint).orElseThrow().owner();
      assertThat(outcomes).as("round %d", round).filteredOn(c -> c.outcome() == Claim.Outcome.LOST)
          .hasSize(WORKERS - 1)
          .allSatisfy(c -> assertThat(c.previous().orElseThrow().owner()).isEqualTo(winner));
    }
  }
}
