package dev.dogcatcher.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link FetchCursor} must have: extend it with a method returning the
 * implementation under test. Each test uses its own source names, so the cursor may keep state
 * between tests.
 */
public abstract class FetchCursorContract {

  protected static final Instant BASE = Instant.parse("2026-03-01T10:00:00.123Z");

  private FetchCursor cursor;

  /** The cursor under test; called once before each test. */
  protected abstract FetchCursor cursor();

  @BeforeEach
  void createCursor() {
    cursor = cursor();
  }

  @Test
  public void position_whenNeverAdvanced_isEmpty() {
    assertThat(cursor.position(source())).isEmpty();
  }

  @Test
  public void advance_thenPosition_returnsTheMarkToTheMillisecond() {
    String source = source();

    cursor.advance(source, BASE);

    assertThat(cursor.position(source)).contains(BASE);
  }

  @Test
  public void advance_forward_movesTheMark() {
    String source = source();
    cursor.advance(source, BASE);

    cursor.advance(source, BASE.plusSeconds(300));

    assertThat(cursor.position(source)).contains(BASE.plusSeconds(300));
  }

  @Test
  public void advance_backwards_isIgnored() {
    String source = source();
    cursor.advance(source, BASE.plusSeconds(300));

    cursor.advance(source, BASE);

    assertThat(cursor.position(source)).contains(BASE.plusSeconds(300));
  }

  @Test
  public void advance_toTheSameMark_keepsIt() {
    String source = source();
    cursor.advance(source, BASE);

    cursor.advance(source, BASE);

    assertThat(cursor.position(source)).contains(BASE);
  }

  @Test
  public void sources_areIndependent() {
    String first = source();
    String second = source();

    cursor.advance(first, BASE);

    assertThat(cursor.position(second)).isEmpty();
  }

  private static String source() {
    return "datadog:" + UUID.randomUUID();
  }
}
