package dev.dogcatcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.domain.ErrorGrouping;
import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.embedded.SqliteRegistry;
import dev.dogcatcher.fingerprint.Fingerprint;
import dev.dogcatcher.fingerprint.FingerprintRules;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.fingerprint.GroupingAccuracy;
import dev.dogcatcher.json.DatadogLogs;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.json.MalformedMessageException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Fingerprints messages from stdin with the functions' own code, or measures grouping accuracy on Loghub. */
@Command(
    name = "fingerprint",
    mixinStandardHelpOptions = true,
    description = {
      "Reads messages, one per line, on stdin and writes <fingerprint><TAB><template> per line (before",
      "learned slots, which need the messages around it: run, replay and the fetcher apply them).",
      "With --json, reads Datadog data[] items as JSON Lines, so stacks and error kinds count.",
      "With --loghub DIR, prints the grouping accuracy (GA) on every *_structured.csv in DIR (Loghub samples:",
      "columns Content and EventId), each read as one window by a fresh deployment: GA with learned slots,",
      "without them, and for the previous recipe."
    })
final class FingerprintCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Read Datadog Logs API v2 data[] items, one per line.")
  boolean json;

  @Option(names = "--service", description = "The service of plain messages (default: none).", defaultValue = "")
  String service;

  @Option(names = "--app-packages", split = ",", description = "In-app package prefixes (DOGCATCHER_APP_PACKAGES).")
  List<String> appPackages = List.of();

  @Option(
      names = "--rules",
      description = "Fingerprint rules file (default: DOGCATCHER_FINGERPRINT_RULES); never used with --loghub.")
  Path rules;

  @Option(names = "--loghub", paramLabel = "DIR", description = "Measure GA on the Loghub *_structured.csv files in DIR.")
  Path loghub;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (loghub != null) {
      return loghub();
    }
    FingerprintRules fingerprintRules =
        rules != null ? FingerprintRules.load(rules) : FingerprintRules.from(Settings.of(System.getenv()));
    Fingerprinter fingerprinter = Fingerprinter.from(appPackages, fingerprintRules);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
    PrintWriter err = spec.commandLine().getErr();
    long number = 0;
    int invalid = 0;
    String line;
    while ((line = in.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        out.println();
        continue;
      }
      try {
        Fingerprint fingerprint = fingerprinter.of(json ? parse(line) : plain(number, line));
        out.append(fingerprint.value()).append('\t').append(fingerprint.template()).append('\n');
      } catch (MalformedMessageException e) {
        invalid++;
        out.println();
        err.println("dogcatcher fingerprint: line " + number + ": " + e.getMessage());
      }
    }
    out.flush();
    return invalid == 0 ? 0 : 1;
  }

  // ---------------------------------------------------------------- --loghub

  /**
   * One row per data set and the mean: the key of a message is its fingerprint as the fetcher computes it
   * (plain message, no service, no rules), so GA measures what production groups by.
   */
  private int loghub() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(loghub)) {
      err.println("dogcatcher fingerprint: --loghub " + loghub + " is not a directory");
      return 2;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(loghub, "*_structured.csv")) {
      listing.forEach(files::add);
    }
    files.sort(null);
    if (files.isEmpty()) {
      err.println("dogcatcher fingerprint: no *_structured.csv file in " + loghub);
      return 2;
    }
    Fingerprinter fingerprinter = new Fingerprinter(appPackages);
    String format = "%-12s %9s %7s %7s %8s %8s %8s%n";
    out.printf(Locale.ROOT, format, "data set", "messages", "events", "groups",
        "GA", "no slots", "GA v" + (Fingerprinter.VERSION - 1));
    double sum = 0;
    double staticSum = 0;
    double previousSum = 0;
    for (Path file : files) {
      GroupingAccuracy.Tally current = new GroupingAccuracy.Tally();
      GroupingAccuracy.Tally noSlots = new GroupingAccuracy.Tally();
      GroupingAccuracy.Tally previous = new GroupingAccuracy.Tally();
      try {
        tally(file, fingerprinter, current, noSlots, previous);
      } catch (IllegalArgumentException e) {
        out.flush();
        err.println("dogcatcher fingerprint: " + file + ": " + e.getMessage());
        return 2;
      }
      sum += current.value();
      staticSum += noSlots.value();
      previousSum += previous.value();
      String name = file.getFileName().toString();
      out.printf(Locale.ROOT, format.replace("%8s %8s %8s", "%8.3f %8.3f %8.3f"),
          name.substring(0, name.indexOf('_')), current.messages(), current.events(), current.groups(),
          current.value(), noSlots.value(), previous.value());
      out.flush();
    }
    out.printf(Locale.ROOT, "%-12s %9s %7s %7s %8.3f %8.3f %8.3f%n", "mean", "", "", "",
        sum / files.size(), staticSum / files.size(), previousSum / files.size());
    out.flush();
    return 0;
  }

  /**
   * Each data set is read as one fetch window by a deployment that has learned nothing yet (a fresh
   * state file): {@code current} gets the keys production gives, slots learned from the file included,
   * {@code noSlots} the fingerprints before slots, {@code previous} those of the previous recipe.
   */
  private static void tally(
      Path file,
      Fingerprinter fingerprinter,
      GroupingAccuracy.Tally current,
      GroupingAccuracy.Tally noSlots,
      GroupingAccuracy.Tally previous)
      throws IOException {
    Path state = Files.createTempFile("dogcatcher-slots", ".db");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        SqliteRegistry slots = SqliteRegistry.open(state)) {
      ErrorGrouping grouping = new ErrorGrouping(fingerprinter, slots);
      List<String[]> keys = new ArrayList<>();
      Csv csv = new Csv(reader);
      List<String> header = csv.next();
      int content = header == null ? -1 : header.indexOf("Content");
      int eventId = header == null ? -1 : header.indexOf("EventId");
      if (content < 0 || eventId < 0) {
        throw new IllegalArgumentException("expected a header with Content and EventId columns");
      }
      List<String> row;
      while ((row = csv.next()) != null) {
        if (row.size() == 1 && row.get(0).isEmpty()) {
          continue;
        }
        if (row.size() <= Math.max(content, eventId)) {
          throw new IllegalArgumentException(
              "row " + csv.rows() + " has " + row.size() + " columns, expected " + header.size());
        }
        String message = row.get(content).isBlank() ? "-" : row.get(content);
        ErrorLog log = new ErrorLog("loghub-" + csv.rows(), Instant.EPOCH, "error", "", "", "", message, "", "",
            "", "", "", List.of(), null, "");
        Fingerprint fingerprint = grouping.add(log);
        List<Fingerprint> older = fingerprinter.previousVersions(log);
        keys.add(new String[] {fingerprint.value(), row.get(eventId)});
        noSlots.add(fingerprint.value(), row.get(eventId));
        String before = older.stream().filter(f -> f.version() == Fingerprinter.VERSION - 1).findFirst()
            .orElse(fingerprint).value();
        previous.add(before, row.get(eventId));
      }
      Map<String, String> moved = grouping.finish().moved();
      keys.forEach(key -> current.add(moved.getOrDefault(key[0], key[0]), key[1]));
    } finally {
      Files.deleteIfExists(state);
      Files.deleteIfExists(Path.of(state + "-wal"));
      Files.deleteIfExists(Path.of(state + "-shm"));
    }
  }

  /**
   * RFC 4180 rows read one at a time: fields separated by commas, quoted fields may hold commas, line
   * breaks and doubled quotes; rows end at LF, CRLF or CR.
   */
  static final class Csv {
    private final Reader reader;
    private final StringBuilder field = new StringBuilder();
    private int pushedBack = -2;
    private long rows;

    Csv(Reader reader) {
      this.reader = reader;
    }

    /** How many rows were read, the header included. */
    long rows() {
      return rows;
    }

    /** The next row, or null at the end. */
    List<String> next() throws IOException {
      int c = read();
      if (c < 0) {
        return null;
      }
      List<String> row = new ArrayList<>();
      field.setLength(0);
      boolean quoted = false;
      boolean wasQuoted = false;
      while (true) {
        if (quoted) {
          if (c < 0) {
            throw new IllegalArgumentException("row " + (rows + 1) + " ends inside a quoted field");
          }
          if (c == '"') {
            int after = read();
            if (after == '"') {
              field.append('"');
            } else {
              quoted = false;
              c = after;
              continue;
            }
          } else {
            field.append((char) c);
          }
        } else if (c == '"' && field.length() == 0 && !wasQuoted) {
          quoted = true;
          wasQuoted = true;
        } else if (c == ',') {
          row.add(field.toString());
          field.setLength(0);
          wasQuoted = false;
        } else if (c < 0 || c == '\n' || c == '\r') {
          if (c == '\r') {
            int after = read();
            if (after != '\n') {
              pushedBack = after;
            }
          }
          row.add(field.toString());
          rows++;
          return row;
        } else {
          field.append((char) c);
        }
        c = read();
      }
    }

    private int read() throws IOException {
      if (pushedBack != -2) {
        int c = pushedBack;
        pushedBack = -2;
        return c;
      }
      return reader.read();
    }
  }

  // ---------------------------------------------------------------- stdin

  private ErrorLog plain(long number, String message) {
    return new ErrorLog("line-" + number, Instant.EPOCH, "error", service, "", "", message, "", "", "", "", "",
        List.of(), null, "");
  }

  private static ErrorLog parse(String line) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new MalformedMessageException("malformed JSON");
    }
    return DatadogLogs.toErrorLog(node);
  }
}
