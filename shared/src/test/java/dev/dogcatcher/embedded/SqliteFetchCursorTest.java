package dev.dogcatcher.embedded;

import dev.dogcatcher.port.FetchCursor;
import dev.dogcatcher.port.FetchCursorContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The fetch cursor contract on a SQLite file. */
class SqliteFetchCursorTest extends FetchCursorContract {

  @TempDir static Path dir;
  private SqliteRegistry registry;

  @Override
  protected FetchCursor cursor() {
    registry = SqliteRegistry.open(dir.resolve("state.db"));
    return registry;
  }

  @AfterEach
  void close() {
    registry.close();
  }
}
