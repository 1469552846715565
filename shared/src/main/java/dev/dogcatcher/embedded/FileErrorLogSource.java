package dev.dogcatcher.embedded;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.domain.TimeWindow;
import dev.dogcatcher.json.DatadogLogs;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.json.MalformedMessageException;
import dev.dogcatcher.port.ErrorLogSource;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Reads error logs from a file in the Datadog Logs API v2 shape: a response {@code {"data":[…]}}, or
 * JSON Lines of {@code data[]} items. Streams either way, so a file of millions of logs reads in
 * constant memory.
 *
 * <p>A bad record — malformed JSON, a log without a message, a line over {@link #MAX_LINE_BYTES}, bytes
 * that are not UTF-8 — is rejected with its position and reason, and reading goes on. A file is an
 * explicit input, so every log in it is read whatever its timestamp: the window is not applied.
 */
public final class FileErrorLogSource implements ErrorLogSource {

  /** A longer line is rejected (a 10 MB message is an accident, not an error report). */
  public static final int MAX_LINE_BYTES = 1024 * 1024;

  private final String name;
  private final Supplier<InputStream> input;

  /**
   * @param name the source's name (its cursor key and how rejections refer to it)
   * @param input opens the file; called once per read
   */
  public FileErrorLogSource(String name, Supplier<InputStream> input) {
    this.name = name;
    this.input = input;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void read(TimeWindow window, LogSink sink) {
    try (BufferedInputStream in = new BufferedInputStream(input.get(), 1 << 16)) {
      if (isEnvelope(in)) {
        readEnvelope(in, sink);
      } else {
        readLines(in, sink);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /** A response object starts with `{` and its first key is "data" followed by `[`. */
  private static boolean isEnvelope(BufferedInputStream in) throws IOException {
    in.mark(4096);
    byte[] head = in.readNBytes(4096);
    in.reset();
    String text = new String(head, StandardCharsets.UTF_8).stripLeading();
    return text.matches("(?s)\\{\\s*\"data\"\\s*:\\s*\\[.*");
  }

  private void readEnvelope(InputStream in, LogSink sink) throws IOException {
    long item = 0;
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
      parser.nextToken(); // {
      parser.nextToken(); // "data"
      parser.nextToken(); // [
      while (true) {
        JsonToken token;
        try {
          token = parser.nextToken();
        } catch (IOException e) {
          sink.reject(name + " item " + (item + 1), "malformed JSON, the rest of the file cannot be read: "
              + e.getMessage().lines().findFirst().orElse(""));
          return;
        }
        if (token == null || token == JsonToken.END_ARRAY) {
          return;
        }
        item++;
        try {
          JsonNode node = parser.readValueAsTree();
          sink.accept(DatadogLogs.toErrorLog(node));
        } catch (MalformedMessageException e) {
          sink.reject(name + " item " + item, e.getMessage());
        } catch (IOException e) {
          sink.reject(name + " item " + item, "malformed JSON, the rest of the file cannot be read: "
              + e.getMessage().lines().findFirst().orElse(""));
          return;
        }
      }
    }
  }

  private void readLines(InputStream in, LogSink sink) throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    byte[] buffer = new byte[1 << 16];
    long number = 0;
    boolean tooLong = false;
    int read;
    while ((read = in.read(buffer)) != -1) {
      int start = 0;
      for (int i = 0; i < read; i++) {
        if (buffer[i] != '\n') {
          continue;
        }
        tooLong = append(line, buffer, start, i - start, tooLong);
        endLine(line, tooLong, name + " line " + (++number), decoder, sink);
        line.reset();
        tooLong = false;
        start = i + 1;
      }
      tooLong = append(line, buffer, start, read - start, tooLong);
    }
    if (line.size() > 0 || tooLong) {
      endLine(line, tooLong, name + " line " + (++number), decoder, sink);
    }
  }

  /** Appends to the line unless it grew past the limit; returns whether it has. */
  private static boolean append(ByteArrayOutputStream line, byte[] bytes, int from, int length, boolean tooLong) {
    if (tooLong || line.size() + length > MAX_LINE_BYTES) {
      line.reset();
      return true;
    }
    line.write(bytes, from, length);
    return false;
  }

  private static void endLine(
      ByteArrayOutputStream line, boolean tooLong, String position, CharsetDecoder decoder, LogSink sink) {
    if (tooLong) {
      sink.reject(position, "line longer than " + MAX_LINE_BYTES + " bytes");
      return;
    }
    String text;
    try {
      text = decoder.decode(ByteBuffer.wrap(line.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      sink.reject(position, "not UTF-8 text");
      return;
    }
    if (!text.isBlank()) {
      readLine(text, position, sink);
    }
  }

  private static void readLine(String text, String position, LogSink sink) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text);
    } catch (IOException e) {
      sink.reject(position, "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
      return;
    }
    try {
      sink.accept(DatadogLogs.toErrorLog(node));
    } catch (MalformedMessageException e) {
      sink.reject(position, e.getMessage());
    }
  }
}
