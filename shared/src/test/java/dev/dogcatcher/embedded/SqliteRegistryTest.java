package dev.dogcatcher.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dogcatcher.domain.Claim;
import dev.dogcatcher.port.FingerprintRegistry;
import dev.dogcatcher.port.FingerprintRegistryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry contract on a SQLite file, plus what only a file can show: state survives a restart. */
class SqliteRegistryTest extends FingerprintRegistryContract {

  @TempDir static Path dir;
  private SqliteRegistry registry;

  @Override
  protected FingerprintRegistry registry() {
    registry = SqliteRegistry.open(dir.resolve("state.db"));
    return registry;
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void state_survivesReopeningTheFile() {
    String fp = fingerprint();
    ticket(fp, "OPS-77");
    registry.close();

    registry = SqliteRegistry.open(dir.resolve("state.db"));

    assertThat(registry.find(JIRA, fp)).hasValueSatisfying(record -> assertThat(record.issueKey()).isEqualTo("OPS-77"));
    assertThat(registry.claim(JIRA, fp, "another", BASE, LEASE).outcome()).isEqualTo(Claim.Outcome.LOST);
  }

  @Test
  void twoProcessesSharingTheFile_neverBothWinAClaim() {
    String fp = fingerprint();
    try (SqliteRegistry other = SqliteRegistry.open(dir.resolve("state.db"))) {
      Claim first = registry.claim(OUTBOX, fp, "process-a", BASE, LEASE);
      Claim second = other.claim(OUTBOX, fp, "process-b", BASE, LEASE);

      assertThat(first.outcome()).isEqualTo(Claim.Outcome.WON);
      assertThat(second.outcome()).isEqualTo(Claim.Outcome.LOST);
      assertThat(second.previous().orElseThrow().owner()).isEqualTo("process-a");
    }
  }
}
