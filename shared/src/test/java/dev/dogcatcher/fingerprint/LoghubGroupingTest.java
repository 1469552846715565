package dev.dogcatcher.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Prints the grouping accuracy of {@link MessageTemplate#key} on the Loghub samples in
 * {@code ../shared/data/loghub} (relative to the repository root), when they are there. A measurement,
 * not a gate: the samples are a development set, and the rules must not be fitted to them.
 */
class LoghubGroupingTest {

  @Test
  void groupingAccuracy_perLoghubSample() throws IOException {
    Path directory = loghubDirectory();
    assumeTrue(directory != null, "no ../shared/data/loghub next to the repository: skipped");
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(path -> path.toString().endsWith(".csv")).sorted().toList();
    }
    assumeTrue(!files.isEmpty(), "no CSV file in " + directory);

    double sum = 0;
    for (Path file : files) {
      List<List<String>> rows = csv(file);
      List<String> header = rows.get(0);
      int content = header.indexOf("Content");
      int eventId = header.indexOf("EventId");
      List<String> predicted = new ArrayList<>();
      List<String> truth = new ArrayList<>();
      for (List<String> row : rows.subList(1, rows.size())) {
        predicted.add(MessageTemplate.key(row.get(content)));
        truth.add(row.get(eventId));
      }
      double ga = GroupingAccuracy.of(predicted, truth);
      sum += ga;
      System.out.printf(
          Locale.ROOT,
          "GA %-40s %.3f  (%d messages, %d events, %d templates)%n",
          file.getFileName(),
          ga,
          predicted.size(),
          truth.stream().distinct().count(),
          predicted.stream().distinct().count());
      assertThat(ga).isBetween(0.0, 1.0);
    }
    System.out.printf(Locale.ROOT, "GA %-40s %.3f%n", "mean", sum / files.size());
  }

  /** The loghub directory beside the repository root (the nearest ancestor with a pom.xml and .git). */
  private static Path loghubDirectory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git")) && Files.exists(dir.resolve("pom.xml"))) {
        Path loghub = dir.resolve("../shared/data/loghub").normalize();
        return Files.isDirectory(loghub) ? loghub : null;
      }
    }
    return null;
  }

  /** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
  static List<List<String>> csv(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean inQuotes = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          inQuotes = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        inQuotes = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
