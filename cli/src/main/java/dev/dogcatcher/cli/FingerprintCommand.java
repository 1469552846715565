package dev.dogcatcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.fingerprint.Fingerprint;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.json.DatadogLogs;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.json.MalformedMessageException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Fingerprints messages from stdin with the functions' own code: `<fingerprint>\t<template>` per line. */
@Command(
    name = "fingerprint",
    mixinStandardHelpOptions = true,
    description = {
      "Reads messages, one per line, on stdin and writes <fingerprint><TAB><template> per line.",
      "With --json, reads Datadog data[] items as JSON Lines, so stacks and error kinds count."
    })
final class FingerprintCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Read Datadog Logs API v2 data[] items, one per line.")
  boolean json;

  @Option(names = "--service", description = "The service of plain messages (default: none).", defaultValue = "")
  String service;

  @Option(names = "--app-packages", split = ",", description = "In-app package prefixes (DOGCATCHER_APP_PACKAGES).")
  List<String> appPackages = List.of();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Fingerprinter fingerprinter = new Fingerprinter(appPackages);
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
