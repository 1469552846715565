package dev.dogcatcher.config;

/** A missing or invalid setting; the message names the variable and what was expected. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
