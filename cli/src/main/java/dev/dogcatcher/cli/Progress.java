package dev.dogcatcher.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows a run's progress: a live line on a terminal (logs read, groups analyzed, tickets filed), plain
 * stage lines otherwise, nothing when quiet.
 */
final class Progress {

  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter out;
  private final boolean live;
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong analyzed = new AtomicLong();
  private final AtomicLong filed = new AtomicLong();
  private volatile long groups = -1;
  private volatile long lastDraw;

  Progress(PrintWriter out, boolean live) {
    this.out = out;
    this.live = live;
  }

  /** Shows nothing. */
  static Progress quiet() {
    return new Progress(null, false);
  }

  void read() {
    read.incrementAndGet();
    redraw();
  }

  void grouped(long count) {
    groups = count;
    if (out != null && !live) {
      out.println("read " + read.get() + " logs into " + count + " error groups");
      out.flush();
    }
    redraw();
  }

  void analyzed() {
    analyzed.incrementAndGet();
    redraw();
  }

  void filed() {
    filed.incrementAndGet();
    redraw();
  }

  /** Ends the live line. */
  void done() {
    if (out != null && live) {
      draw();
      out.println();
      out.flush();
    }
  }

  private void redraw() {
    if (out == null || !live) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    draw();
  }

  private synchronized void draw() {
    String total = groups < 0 ? "?" : Long.toString(groups);
    out.print("\r" + bar() + " logs read " + read.get() + " | groups analyzed " + analyzed.get() + "/" + total
        + " | tickets filed " + filed.get() + "   ");
    out.flush();
  }

  private String bar() {
    if (groups <= 0) {
      return "[" + " ".repeat(20) + "]";
    }
    int done = (int) Math.min(20, (filed.get() * 20) / groups);
    return "[" + "#".repeat(done) + " ".repeat(20 - done) + "]";
  }
}
