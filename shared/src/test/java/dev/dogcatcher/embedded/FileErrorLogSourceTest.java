package dev.dogcatcher.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.domain.TimeWindow;
import dev.dogcatcher.port.ErrorLogSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileErrorLogSourceTest {

  private static final TimeWindow ANY = new TimeWindow(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));

  private final List<ErrorLog> accepted = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();
  private final ErrorLogSource.LogSink sink = new ErrorLogSource.LogSink() {
    @Override
    public void accept(ErrorLog log) {
      accepted.add(log);
    }

    @Override
    public void reject(String position, String reason) {
      rejected.add(position + ": " + reason);
    }
  };

  private void read(String content) {
    new FileErrorLogSource("f", () -> new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
        .read(ANY, sink);
  }

  static String item(String id, String message) {
    return "{\"id\":\"" + id + "\",\"attributes\":{\"timestamp\":\"2026-11-27T09:00:00Z\",\"service\":\"s\","
        + "\"message\":\"" + message + "\"}}";
  }

  @Test
  void read_whenDatadogResponse_streamsEveryItemOfData() {
    read("{\n  \"data\": [\n" + item("a", "one") + ",\n" + item("b", "two") + "\n], \"meta\": {\"status\":\"done\"}}");

    assertThat(accepted).extracting(ErrorLog::id).containsExactly("a", "b");
    assertThat(rejected).isEmpty();
  }

  @Test
  void read_whenResponseHasAnInvalidItem_rejectsItByIndexAndReadsOn() {
    read("{\"data\":[" + item("a", "one") + ",{\"id\":\"b\"}," + item("c", "three") + "]}");

    assertThat(accepted).extracting(ErrorLog::id).containsExactly("a", "c");
    assertThat(rejected).containsExactly("f item 2: log item has no attributes object");
  }

  @Test
  void read_whenResponseIsCutOff_rejectsTheRestWithItsPosition() {
    read("{\"data\":[" + item("a", "one") + ",{\"id\":\"b\",\"attri");

    assertThat(accepted).extracting(ErrorLog::id).containsExactly("a");
    assertThat(rejected).singleElement().asString().startsWith("f item 2: malformed JSON");
  }

  @Test
  void read_whenJsonLines_keepsFileLineNumbersAcrossBlankLines() {
    read(item("a", "one") + "\n\n" + "{oops\n" + item("c", "three"));

    assertThat(accepted).extracting(ErrorLog::id).containsExactly("a", "c");
    assertThat(rejected).singleElement().asString().startsWith("f line 3: malformed JSON");
  }

  @Test
  void read_whenLineIsOverTheLimit_rejectsOnlyThatLine() {
    String huge = item("big", "x".repeat(FileErrorLogSource.MAX_LINE_BYTES + 10));

    read(item("a", "one") + "\n" + huge + "\n" + item("c", "three") + "\n");

    assertThat(accepted).extracting(ErrorLog::id).containsExactly("a", "c");
    assertThat(rejected).containsExactly("f line 2: line longer than " + FileErrorLogSource.MAX_LINE_BYTES + " bytes");
  }
}
