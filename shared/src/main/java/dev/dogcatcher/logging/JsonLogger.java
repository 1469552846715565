package dev.dogcatcher.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dogcatcher.json.Json;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Writes each event as one JSON line: timestamp, level, logger, thread, message, and the error if any. */
final class JsonLogger extends LegacyAbstractLogger {

  private static final long serialVersionUID = 1L;

  private final Level threshold;
  private final transient PrintStream out;

  JsonLogger(String name, Level threshold, PrintStream out) {
    this.name = name;
    this.threshold = threshold;
    this.out = out;
  }

  /** The level named by a setting (TRACE … ERROR, any case); INFO when it names none. */
  static Level threshold(String name) {
    try {
      return Level.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }

  private boolean enabled(Level level) {
    return level.toInt() >= threshold.toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
    if (!enabled(level)) {
      return;
    }
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("timestamp", Instant.now().toString());
    line.put("level", level.name());
    line.put("logger", name);
    line.put("thread", Thread.currentThread().getName());
    line.put("message", MessageFormatter.basicArrayFormat(messagePattern, arguments));
    if (throwable != null) {
      StringWriter trace = new StringWriter();
      throwable.printStackTrace(new PrintWriter(trace));
      line.put("errorType", throwable.getClass().getName());
      line.put("stackTrace", trace.toString());
    }
    try {
      String json = Json.MAPPER.writeValueAsString(line);
      synchronized (out) {
        out.println(json);
      }
    } catch (JsonProcessingException e) {
      out.println("{\"level\":\"ERROR\",\"message\":\"cannot write a log line\"}");
    }
  }
}
