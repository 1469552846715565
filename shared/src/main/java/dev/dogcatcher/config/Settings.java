package dev.dogcatcher.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration values by environment-variable name (the names of DESIGN §7 and template.yaml), read
 * with typed accessors that fail with a {@link ConfigException} naming the variable.
 *
 * <p>Secret values are never part of an exception message.
 */
public final class Settings {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Settings of(Map<String, String> values) {
    Map<String, String> present = new HashMap<>();
    values.forEach(
        (key, value) -> {
          if (value != null && !value.isBlank()) {
            present.put(key, value.strip());
          }
        });
    return new Settings(present);
  }

  /** These settings with others laid over them (the others win). */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(values);
    Settings other = of(overrides);
    merged.putAll(other.values);
    return new Settings(merged);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new ConfigException(name + " is not set");
    }
    return value;
  }

  public String optional(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** A comma-separated list, blanks dropped. */
  public List<String> list(String name) {
    String value = values.get(name);
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
  }

  public boolean flag(String name, boolean fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new ConfigException(name + " must be true or false, was '" + value + "'");
    };
  }

  public long number(String name, long fallback, long min, long max) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      long number = Long.parseLong(value);
      if (number < min || number > max) {
        throw new ConfigException(name + " must be between " + min + " and " + max + ", was " + number);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, was '" + value + "'");
    }
  }

  /** An ISO-8601 duration (`PT5M`) or a short one (`5m`, `24h`, `30s`, `500ms`, `7d`). */
  public Duration duration(String name, Duration fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return parseDuration(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + " must be a duration like 5m, 24h or PT5M, was '" + value + "'");
    }
  }

  /** Parses `PT5M`, `5m`, `24h`, `30s`, `500ms` or `7d`. */
  public static Duration parseDuration(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT_DURATION.matcher(value);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      Duration duration = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      if (duration.isNegative()) {
        throw new IllegalArgumentException("negative duration: " + text);
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: " + text, e);
    }
  }
}
