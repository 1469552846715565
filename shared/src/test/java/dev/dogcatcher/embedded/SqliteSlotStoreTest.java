package dev.dogcatcher.embedded;

import dev.dogcatcher.port.SlotStore;
import dev.dogcatcher.port.SlotStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The slot store contract on a SQLite file. */
class SqliteSlotStoreTest extends SlotStoreContract {

  @TempDir static Path dir;
  private SqliteRegistry registry;

  @Override
  protected SlotStore store() {
    registry = SqliteRegistry.open(dir.resolve("state.db"));
    return registry;
  }

  @AfterEach
  void close() {
    registry.close();
  }
}
