package dev.dogcatcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FingerprintCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void loghub_printsTheGroupingAccuracyOfEachDataSetAndTheMean() throws IOException {
    // Three events; E1's messages differ only in values, E2 in a quoted comma-holding phrase, E3 in an
    // identifier joined by underscores that v2 read as words: all group, and v2 splits E3.
    Files.writeString(
        dir.resolve("Alpha_2k.log_structured.csv"),
        String.join(
            "\n",
            "LineId,Content,EventId,EventTemplate",
            "1,Connect to 10.0.0.1:80 failed,E1,Connect to <*> failed",
            "2,Connect to www.example.com:443 failed,E1,Connect to <*> failed",
            "3,\"Disk full, giving up on \"\"/var/a\"\"\",E2,\"Disk full, giving up on <*>\"",
            "4,\"Disk full, giving up on \"\"/var/b\"\"\",E2,\"Disk full, giving up on <*>\"",
            "5,task_1445_0020_m_000000 scheduled,E3,<*> scheduled",
            "6,task_1445_0020_r_000001 scheduled,E3,<*> scheduled",
            ""));
    // E1's user names read as constant words: apart without slots, one group once the slot has three.
    Files.writeString(
        dir.resolve("Beta_2k.log_structured.csv"),
        "LineId,Content,EventId\r\n1,Invalid user admin from 10.0.0.1,E1\r\n2,Invalid user guest from 10.0.0.2,E1\r\n"
            + "3,Invalid user oracle from 10.0.0.3,E1\r\n4,\"session\nclosed\",E2\r\n");
    Files.writeString(dir.resolve("notes.csv"), "not,a,sample\n");

    int code = execute("fingerprint", "--loghub", dir.toString());

    assertThat(code).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString().lines().toList())
        .containsExactly(
            "data set      messages  events  groups       GA no slots    GA v2",
            "Alpha                6       3       3    1.000    1.000    0.667",
            "Beta                 4       2       2    1.000    0.250    0.250",
            "mean                                      1.000    0.625    0.458");
  }

  /**
   * The four Loghub samples beside the repository ({@code ../shared/data/loghub}), grouped as production
   * groups them: a regression gate on the target, skipped where the samples are not there.
   */
  @Test
  void loghub_onTheSharedSamples_meanGroupingAccuracyIsAtLeast095() {
    Path samples = Path.of("..", "..", "shared", "data", "loghub").toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isDirectory(samples), "no Loghub samples at " + samples + ": skipped");

    int code = execute("fingerprint", "--loghub", samples.toString());

    assertThat(code).as(err.toString()).isZero();
    String mean = out.toString().lines().filter(line -> line.startsWith("mean")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(mean.trim().split(" +")[1])).as(out.toString()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void loghub_whenNoSampleIsThere_failsSayingSo() {
    int code = execute("fingerprint", "--loghub", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("no *_structured.csv file in " + dir);
  }

  @Test
  void loghub_whenTheColumnsAreMissing_failsNamingTheFile() throws IOException {
    Path file = dir.resolve("Gamma_2k.log_structured.csv");
    Files.writeString(file, "LineId,Message\n1,hello\n");

    int code = execute("fingerprint", "--loghub", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains(file + ": expected a header with Content and EventId columns");
  }

  @Test
  void csv_readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
    FingerprintCommand.Csv csv =
        new FingerprintCommand.Csv(new StringReader("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",,z\rlast"));

    List<List<String>> rows = new ArrayList<>();
    List<String> row;
    while ((row = csv.next()) != null) {
      rows.add(row);
    }

    assertThat(rows)
        .containsExactly(List.of("a", "b,c", "say \"hi\""), List.of("x\ny", "", "z"), List.of("last"));
    assertThat(csv.rows()).isEqualTo(3);
  }

  @Test
  void csv_whenAQuoteIsNeverClosed_fails() {
    FingerprintCommand.Csv csv = new FingerprintCommand.Csv(new StringReader("a,\"b\n"));

    assertThatThrownBy(csv::next)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 1 ends inside a quoted field");
  }

  private int execute(String... args) {
    CommandLine commandLine = Dogcatcher.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
