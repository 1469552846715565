package dev.dogcatcher.logging;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** Hands out one {@link JsonLogger} per name, all writing to the same stream. */
final class JsonLoggerFactory implements ILoggerFactory {

  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
  private final Level threshold;
  private final PrintStream out;

  JsonLoggerFactory(Level threshold, PrintStream out) {
    this.threshold = threshold;
    this.out = out;
  }

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, key -> new JsonLogger(key, threshold, out));
  }
}
